import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, nameIssue, uniqueName } from './names';

describe('names', () => {
  it('accepts a plain name and refuses empty, over-long, control-character and taken ones', () => {
    expect(nameIssue('faces 64px', 'dataset')).toBeNull();
    expect(nameIssue('   ', 'dataset')).toMatch(/Give the dataset a name/);
    expect(nameIssue('x'.repeat(MAX_NAME_LENGTH), 'run')).toBeNull();
    expect(nameIssue('x'.repeat(10_000), 'run')).toMatch(/at most 80 characters \(this one has 10000\)/);
    expect(nameIssue('a\tb', 'run')).toMatch(/control characters/);
    expect(nameIssue(' faces ', 'dataset', ['faces'])).toMatch(/already a dataset called 'faces'.*'faces \(2\)'/);
  });

  it('numbers a clashing name with the first free suffix, within the length limit', () => {
    expect(uniqueName('faces', [])).toBe('faces');
    expect(uniqueName('faces', ['faces', 'faces (2)'])).toBe('faces (3)');
    const long = 'y'.repeat(MAX_NAME_LENGTH);
    const numbered = uniqueName(long, [long]);
    expect(numbered).toHaveLength(MAX_NAME_LENGTH);
    expect(numbered.endsWith(' (2)')).toBe(true);
  });
});
