/**
 * Independent references for the analysis tests: seeded random data, and textbook dense
 * solvers (Gaussian elimination with partial pivoting) that share no code with the eigen paths.
 */
import { createRng } from '../../src/lib/random';
import { type Matrix, createMatrix } from '../../src/lib/linalg/matrix';

export function randomMatrix(rows: number, cols: number, seed: number | string, sd = 1, mean = 0): Matrix {
  const rng = createRng(seed, 'analysis-test-matrix');
  const m = createMatrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal(mean, sd);
  return m;
}

export function at(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j] ?? Number.NaN;
}

/** Solves A X = B for square A by Gaussian elimination with partial pivoting. */
export function solveLinear(a: Matrix, b: Matrix): Matrix {
  const n = a.rows;
  const m = b.cols;
  const aug = Array.from({ length: n }, (_, i) => [
    ...Array.from({ length: n }, (_, j) => at(a, i, j)),
    ...Array.from({ length: m }, (_, j) => at(b, i, j)),
  ]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(aug[r]?.[c] ?? 0) > Math.abs(aug[pivot]?.[c] ?? 0)) pivot = r;
    const tmp = aug[c] ?? [];
    aug[c] = aug[pivot] ?? [];
    aug[pivot] = tmp;
    const prow = aug[c] ?? [];
    const pv = prow[c] ?? 1;
    for (let r = c + 1; r < n; r++) {
      const row = aug[r] ?? [];
      const f = (row[c] ?? 0) / pv;
      for (let k = c; k < n + m; k++) row[k] = (row[k] ?? 0) - f * (prow[k] ?? 0);
    }
  }
  const x = createMatrix(n, m);
  for (let i = n - 1; i >= 0; i--) {
    const row = aug[i] ?? [];
    for (let j = 0; j < m; j++) {
      let s = row[n + j] ?? 0;
      for (let k = i + 1; k < n; k++) s -= (row[k] ?? 0) * at(x, k, j);
      x.data[i * m + j] = s / (row[i] ?? 1);
    }
  }
  return x;
}

/** Plain triple loop A B, the textbook definition. */
export function naiveMatmul(a: Matrix, b: Matrix): Matrix {
  const out = createMatrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += at(a, i, k) * at(b, k, j);
      out.data[i * b.cols + j] = s;
    }
  }
  return out;
}

export function naiveTranspose(a: Matrix): Matrix {
  const out = createMatrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = at(a, i, j);
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return d;
}

/** max |a - b| / max(|b|, floor): a relative error that tolerates entries near zero. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-12): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let scale = floor;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i] ?? 0));
  return maxAbsDiff(a, b) / scale;
}
