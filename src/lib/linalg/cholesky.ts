/**
 * Cholesky factor of a symmetric positive definite matrix and its inverse. Small matrices (and
 * the diagonal blocks of large ones) use the register-blocked JavaScript kernels (each inner
 * loop runs eight independent sums over contiguous rows); large ones are done by blocks of
 * BLOCK columns so that nearly all the work is matrix products (matrix.ts, SIMD kernel).
 */
import { dot, dots4x2 } from './javascriptKernels';
import {
  type Matrix,
  createMatrix,
  matmul,
  matmulTransposeBTriangular,
  outerGram,
  requireSquare,
  transpose,
} from './matrix';

export interface InverseCholesky {
  /** L⁻¹ (lower triangular) for C = L Lᵀ. */
  readonly inverse: Matrix;
  /** (L⁻¹)ᵀ: row j is L⁻¹'s column j. */
  readonly inverseT: Matrix;
}

const BLOCK = 64;

/** L⁻¹ and its transpose for the lower Cholesky factor of the symmetric C, or null if C is not positive definite. */
export function inverseCholesky(c: Matrix): InverseCholesky | null {
  const q = requireSquare(c, 'inverseCholesky');
  if (q > 2 * BLOCK) return blockedInverseCholesky(c.data, q);
  const l = choleskyLower(c.data, q);
  if (l === null) return null;
  const inverseT = { rows: q, cols: q, data: invertLowerTransposed(l, q) };
  return { inverse: transpose(inverseT), inverseT };
}

/** Row j of the result is column j of L⁻¹ (so the result is (L⁻¹)ᵀ, upper triangular). */
function invertLowerTransposed(l: Float64Array, q: number): Float64Array {
  // Column j of L⁻¹ solves L x = e_j; it is zero before index j.
  const y = new Float64Array(q * q);
  let j = 0;
  for (; j + 3 < q; j += 4) invertColumns4(l, y, q, j);
  for (; j < q; j++) invertColumn(l, y, q, j);
  return y;
}

/** The block [r0, r0 + rows) × [c0, c0 + cols) of the q-column row-major x, as a matrix. */
function block(x: Float64Array, q: number, r0: number, c0: number, rows: number, cols: number): Matrix {
  const out = createMatrix(rows, cols);
  for (let i = 0; i < rows; i++) out.data.set(x.subarray((r0 + i) * q + c0, (r0 + i) * q + c0 + cols), i * cols);
  return out;
}

function putBlock(x: Float64Array, q: number, r0: number, c0: number, b: Matrix, scale = 1): void {
  for (let i = 0; i < b.rows; i++) {
    const o = (r0 + i) * q + c0;
    for (let j = 0; j < b.cols; j++) x[o + j] = scale * (b.data[i * b.cols + j] ?? 0);
  }
}

/**
 * Right-looking blocked Cholesky, then L⁻¹ by block rows. Per block column: factor the diagonal
 * block, L21 = A21 L11⁻ᵀ and the trailing update A22 -= L21 L21ᵀ as products. Then
 * X = L⁻¹ row block by row block: X_I,<I = -X_II (L_I,<I X_<I,<I).
 */
function blockedInverseCholesky(c: Float64Array, q: number): InverseCholesky | null {
  const a = Float64Array.from(c);
  const diagonalInverses: Matrix[] = [];
  for (let b = 0; b < q; b += BLOCK) {
    const w = Math.min(BLOCK, q - b);
    const l11 = choleskyLower(block(a, q, b, b, w, w).data, w);
    if (l11 === null) return null;
    const x11 = transpose({ rows: w, cols: w, data: invertLowerTransposed(l11, w) });
    diagonalInverses.push(x11);
    putBlock(a, q, b, b, { rows: w, cols: w, data: l11 });
    const rest = q - b - w;
    if (rest === 0) continue;
    const l21 = matmulTransposeBTriangular(block(a, q, b + w, b, rest, w), x11, 'lower');
    putBlock(a, q, b + w, b, l21);
    const update = outerGram(l21);
    for (let i = 0; i < rest; i++) {
      const o = (b + w + i) * q + b + w;
      for (let j = 0; j <= i; j++) a[o + j] = (a[o + j] ?? 0) - (update.data[i * rest + j] ?? 0);
    }
  }
  // a holds L in its lower triangle (the upper one is stale).
  for (let i = 0; i < q; i++) a.fill(0, i * q + i + 1, (i + 1) * q);
  const x = new Float64Array(q * q);
  diagonalInverses.forEach((xii, blockIndex) => {
    const b = blockIndex * BLOCK;
    putBlock(x, q, b, b, xii);
    if (b === 0) return;
    const t = matmul(block(a, q, b, 0, xii.rows, b), block(x, q, 0, 0, b, b));
    putBlock(x, q, b, 0, matmul(xii, t), -1);
  });
  const inverse = { rows: q, cols: q, data: x };
  return { inverse, inverseT: transpose(inverse) };
}

