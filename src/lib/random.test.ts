import { describe, expect, it } from 'vitest';
import { GmfError } from './errors';
import { createRng } from './random';

const N = 100_000;

function draws(rng: { next: () => number }, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('createRng', () => {
  it('pins the first five outputs for seed 42 (a generator change must be noticed)', () => {
    const rng = createRng(42);
    expect(Array.from({ length: 5 }, () => rng.uint32())).toEqual([
      3906406542, 2877505470, 460726717, 4287578159, 2292434863,
    ]);
    expect(createRng(42).next()).toBe(3906406542 / 2 ** 32);
  });

  it('repeats the same sequence for the same seed and keys', () => {
    expect(draws(createRng(42, 'identity', 17), 50)).toEqual(draws(createRng(42, 'identity', 17), 50));
  });

  it('gives different sequences for different seeds, keys, and key types', () => {
    const base = draws(createRng(42, 'identity', 17), 10);
    expect(draws(createRng(43, 'identity', 17), 10)).not.toEqual(base);
    expect(draws(createRng(42, 'identity', 18), 10)).not.toEqual(base);
    expect(draws(createRng(42, 'variation', 17), 10)).not.toEqual(base);
    expect(draws(createRng(42, 'identity', '17'), 10)).not.toEqual(base);
    expect(draws(createRng(42, 'identity', 1, 7), 10)).not.toEqual(draws(createRng(42, 'identity', 17), 10));
  });

  it('keeps streams independent: identity 5 does not depend on drawing 0..4 first', () => {
    const fresh = draws(createRng(7, 'identity', 5), 20);
    for (let id = 0; id < 5; id++) draws(createRng(7, 'identity', id), 1000);
    expect(draws(createRng(7, 'identity', 5), 20)).toEqual(fresh);
  });

  it('draws next() uniformly in [0, 1): mean and 10-bin chi-square', () => {
    const xs = draws(createRng(1), N);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / N;
    // SE of the mean is 0.289 / sqrt(N) ~ 0.0009; 0.005 is over 5 SE.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)] = (bins[Math.floor(x * 10)] ?? 0) + 1;
    const expected = N / 10;
    const chi2 = bins.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: P(chi2 > 27.88) = 0.001.
    expect(chi2).toBeLessThan(27.88);
  });

  it('draws normal() with mean 0 and SD 1 within 0.02, and honours mu and sd', () => {
    const rng = createRng(2);
    const xs = Array.from({ length: N }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / N;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (N - 1));
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
    // Same stream, shifted and scaled: an exact affine map of the standard draws.
    const shifted = createRng(2);
    for (let i = 0; i < 100; i++) expect(shifted.normal(10, 3)).toBeCloseTo(10 + 3 * (xs[i] ?? NaN), 9);
  });

  it('int(min, max) covers both ends, nothing outside, roughly evenly', () => {
    const rng = createRng(3);
    const counts = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      const k = rng.int(-3, 3);
      expect(Number.isInteger(k)).toBe(true);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c - 10_000 / 7)).toBeLessThan(200);
    expect(rng.int(5, 5)).toBe(5);
  });

  it('rejects bad int ranges and an empty pick with a GmfError', () => {
    const rng = createRng(4);
    expect(() => rng.int(3, 2)).toThrow(GmfError);
    expect(() => rng.int(0.5, 2)).toThrow(/whole|integers/);
    expect(() => rng.pick([])).toThrow(GmfError);
    expect(() => createRng(Number.NaN)).toThrow(GmfError);
  });

  it('pick() returns every item over many draws', () => {
    const rng = createRng(5);
    const seen = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b', 'c'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });
});
