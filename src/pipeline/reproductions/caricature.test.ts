import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import { identifyByCentroids, leaveOneOutRows, levelScore, wilsonInterval, Z_95 } from './caricature';

const matrix = (rows: number, cols: number, value: (r: number, c: number) => number): Matrix => ({
  rows,
  cols,
  data: Float64Array.from({ length: rows * cols }, (_, i) => value(Math.floor(i / cols), i % cols)),
});

/** The protocol written out the slow way: every centroid rebuilt per probe, cosines by their definition. */
function bruteForce(reference: Matrix, ids: readonly number[], probes: Matrix): number[] {
  const d = reference.cols;
  const row = (m: Matrix, r: number) => Array.from(m.data.subarray(r * d, (r + 1) * d));
  const identities = [...new Set(ids)];
  return ids.map((own, r) => {
    const x = row(probes, r);
    const scores = identities.map((id) => {
      const members = ids.map((v, i) => i).filter((i) => ids[i] === id && !(id === own && i === r));
      const centroid = Array.from(
        { length: d },
        (_, c) => members.reduce((s, i) => s + (row(reference, i)[c] ?? 0), 0) / members.length,
      );
      const dot = x.reduce((s, v, c) => s + v * (centroid[c] ?? 0), 0);
      const norms = Math.hypot(...x) * Math.hypot(...centroid);
      return { id, cosine: norms > 0 ? dot / norms : 0 };
    });
    const mine = scores.find((s) => s.id === own)?.cosine ?? NaN;
    return scores.every((s) => s.id === own || s.cosine < mine) ? 1 : 0;
  });
}

describe('wilsonInterval', () => {
  it('solves the score equation |p̂ − p| = z √(p(1 − p)/n) at both ends', () => {
    for (const [k, n] of [
      [7, 10],
      [1, 3],
      [50, 200],
      [199, 200],
    ] as const) {
      const { low, high } = wilsonInterval(k, n);
      const p = k / n;
      for (const bound of [low, high])
        expect(Math.abs(Math.abs(p - bound) - Z_95 * Math.sqrt((bound * (1 - bound)) / n))).toBeLessThan(1e-12);
      expect(low).toBeLessThan(p);
      expect(high).toBeGreaterThan(p);
    }
  });

  it('matches the quadratic formula (2np̂ + z² ± z√(z² + 4np̂(1 − p̂))) / 2(n + z²), and the 0 / n and n / n closed forms', () => {
    const z = Z_95;
    for (const [k, n] of [
      [3, 17],
      [12, 40],
      [0, 10],
      [10, 10],
    ] as const) {
      const p = k / n;
      const root = z * Math.sqrt(z * z + 4 * n * p * (1 - p));
      const expected = [(2 * n * p + z * z - root) / (2 * (n + z * z)), (2 * n * p + z * z + root) / (2 * (n + z * z))];
      const { low, high } = wilsonInterval(k, n);
      expect(Math.abs(low - Math.max(0, expected[0] ?? NaN))).toBeLessThan(1e-14);
      expect(Math.abs(high - Math.min(1, expected[1] ?? NaN))).toBeLessThan(1e-14);
    }
    // No successes: [0, z² / (n + z²)]; all: [n / (n + z²), 1].
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(Math.abs(wilsonInterval(0, 10).high - (z * z) / (10 + z * z))).toBeLessThan(1e-15);
    expect(Math.abs(wilsonInterval(10, 10).low - 10 / (10 + z * z))).toBeLessThan(1e-15);
    expect(wilsonInterval(10, 10).high).toBe(1);
  });

  it('is NaN with no trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: NaN, high: NaN });
    expect(() => wilsonInterval(4, 3)).toThrow(/0 ≤ correct ≤ n/);
    expect(() => wilsonInterval(1.5, 3)).toThrow(/whole numbers/);
  });
});

describe('leaveOneOutRows', () => {
  it('drops the rows of identities with a single image and names them', () => {
    expect(leaveOneOutRows([4, 4, 9, 2, 2, 2, 7])).toEqual({ rows: [0, 1, 3, 4, 5], dropped: [7, 9] });
  });
});

