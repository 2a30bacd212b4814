import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { type Matrix, MatrixShapeError, createMatrix } from './matrix';
import { setSimdKernels } from './simdKernels';
import { EigenError, leadingSymmetricEigen, symmetricEigen, symmetricTridiagonal } from './symmetricEigen';

function randomSymmetric(n: number, seed: number): Matrix {
  const rng = createRng(seed, 'symmetricEigen');
  const a = createMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a.data[i * n + j] = v;
      a.data[j * n + i] = v;
    }
  }
  return a;
}

/** max |A - V Λ Vᵀ| with eigenvectors as rows, and max |V Vᵀ - I|. */
function errors(a: Matrix): { reconstruction: number; orthonormality: number } {
  const n = a.rows;
  const { values, vectors: v } = symmetricEigen(a);
  const vectors = v.data;
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
      reconstruction = Math.max(reconstruction, Math.abs(sum - (a.data[i * n + j] ?? 0)));
      orthonormality = Math.max(orthonormality, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  return { reconstruction, orthonormality };
}

describe('symmetricEigen', () => {
  it('reconstructs a random symmetric 50×50 matrix with orthonormal rows and descending values', () => {
    const a = randomSymmetric(50, 1);
    const { reconstruction, orthonormality } = errors(a);
    expect(reconstruction).toBeLessThan(1e-9);
    expect(orthonormality).toBeLessThan(1e-10);
    const { values } = symmetricEigen(a);
    for (let k = 1; k < 50; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1] ?? 0);
    // Trace is the sum of eigenvalues.
    let trace = 0;
    for (let i = 0; i < 50; i++) trace += a.data[i * 51] ?? 0;
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 9);
  });

  it('matches the closed form of a 2×2 matrix', () => {
    const [p, q, r] = [2, 1.5, -1];
    const { values, vectors } = symmetricEigen(createMatrix(2, 2, [p, q, q, r]));
    const mean = (p + r) / 2;
    const radius = Math.hypot((p - r) / 2, q);
    expect(values[0]).toBeCloseTo(mean + radius, 14);
    expect(values[1]).toBeCloseTo(mean - radius, 14);
    // Eigenvector of λ₁ is parallel to (q, λ₁ - p).
    const [x, y] = [q, mean + radius - p];
    const cross = (vectors.data[0] ?? 0) * y - (vectors.data[1] ?? 0) * x;
    expect(Math.abs(cross)).toBeLessThan(1e-14);
  });

  it('sorts a diagonal matrix and returns unit vectors on the axes', () => {
    const diagonal = [3, -1, 7, 0];
    const a = createMatrix(4, 4);
    diagonal.forEach((v, i) => (a.data[i * 5] = v));
    const { values, vectors } = symmetricEigen(a);
    expect(Array.from(values)).toEqual([7, 3, 0, -1]);
    [2, 0, 3, 1].forEach((axis, k) => {
      expect(Math.abs(vectors.data[k * 4 + axis] ?? 0)).toBe(1);
    });
  });

  it('handles a 468×468 SPD matrix accurately', () => {
    const n = 468;
    const b = randomSymmetric(n, 2).data;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = i === j ? 1e-3 : 0;
        for (let k = 0; k < n; k++) sum += (b[i * n + k] ?? 0) * (b[j * n + k] ?? 0);
        a[i * n + j] = sum / n;
      }
    }
    const { values, vectors: v } = symmetricEigen({ rows: n, cols: n, data: a });
    const vectors = v.data;
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

  it('gives the same bits with the SIMD kernels on or off (the shape model depends on its exact vectors)', () => {
    const a = randomSymmetric(97, 5);
    const withSimd = symmetricEigen(a);
    setSimdKernels(false);
    try {
      const without = symmetricEigen(a);
      expect(without.values).toStrictEqual(withSimd.values);
      expect(without.vectors.data).toStrictEqual(withSimd.vectors.data);
    } finally {
      setSimdKernels(true);
    }
  });

  it('rejects a matrix that is not square, or not finite', () => {
    expect(() => symmetricEigen(createMatrix(2, 3))).toThrow(MatrixShapeError);
    expect(() => symmetricEigen({ rows: 2, cols: 2, data: new Float64Array(5) })).toThrow(MatrixShapeError);
    expect(() => symmetricEigen(createMatrix(2, 2, [1, NaN, NaN, 1]))).toThrow(EigenError);
    expect(() => symmetricEigen(createMatrix(2, 2, [1, NaN, NaN, 1]))).toThrow(/NaN/);
  });
});

/** max |1 - |v·w|| over the first k rows of two sets of n-wide unit vectors. */
function alignment(v: Float64Array, w: Float64Array, k: number, n: number): number {
  let worst = 0;
  for (let r = 0; r < k; r++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += (v[r * n + i] ?? 0) * (w[r * n + i] ?? 0);
    worst = Math.max(worst, Math.abs(1 - Math.abs(dot)));
  }
  return worst;
}

