import { describe, expect, it } from 'vitest';
import { GmfError } from '../../lib/errors';
import { splitCountsIssue, splitIdentities, SplitError } from './splits';

const ids = Array.from({ length: 96 }, (_, i) => i);
const counts = { training: 48, validation: 24, testing: 24 };

function members(split: Map<number, string>, name: string): number[] {
  return [...split]
    .filter(([, s]) => s === name)
    .map(([id]) => id)
    .sort((a, b) => a - b);
}

describe('splitIdentities', () => {
  it('gives exact sizes, disjoint splits, and covers every identity', () => {
    const split = splitIdentities(ids, counts, 7);
    expect(members(split, 'training')).toHaveLength(48);
    expect(members(split, 'validation')).toHaveLength(24);
    expect(members(split, 'testing')).toHaveLength(24);
    const union = [...members(split, 'training'), ...members(split, 'validation'), ...members(split, 'testing')];
    expect(new Set(union).size).toBe(96);
    expect([...union].sort((a, b) => a - b)).toEqual(ids);
  });

  it('spreads identities: training is not simply the first ids', () => {
    const training = members(splitIdentities(ids, counts, 7), 'training');
    expect(training).not.toEqual(ids.slice(0, 48));
    expect(training.some((id) => id >= 48)).toBe(true);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i);
    const c = { training: 50, validation: 25, testing: 25 };
    expect([...splitIdentities(hundred, c, 1)]).toEqual([...splitIdentities(hundred, c, 1)]);
    expect(members(splitIdentities(hundred, c, 1), 'training')).not.toEqual(
      members(splitIdentities(hundred, c, 2), 'training'),
    );
  });

  it('does not depend on the order of the ids given', () => {
    const shuffled = [...ids].reverse();
    const a = splitIdentities(ids, counts, 3);
    const b = splitIdentities(shuffled, counts, 3);
    for (const id of ids) expect(b.get(id)).toBe(a.get(id));
  });

  it('explains sizes that do not add up', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i);
    const run = (): unknown => splitIdentities(hundred, counts, 1);
    expect(run).toThrow(SplitError);
    expect(run).toThrow('Split sizes 48 + 24 + 24 = 96 do not add up to the 100 identities in this dataset.');
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(GmfError);
      expect((e as GmfError).code).toBe('SPLIT_SIZES');
    }
  });

  it('rejects negative or non-integer counts', () => {
    expect(() => splitIdentities([0, 1, 2], { training: 4, validation: -1, testing: 0 }, 1)).toThrow(
      /validation identities must be a whole number of 0 or more, got -1/,
    );
    expect(() => splitIdentities([0, 1, 2], { training: 1.5, validation: 1.5, testing: 0 }, 1)).toThrow(
      /training identities must be a whole number/,
    );
  });

  it('rejects a duplicated identity', () => {
    expect(() => splitIdentities([0, 1, 1], { training: 1, validation: 1, testing: 1 }, 1)).toThrow(SplitError);
  });
});

describe('splitCountsIssue (issue 14: a split of -5 / 11 / 2 or with no training identity was accepted)', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['-5 / 11 / 2', { training: -5, validation: 11, testing: 2 }, /at least 1 training identity.*got -5/],
    ['0 training identities', { training: 0, validation: 4, testing: 4 }, /at least 1 training identity/],
    ['0 validation identities', { training: 6, validation: 0, testing: 2 }, /at least 1 validation identity/],
    ['NaN', { training: Number.NaN, validation: 4, testing: 4 }, /got NaN/],
    [
      'Infinity',
      { training: 4, validation: 4, testing: Infinity },
      /testing identities must be a whole number.*Infinity/,
    ],
    ['a fraction', { training: 3.5, validation: 2.5, testing: 2 }, /whole number/],
    ['a string', { training: '4', validation: 2, testing: 2 }, /got 4/],
    [
      'a sum other than the identities',
      { training: 4, validation: 2, testing: 4 },
      /4 \+ 2 \+ 4 = 10 do not add up to the 8/,
    ],
  ])('refuses %s', (_label, counts, message) => {
    expect(splitCountsIssue(counts as Record<'training' | 'validation' | 'testing', unknown>, 8)).toMatch(message);
  });

  it('accepts a split without testing identities (a dataset made only to train on)', () => {
    expect(splitCountsIssue({ training: 6, validation: 2, testing: 0 }, 8)).toBeNull();
    expect(splitCountsIssue({ training: 4, validation: 2, testing: 2 }, 8)).toBeNull();
  });
});