describe('identifyByCentroids', () => {
  it('agrees probe for probe with the brute-force protocol (leave-one-out centroids, strict nearest cosine)', () => {
    const rng = createRng(3, 'caricature-brute');
    const ids = [0, 0, 0, 1, 1, 1, 1, 2, 2, 5, 5, 5];
    const centres = Array.from({ length: 6 }, () => Array.from({ length: 5 }, () => rng.normal()));
    const reference = matrix(ids.length, 5, (r, c) => (centres[ids[r] ?? 0]?.[c] ?? 0) + 1.5 * rng.normal());
    for (const scale of [1, 0.5, 2]) {
      // Level 1: the probes are the reference images themselves; else a scaled version plus noise.
      const probes =
        scale === 1
          ? reference
          : matrix(ids.length, 5, (r, c) => scale * (centres[ids[r] ?? 0]?.[c] ?? 0) + rng.normal());
      const ours = Array.from(identifyByCentroids(reference, ids, probes));
      const expected = bruteForce(reference, ids, probes);
      expect(ours).toEqual(expected);
      // Not a trivial agreement: some hits and some misses.
      expect(new Set(expected).size, `scale ${scale}`).toBe(2);
    }
  });

  it('counts a tie as a miss and a zero probe as scoring 0 against every centroid', () => {
    // Identity 0 and 1 have the same centroid direction: a tie every time.
    const reference = matrix(4, 2, (r) => (r < 2 ? 1 : 2));
    expect(Array.from(identifyByCentroids(reference, [0, 0, 1, 1], reference))).toEqual([0, 0, 0, 0]);
    const probes = matrix(4, 2, () => 0);
    const distinct = matrix(4, 2, (r, c) => (r < 2 ? c : 1 - c) + 0.1);
    expect(Array.from(identifyByCentroids(distinct, [0, 0, 1, 1], probes))).toEqual([0, 0, 0, 0]);
    expect(Array.from(identifyByCentroids(distinct, [0, 0, 1, 1], distinct))).toEqual([1, 1, 1, 1]);
  });

  it('refuses identities with one image, a single identity and mismatched shapes', () => {
    const m = matrix(3, 2, (r, c) => r + c);
    expect(() => identifyByCentroids(m, [0, 0, 1], m)).toThrow(/Identities 1 have one reference image/);
    expect(() => identifyByCentroids(m, [0, 0, 0], m)).toThrow(/two identities or more/);
    expect(() =>
      identifyByCentroids(
        m,
        [0, 0, 1],
        matrix(2, 2, () => 0),
      ),
    ).toThrow(/row for row/);
  });

  it('rises with the caricature level when scaling away from the mean separates the identities (planted)', () => {
    // Top-layer vectors = a shared positive mean + s × identity offset + image noise (the same
    // noise per image at every level: same variation). Scaling the offsets away from the mean
    // moves probes away from the other identities, so accuracy must rise with s.
    const rng = createRng(11, 'caricature-planted');
    const identities = 20;
    const perIdentity = 8;
    const d = 32;
    const mean = Array.from({ length: d }, () => 3 + rng.next());
    const offsets = Array.from({ length: identities }, () => Array.from({ length: d }, () => 0.5 * rng.normal()));
    const ids = Array.from({ length: identities * perIdentity }, (_, r) => Math.floor(r / perIdentity));
    const noise = Array.from({ length: ids.length * d }, () => 1.2 * rng.normal());
    const at = (s: number) =>
      matrix(ids.length, d, (r, c) => (mean[c] ?? 0) + s * (offsets[ids[r] ?? 0]?.[c] ?? 0) + (noise[r * d + c] ?? 0));
    const reference = at(1);
    const accuracy = [0.5, 1, 1.5, 2].map((s) => levelScore(s, identifyByCentroids(reference, ids, at(s))).accuracy);
    console.log('planted caricature accuracy at 0.5, 1, 1.5, 2:', accuracy.map((a) => a.toFixed(3)).join(', '));
    for (let i = 1; i < accuracy.length; i++) expect(accuracy[i]).toBeGreaterThan(accuracy[i - 1] ?? 1);
    // Level 1 is neither at chance nor perfect, so the rise is measured, not saturated.
    expect(accuracy[1]).toBeGreaterThan(2 / identities);
    expect(accuracy[1]).toBeLessThan(0.95);
  });
});

describe('levelScore', () => {
  it('counts hits and gives the Wilson interval of the accuracy', () => {
    const score = levelScore(1.5, Uint8Array.from([1, 0, 1, 1]));
    expect(score).toMatchObject({ scale: 1.5, probes: 4, correct: 3, accuracy: 0.75 });
    expect(score.ciLow).toBe(wilsonInterval(3, 4).low);
    expect(score.ciHigh).toBe(wilsonInterval(3, 4).high);
  });
});