/**
 * Lower Cholesky factor of C (q × q), or null if a pivot is not positive. Rows are computed
 * four at a time against pairs of earlier rows, so the dot products share their loads and run
 * eight independent sums (dots4x2).
 */
function choleskyLower(c: Float64Array, q: number): Float64Array | null {
  const l = new Float64Array(q * q);
  for (let i = 0; i < q; i += 4) {
    const rows = Math.min(4, q - i);
    let j = 0;
    if (rows === 4) for (; j + 1 < i; j += 2) choleskyRows4(c, l, q, i, j);
    for (; j < i; j++)
      for (let r = i; r < i + rows; r++)
        l[r * q + j] = ((c[r * q + j] ?? 0) - dot(l, r * q, l, j * q, j)) / (l[j * q + j] ?? 1);
    for (let r = i; r < i + rows; r++) {
      for (let col = i; col <= r; col++) {
        const s = (c[r * q + col] ?? 0) - dot(l, r * q, l, col * q, col);
        if (col < r) l[r * q + col] = s / (l[col * q + col] ?? 1);
        else if (s > 0) l[r * q + r] = Math.sqrt(s);
        else return null;
      }
    }
  }
  return l;
}

/** The eight sums of dots4x2, sums[2r + c]. */
const sums = new Float64Array(8);

/** L at rows i..i+3, columns j and j+1 (j + 1 < i): both dots over k < j at once, then column j+1 takes its k = j term. */
function choleskyRows4(c: Float64Array, l: Float64Array, q: number, i: number, j: number): void {
  dots4x2(l, i * q, q, l, j * q, q, 0, j, sums, 0, 2);
  const d0 = l[j * q + j] ?? 1;
  const d1 = l[(j + 1) * q + j + 1] ?? 1;
  const link = l[(j + 1) * q + j] ?? 0;
  for (let r = 0; r < 4; r++) {
    const row = (i + r) * q;
    const a = ((c[row + j] ?? 0) - (sums[2 * r] ?? 0)) / d0;
    l[row + j] = a;
    l[row + j + 1] = ((c[row + j + 1] ?? 0) - ((sums[2 * r + 1] ?? 0) + a * link)) / d1;
  }
}

/** Row j of y = (L⁻¹)ᵀ by forward substitution: y[i] = (δᵢⱼ - Σ_{j ≤ k < i} L[i][k] y[k]) / L[i][i]. */
function invertColumn(l: Float64Array, y: Float64Array, q: number, j: number): void {
  const o = j * q;
  for (let i = j; i < q; i++) {
    const s = (i === j ? 1 : 0) - dot(l, i * q + j, y, o + j, i - j);
    y[o + i] = s / (l[i * q + i] ?? 1);
  }
}

/** Rows j..j+3 of y at once: each row pair i, i+1 of L meets the four partial solutions together. */
function invertColumns4(l: Float64Array, y: Float64Array, q: number, j: number): void {
  const o0 = j * q;
  // The 4 × 4 triangle at the top, one entry at a time (entries before each row's start are 0).
  for (let i = j; i < j + 4; i++) {
    for (let r = 0; r <= i - j; r++) {
      const o = o0 + r * q;
      y[o + i] = ((i === j + r ? 1 : 0) - dot(l, i * q + j, y, o + j, i - j)) / (l[i * q + i] ?? 1);
    }
  }
  // Then rows i, i+1 of L against the four partial solutions (sums[2r + c]: y's row j+r against L's row i+c).
  let i = j + 4;
  for (; i + 1 < q; i += 2) {
    dots4x2(y, o0, q, l, i * q, q, j, i, sums, 0, 2);
    const d0 = l[i * q + i] ?? 1;
    const d1 = l[(i + 1) * q + i + 1] ?? 1;
    const link = l[(i + 1) * q + i] ?? 0;
    for (let r = 0; r < 4; r++) {
      const o = o0 + r * q;
      const v = -(sums[2 * r] ?? 0) / d0;
      y[o + i] = v;
      y[o + i + 1] = -((sums[2 * r + 1] ?? 0) + link * v) / d1;
    }
  }
  for (; i < q; i++) {
    for (let r = 0; r < 4; r++) {
      const o = o0 + r * q;
      y[o + i] = -dot(l, i * q + j, y, o + j, i - j) / (l[i * q + i] ?? 1);
    }
  }
}
