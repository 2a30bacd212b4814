import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { EigenError, symmetricEigen } from './symmetricEigen';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed, 'symmetricEigen');
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** max |A - V Λ Vᵀ| with eigenvectors as rows, and max |V Vᵀ - I|. */
function errors(a: Float64Array, n: number): { reconstruction: number; orthonormality: number } {
  const { values, vectors } = symmetricEigen(a, n);
  let reconstruction = 0;
  let orthonormality = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let dot = 0;
      for (let k = 0; k < n; k++) {
        sum += (values[k] ?? 0) * (vectors[k * n + i] ?? 0) * (vectors[k * n + j] ?? 0);
        dot += (vectors[i * n + k] ?? 0) * (vectors[j * n + k] ?? 0);
      }
      reconstruction = Math.max(reconstruction, Math.abs(sum - (a[i * n + j] ?? 0)));
      orthonormality = Math.max(orthonormality, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  return { reconstruction, orthonormality };
}

describe('symmetricEigen', () => {
  it('reconstructs a random symmetric 50×50 matrix with orthonormal rows and descending values', () => {
    const a = randomSymmetric(50, 1);
    const { reconstruction, orthonormality } = errors(a, 50);
    expect(reconstruction).toBeLessThan(1e-9);
    expect(orthonormality).toBeLessThan(1e-10);
    const { values } = symmetricEigen(a, 50);
    for (let k = 1; k < 50; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1] ?? 0);
    // Trace is the sum of eigenvalues.
    let trace = 0;
    for (let i = 0; i < 50; i++) trace += a[i * 51] ?? 0;
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 9);
  });

  it('matches the closed form of a 2×2 matrix', () => {
    const [p, q, r] = [2, 1.5, -1];
    const { values, vectors } = symmetricEigen(new Float64Array([p, q, q, r]), 2);
    const mean = (p + r) / 2;
    const radius = Math.hypot((p - r) / 2, q);
    expect(values[0]).toBeCloseTo(mean + radius, 14);
    expect(values[1]).toBeCloseTo(mean - radius, 14);
    // Eigenvector of λ₁ is parallel to (q, λ₁ - p).
    const [x, y] = [q, mean + radius - p];
    const cross = (vectors[0] ?? 0) * y - (vectors[1] ?? 0) * x;
    expect(Math.abs(cross)).toBeLessThan(1e-14);
  });

  it('sorts a diagonal matrix and returns unit vectors on the axes', () => {
    const diagonal = [3, -1, 7, 0];
    const a = new Float64Array(16);
    diagonal.forEach((v, i) => (a[i * 5] = v));
    const { values, vectors } = symmetricEigen(a, 4);
    expect(Array.from(values)).toEqual([7, 3, 0, -1]);
    [2, 0, 3, 1].forEach((axis, k) => {
      expect(Math.abs(vectors[k * 4 + axis] ?? 0)).toBe(1);
    });
  });

  it('handles a 468×468 SPD matrix quickly and accurately', () => {
    const n = 468;
    const b = randomSymmetric(n, 2);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = i === j ? 1e-3 : 0;
        for (let k = 0; k < n; k++) sum += (b[i * n + k] ?? 0) * (b[j * n + k] ?? 0);
        a[i * n + j] = sum / n;
      }
    }
    const start = performance.now();
    const { values, vectors } = symmetricEigen(a, n);
    const ms = performance.now() - start;
    console.info(`symmetricEigen n=468: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1500);
    expect(values[n - 1]).toBeGreaterThan(0);
    // A v_k = λ_k v_k for a few eigenpairs across the spectrum.
    for (const k of [0, 100, 300, n - 1]) {
      let residual = 0;
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += (a[i * n + j] ?? 0) * (vectors[k * n + j] ?? 0);
        residual = Math.max(residual, Math.abs(av - (values[k] ?? 0) * (vectors[k * n + i] ?? 0)));
      }
      expect(residual).toBeLessThan(1e-10);
    }
  });

  it('rejects a wrongly sized or non-finite matrix', () => {
    expect(() => symmetricEigen(new Float64Array(5), 2)).toThrow(EigenError);
    expect(() => symmetricEigen(new Float64Array([1, NaN, NaN, 1]), 2)).toThrow(/NaN/);
  });
});
