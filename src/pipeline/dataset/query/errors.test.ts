import { describe, expect, it } from 'vitest';
import { GmfError } from '../../../lib/errors';
import { DATASET_QUERY_SCHEMA, parseQuery, QuerySyntaxError, QueryTypeError, QueryUnknownColumnError } from './index';

/** Runs parseQuery and returns what it threw (fails the test when nothing is thrown). */
function thrown(text: string): GmfError & { position: number } {
  try {
    parseQuery(text, DATASET_QUERY_SCHEMA);
  } catch (error) {
    if (
      error instanceof QuerySyntaxError ||
      error instanceof QueryTypeError ||
      error instanceof QueryUnknownColumnError
    )
      return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('syntax errors', () => {
  it.each([
    ['age < 50 and', 12, "Expected a value after 'and' at position 12"],
    ['age < 50 and )', 13, "Expected a value after 'and' at position 13, found ')'"],
    ['age <', 5, "Expected a value after '<'"],
    ['(age < 50', 9, "Missing ')' to close '(' from position 0"],
    ['age < 50)', 8, "Unmatched ')' at position 8"],
    ['age 50', 4, "Unexpected '50' at position 4"],
    ['0 < age < 9', 8, 'Comparisons cannot be chained'],
    ['emo in "happy"', 7, 'Expected a list like'],
    ['emo in ["a" "b"]', 12, "Expected ',' or ']' at position 12"],
    ['abs(yr', 6, "Expected ',' or ')' at position 6"],
    ['age < 5 & id > 1', 8, "use 'and'"],
    ['age < 5 | id > 1', 8, "use 'or'"],
    ['emo == "a\\q"', 9, "Unknown escape '\\q'"],
    ['age < 12abc', 6, "Invalid number '12a'"],
    ['age # 1', 4, "Unexpected character '#'"],
  ])('%s -> position %i', (text, position, message) => {
    const error = thrown(text);
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error.code).toBe('QUERY_SYNTAX');
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });

  it('points out that = is not a comparison', () => {
    const error = thrown('age = 50');
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error.position).toBe(4);
    expect(error.message).toContain('use == to compare');
  });
});

describe('unknown columns', () => {
  it('lists the valid columns and suggests the nearest one', () => {
    const error = thrown('agee < 50');
    expect(error).toBeInstanceOf(QueryUnknownColumnError);
    expect(error.code).toBe('QUERY_UNKNOWN_COLUMN');
    expect(error.position).toBe(0);
    expect(error.message).toMatch(/^Unknown column 'agee'\. Did you mean 'age'\?/);
    expect(error.message).toContain('Valid columns: xr, yr, zr,');
    expect(error.message).toContain('split, image_path, feature_path.');
  });

  it('suggests across case and omits a suggestion when nothing is close', () => {
    expect(thrown('id == 1 or Gendr == "M"')).toMatchObject({ suggestion: 'gender' });
    const far = thrown('ethnicity == "WC"');
    expect(far).toBeInstanceOf(QueryUnknownColumnError);
    expect(far).toMatchObject({ suggestion: undefined });
    expect(far.message).not.toContain('Did you mean');
  });
});

describe('type errors', () => {
  it.each([
    ['emo == 1', "Cannot compare a string with a number using '=='"],
    ['age < "50"', "Cannot compare a number with a string using '<'"],
    ['emo + 1 > 0', "'+' needs a number, but got a string"],
    ['-emo == "x"', "Unary '-' needs a number"],
    ['age', 'A query needs a condition such as age < 50, but got a number'],
    ['age and id < 3', "'and' needs a condition"],
    ['not emo', "'not' needs a condition"],
    ['emo in ["a", 1]', "List items must be strings like the value before 'in', but got a number"],
    ['(age < 1) in [1]', "'in' needs a number or a string"],
    ['(age < 1) < (id < 1)', "'<' cannot order conditions"],
    ['abs(emo) > 1', 'abs() needs a number, but got a string'],
    ['log(age) > 1', "Unknown function 'log'; available functions: abs, round, floor, ceil, sqrt, min, max"],
    ['abs(age, 2) > 1', 'abs() takes 1 argument(s), but got 2'],
    ['sqrt() > 1', 'sqrt() takes 1 argument(s), but got 0'],
    ['min(age) > 1', 'min() takes at least 2 argument(s), but got 1'],
  ])('%s', (text, message) => {
    const error = thrown(text);
    expect(error).toBeInstanceOf(QueryTypeError);
    expect(error.code).toBe('QUERY_TYPE');
    expect(error.message).toContain(message);
  });

  it('reports the position of the offending node', () => {
    expect(thrown('age < 5 and emo == 1').position).toBe(16);
    expect(thrown('age < 5 or foo(1) > 0').position).toBe(11);
  });
});