for (const simd of [true, false]) {
  describe(`leading eigenvectors and tridiagonal form (${simd ? 'SIMD kernels' : 'JavaScript loops'})`, () => {
    it('leadingSymmetricEigen: every value and the first k vectors of symmetricEigen (1e-12)', () => {
      setSimdKernels(simd);
      try {
        for (const [n, k] of [
          [1, 1],
          [9, 3],
          [150, 40],
          [203, 203],
        ] as const) {
          const a = randomSymmetric(n, n);
          const full = symmetricEigen(a);
          const lead = leadingSymmetricEigen(a, k);
          expect(lead.values.length).toBe(n);
          expect([lead.vectors.rows, lead.vectors.cols]).toEqual([k, n]);
          for (let i = 0; i < n; i++)
            expect(Math.abs((lead.values[i] ?? 0) - (full.values[i] ?? 0))).toBeLessThan(1e-12 * n);
          expect(alignment(lead.vectors.data, full.vectors.data, k, n)).toBeLessThan(1e-12);
        }
        expect(leadingSymmetricEigen(createMatrix(0, 0), 3).vectors.data.length).toBe(0);
      } finally {
        setSimdKernels(true);
      }
    });

    it('leadingSymmetricEigen spans a repeated eigenvalue with orthonormal vectors', () => {
      setSimdKernels(simd);
      try {
        // Q diag(5, 5, 5, 2, 1, …) Qᵀ for a random orthogonal Q (eigenvectors of a random matrix).
        const n = 40;
        const q = symmetricEigen(randomSymmetric(n, 7)).vectors.data;
        const lambda = Array.from({ length: n }, (_, i) => (i < 3 ? 5 : 2 / (i - 1)));
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++)
            for (let r = 0; r < n; r++)
              a[i * n + j] = (a[i * n + j] ?? 0) + (lambda[r] ?? 0) * (q[r * n + i] ?? 0) * (q[r * n + j] ?? 0);
        const { values, vectors: v } = leadingSymmetricEigen({ rows: n, cols: n, data: a }, 3);
        const vectors = v.data;
        for (let r = 0; r < 3; r++) expect(Math.abs((values[r] ?? 0) - 5)).toBeLessThan(1e-12);
        // Orthonormal, and inside span(q₀, q₁, q₂): the projection keeps each unit norm.
        for (let r = 0; r < 3; r++) {
          for (let c = 0; c < 3; c++) {
            let dot = 0;
            for (let i = 0; i < n; i++) dot += (vectors[r * n + i] ?? 0) * (vectors[c * n + i] ?? 0);
            expect(Math.abs(dot - (r === c ? 1 : 0))).toBeLessThan(1e-12);
          }
          let inside = 0;
          for (let b = 0; b < 3; b++) {
            let dot = 0;
            for (let i = 0; i < n; i++) dot += (vectors[r * n + i] ?? 0) * (q[b * n + i] ?? 0);
            inside += dot * dot;
          }
          expect(Math.abs(inside - 1)).toBeLessThan(1e-12);
        }
      } finally {
        setSimdKernels(true);
      }
    });

    it('symmetricTridiagonal: A = Q T Qᵀ with Q orthogonal (1e-12)', () => {
      setSimdKernels(simd);
      try {
        const n = 97;
        const a = randomSymmetric(n, 3);
        const { diagonal, subDiagonal, basis: q } = symmetricTridiagonal(a);
        const basis = q.data;
        expect(subDiagonal[0]).toBe(0);
        // (Q T Qᵀ)_ij = Σ_r Σ_s Q_ir T_rs Q_js, Q_ir = basis[r·n + i]; T has three diagonals.
        const qt = (r: number, i: number): number => basis[r * n + i] ?? 0;
        let reconstruction = 0;
        let orthogonality = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let sum = 0;
            let dot = 0;
            for (let r = 0; r < n; r++) {
              let tq = (diagonal[r] ?? 0) * qt(r, j);
              if (r > 0) tq += (subDiagonal[r] ?? 0) * qt(r - 1, j);
              if (r + 1 < n) tq += (subDiagonal[r + 1] ?? 0) * qt(r + 1, j);
              sum += qt(r, i) * tq;
              dot += qt(i, r) * qt(j, r);
            }
            reconstruction = Math.max(reconstruction, Math.abs(sum - (a.data[i * n + j] ?? 0)));
            orthogonality = Math.max(orthogonality, Math.abs(dot - (i === j ? 1 : 0)));
          }
        }
        expect(reconstruction).toBeLessThan(1e-12);
        expect(orthogonality).toBeLessThan(1e-12);
      } finally {
        setSimdKernels(true);
      }
    });
  });
}
