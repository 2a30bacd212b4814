import { afterEach, describe, expect, it } from 'vitest';
import { GmfError } from '../../../lib/errors';
import {
  DATASET_QUERY_SCHEMA,
  MAX_QUERY_DEPTH,
  MAX_QUERY_LENGTH,
  parseQuery,
  QuerySyntaxError,
  QueryTypeError,
  QueryUnknownColumnError,
} from './index';

const flags = globalThis as { __queryPwned?: boolean };
const row = { age: 30, emo: 'happy', constructor: 1, toString: 1 };

function rejection(text: string): GmfError {
  try {
    parseQuery(text, DATASET_QUERY_SCHEMA);
  } catch (error) {
    if (error instanceof GmfError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text.slice(0, 80))} to be rejected`);
}

describe('hostile input', () => {
  afterEach(() => {
    expect(flags.__queryPwned).toBeUndefined();
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s is just an unknown column',
    (name) => {
      expect(rejection(`${name} == 1`)).toBeInstanceOf(QueryUnknownColumnError);
      expect(rejection(`${name}(1) == 1`)).toBeInstanceOf(QueryTypeError); // and no function
    },
  );

  it.each([
    ['process.exit()', 7],
    ['"x".length > 0', 3],
    ['age.constructor == 1', 3],
    ['a[0] == 1', 1],
    ['emo[0] == "h"', 3],
    ["'unterminated", 0],
    ['emo == "abc', 7],
    ['globalThis.__queryPwned = true', 10],
    ['`${age}` == 1', 0],
    ['age; __queryPwned', 3],
    ['(() => 1)() == 1', 4],
  ])('%s is a syntax error at %i', (text, position) => {
    const error = rejection(text);
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error).toMatchObject({ position });
  });

  it('never reads columns through the prototype chain of the row', () => {
    const schema = { age: 'number', emo: 'string' } as const;
    const inherited = Object.create({ age: 10, emo: 'happy' }) as Record<string, unknown>;
    expect(parseQuery('age == 10 or emo == "happy"', schema).test(inherited)).toBe(false);
    expect(parseQuery('age == 30', schema).test(row)).toBe(true);
  });

  it(`rejects a query longer than ${MAX_QUERY_LENGTH} characters`, () => {
    const long = Array.from({ length: 2000 }, () => 'age > 1').join(' and ');
    expect(long.length).toBeGreaterThan(10_000);
    const error = rejection(long);
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error.message).toContain(`the limit is ${MAX_QUERY_LENGTH}`);
    const atLimit = `age > 1${' '.repeat(MAX_QUERY_LENGTH - 7)}`;
    expect(parseQuery(atLimit, DATASET_QUERY_SCHEMA).test(row)).toBe(true);
  });

  it(`rejects nesting deeper than ${MAX_QUERY_DEPTH}`, () => {
    const nested = `${'('.repeat(500)}age > 1${')'.repeat(500)}`;
    const error = rejection(nested);
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error.message).toContain(`deeper than ${MAX_QUERY_DEPTH} levels`);
    expect(rejection(`${'-'.repeat(500)}age > 1`)).toBeInstanceOf(QuerySyntaxError);
    expect(rejection(`${'not '.repeat(300)}age > 1`)).toBeInstanceOf(QuerySyntaxError);
    expect(rejection(`${'abs('.repeat(300)}age${')'.repeat(300)} > 1`)).toBeInstanceOf(QuerySyntaxError);
    const ok = `${'('.repeat(MAX_QUERY_DEPTH)}age > 1${')'.repeat(MAX_QUERY_DEPTH)}`;
    expect(parseQuery(ok, DATASET_QUERY_SCHEMA).test(row)).toBe(true);
  });

  it('evaluates a long flat chain within the length limit without overflowing', () => {
    const chain = `${Array.from({ length: 900 }, () => '1').join('+')} == 900`;
    expect(parseQuery(chain, DATASET_QUERY_SCHEMA).test(row)).toBe(true);
  });
});
