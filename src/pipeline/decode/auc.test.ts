import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random';
import { OvrAucScorer, rankScores, rescaleAuc, rocAuc, rocAucOvr, weightedAuc } from './auc';
import { createMatrix } from '../../lib/linalg/matrix';

/** Mann–Whitney by counting every positive/negative pair: 1 if the positive scores higher, ½ if tied. */
function bruteForceAuc(positive: boolean[], scores: number[]): number {
  let sum = 0;
  let pairs = 0;
  positive.forEach((pi, i) => {
    if (!pi) return;
    positive.forEach((pj, j) => {
      if (pj) return;
      pairs++;
      const a = scores[i] ?? 0;
      const b = scores[j] ?? 0;
      sum += a > b ? 1 : a === b ? 0.5 : 0;
    });
  });
  return sum / pairs;
}

/** Scores rounded to one decimal so ties are frequent. */
function tiedScores(n: number, seed: number): { labels: number[]; scores: number[] } {
  const rng = createRng(seed, 'auc-test');
  const labels = Array.from({ length: n }, () => rng.int(0, 1));
  const scores = labels.map((l) => Math.round((rng.normal() + l) * 10) / 10);
  return { labels, scores };
}

describe('ROC-AUC as Mann–Whitney U (exact, 1e-15)', () => {
  it('equals brute-force pair counting with many ties', () => {
    for (const seed of [1, 2, 3]) {
      const { labels, scores } = tiedScores(200, seed);
      expect(new Set(scores).size).toBeLessThan(100);
      expect(rocAuc(labels, scores)).toBeCloseTo(bruteForceAuc(labels.map(Boolean), scores), 15);
    }
  });

  it('is 1, 0 and ½ for perfect, reversed and all-tied scores; NaN with a single class', () => {
    expect(rocAuc([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [1, 2, 3, 4])).toBe(0);
    expect(rocAuc([1, 0, 1, 0], [5, 5, 5, 5])).toBe(0.5);
    expect(rocAuc([1, 1], [1, 2])).toBeNaN();
    expect(rescaleAuc(0.75)).toBe(0.5);
  });

  it('with integer weights equals the replicated sample', () => {
    const { labels, scores } = tiedScores(40, 9);
    const weights = labels.map((_, i) => i % 3);
    const repLabels: boolean[] = [];
    const repScores: number[] = [];
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        repLabels.push(labels[i] === 1);
        repScores.push(scores[i] ?? 0);
      }
    });
    expect(weightedAuc(rankScores(scores), (i) => labels[i] === 1, weights)).toBeCloseTo(
      bruteForceAuc(repLabels, repScores),
      14,
    );
  });

  it('one-vs-rest macro AUC averages the per-class brute-force AUCs; binary uses the second column', () => {
    const rng = createRng(4, 'ovr');
    const n = 90;
    const classes = 3;
    const labels = Array.from({ length: n }, (_, i) => i % classes);
    const proba = createMatrix(n, classes);
    for (let i = 0; i < n; i++) {
      const raw = Array.from({ length: classes }, (_, c) =>
        Math.exp(Math.round((rng.normal() + (c === labels[i] ? 1 : 0)) * 4) / 4),
      );
      const s = raw.reduce((a, b) => a + b, 0);
      raw.forEach((v, c) => (proba.data[i * classes + c] = v / s));
    }
    const expected = [0, 1, 2].map((c) =>
      bruteForceAuc(
        labels.map((l) => l === c),
        Array.from({ length: n }, (_, i) => proba.data[i * classes + c] ?? 0),
      ),
    );
    expect(rocAucOvr(labels, proba)).toBeCloseTo(expected.reduce((a, b) => a + b, 0) / 3, 14);

    const binary = createMatrix(4, 2, [0.9, 0.1, 0.4, 0.6, 0.7, 0.3, 0.2, 0.8]);
    expect(rocAucOvr([0, 1, 1, 0], binary)).toBe(bruteForceAuc([false, true, true, false], [0.1, 0.6, 0.3, 0.8]));
    expect(new OvrAucScorer(binary).score([0, 1, 1, 0], [1, 0, 1, 1])).toBe(
      bruteForceAuc([false, true, false], [0.1, 0.3, 0.8]),
    );
  });
});
