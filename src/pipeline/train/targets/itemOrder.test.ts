import { describe, expect, it } from 'vitest';
import { heldOutCount, holdOutPerIdentity, shuffledIndices, trainValidationItems, type SplitItem } from './itemOrder';

describe('shuffledIndices', () => {
  it('is a permutation, the same for the same seed and keys, different otherwise', () => {
    const a = shuffledIndices(100, 42);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(shuffledIndices(100, 42)).toEqual(a);
    expect(shuffledIndices(100, 43)).not.toEqual(a);
    expect(shuffledIndices(100, 42, 1)).not.toEqual(shuffledIndices(100, 42, 2));
    expect(Array.from(shuffledIndices(0, 1))).toEqual([]);
    expect(Array.from(shuffledIndices(1, 1))).toEqual([0]);
  });

  it('moves every item to every place about equally often (Fisher-Yates, not a biased swap)', () => {
    const n = 4;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const draws = 8000;
    for (let s = 0; s < draws; s++) {
      shuffledIndices(n, s).forEach((item, place) => {
        const row = counts[item];
        if (row) row[place] = (row[place] ?? 0) + 1;
      });
    }
    // Each cell ~ Binomial(8000, 1/4): sd ~ 39, so +-200 is beyond 5 sd.
    for (const row of counts) for (const c of row) expect(Math.abs(c - draws / n)).toBeLessThan(200);
  });
});

describe('id-target holdout', () => {
  it('holds out 12.5 % of k images, rounded half up, at least 1 and at most k - 1', () => {
    const table = [
      [1, 0],
      [2, 1],
      [3, 1],
      [4, 1],
      [8, 1],
      [12, 2],
      [16, 2],
      [20, 3],
      [24, 3],
      [100, 13],
    ];
    expect(table.map(([k]) => [k, heldOutCount(k ?? 0)])).toEqual(table);
  });

  // 48 identities x 16 images, stored interleaved (item i is identity i % 48).
  const identities = Array.from({ length: 48 * 16 }, (_, i) => i % 48);

  it("takes 2 of each identity's 16 images: 96 of 768, disjoint, covering every item", () => {
    const { training, validation } = holdOutPerIdentity(identities, 7);
    expect(validation).toHaveLength(96);
    expect(training).toHaveLength(672);
    expect([...training, ...validation].sort((a, b) => a - b)).toEqual(identities.map((_, i) => i));
    const perIdentity = new Map<number, number>();
    for (const i of validation) perIdentity.set(identities[i] ?? -1, (perIdentity.get(identities[i] ?? -1) ?? 0) + 1);
    expect([...perIdentity.values()]).toEqual(new Array(48).fill(2));
    expect(validation).toEqual([...validation].sort((a, b) => a - b));
  });

  it("is reproducible for a seed, differs across seeds, and one identity's choice ignores the others", () => {
    const a = holdOutPerIdentity(identities, 7);
    expect(holdOutPerIdentity(identities, 7)).toEqual(a);
    expect(holdOutPerIdentity(identities, 8).validation).not.toEqual(a.validation);
    // Identity 3 alone (its 16 items in the same order) gets the same images held out.
    const own = identities.flatMap((id, i) => (id === 3 ? [i] : []));
    const alone = holdOutPerIdentity(
      own.map(() => 3),
      7,
    ).validation.map((j) => own[j]);
    expect(alone).toEqual(a.validation.filter((i) => identities[i] === 3));
  });

  it('only trains on single-image identities, and refuses when no identity can be validated', () => {
    const split = holdOutPerIdentity([0, 1, 1, 2], 1);
    expect(split.validation).toHaveLength(1);
    expect([1, 2]).toContain(split.validation[0]);
    expect(() => holdOutPerIdentity([0, 1, 2], 1)).toThrow(/at least 2 variations per identity/);
  });
});

describe('trainValidationItems', () => {
  const items: SplitItem[] = [
    ...Array.from({ length: 16 }, (_, i): SplitItem => ({ identity: i % 2, split: 'training' })),
    { identity: 5, split: 'validation' },
    { identity: 6, split: 'testing' },
  ];

  it('with id as a target, trains and validates on the training split only', () => {
    const { training, validation } = trainValidationItems(items, ['gender', 'id'], 3);
    // Two identities with 8 images each: one of each held out.
    expect(validation.map((i) => items[i]?.identity).sort()).toEqual([0, 1]);
    expect(training).toHaveLength(14);
    expect([...training, ...validation].every((i) => items[i]?.split === 'training')).toBe(true);
  });

  it("otherwise uses the dataset's training and validation splits", () => {
    const { training, validation } = trainValidationItems(items, ['gender'], 3);
    expect(training).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(validation).toEqual([16]);
  });
});
