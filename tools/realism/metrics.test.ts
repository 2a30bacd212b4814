import { describe, expect, it } from 'vitest';
import { cosineSimilarity, identityPairSimilarities, median, pearson, rocAuc } from './metrics';

describe('realism metrics', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('pearson r matches numpy.corrcoef on a small example, and is null for constant input', () => {
    // numpy.corrcoef([1, 2, 3, 4, 5], [2, 1, 4, 3, 7])[0, 1] = 0.8241633836921342
    expect(pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 7])).toBeCloseTo(0.8241633836921342, 12);
    expect(pearson([1, 2, 3, 4], [-2, -4, -6, -8])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('ROC-AUC equals the brute-force pair count, ties counting one half', () => {
    const pos = [0.9, 0.8, 0.8, 0.3, 0.55];
    const neg = [0.1, 0.8, 0.4, 0.35, 0.9, 0.2];
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
    expect(rocAuc(pos, neg)).toBeCloseTo(wins / (pos.length * neg.length), 12);
    // By hand: 0.9 beats 0.5 and 0.1, 0.4 beats 0.1 only: 3 of 4 pairs.
    expect(rocAuc([0.9, 0.4], [0.5, 0.1])).toBeCloseTo(0.75, 12);
    expect(rocAuc([1, 2], [])).toBeNull();
  });

  it('splits descriptor pairs by identity', () => {
    expect(cosineSimilarity([1, 0], [0, 2])).toBe(0);
    const pairs = identityPairSimilarities([
      { identity: 1, embedding: [1, 0] },
      { identity: 1, embedding: [2, 0] },
      { identity: 2, embedding: [0, 1] },
    ]);
    expect(pairs.same).toEqual([1]);
    expect(pairs.different).toEqual([0, 0]);
  });
});
