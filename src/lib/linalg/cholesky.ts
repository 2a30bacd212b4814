/**
 * Cholesky factor of a symmetric positive definite matrix and its inverse. Small matrices (and
 * the diagonal blocks of large ones) use register-blocked loops in the style of matrix.ts (each
 * inner loop runs eight independent sums over contiguous rows); large ones are done by blocks
 * of BLOCK columns so that nearly all the work is matrix products (matrix.ts, SIMD kernel).
 */
import { type Matrix, createMatrix, matmul, matmulTransposeBTriangular, outerGram } from './matrix';

export interface InverseCholesky {
  /** L⁻¹ (q × q, row-major, lower triangular) for C = L Lᵀ. */
  readonly inverse: Float64Array;
  /** (L⁻¹)ᵀ, row-major: row j is L⁻¹'s column j. */
  readonly inverseT: Float64Array;
}

const BLOCK = 64;

/** L⁻¹ and its transpose for the lower Cholesky factor of C, or null if C is not positive definite. */
export function inverseCholesky(c: Float64Array, q: number): InverseCholesky | null {
  if (q > 2 * BLOCK) return blockedInverseCholesky(c, q);
  const l = choleskyLower(c, q);
  if (l === null) return null;
  const y = invertLowerTransposed(l, q);
  return { inverse: transposeSquare(y, q), inverseT: y };
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

function transposeSquare(x: Float64Array, q: number): Float64Array {
  const out = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) out[j * q + i] = x[i * q + j] ?? 0;
  return out;
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
    const x11 = { rows: w, cols: w, data: transposeSquare(invertLowerTransposed(l11, w), w) };
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
  return { inverse: x, inverseT: transposeSquare(x, q) };
}

/**
 * Lower Cholesky factor of C (row-major), or null if a pivot is not positive. Rows are computed
 * four at a time against pairs of earlier rows, so the dot products share their loads and run
 * eight independent sums (see matrix.ts).
 */
function choleskyLower(c: Float64Array, q: number): Float64Array | null {
  const l = new Float64Array(q * q);
  for (let i = 0; i < q; i += 4) {
    const rows = Math.min(4, q - i);
    let j = 0;
    if (rows === 4) for (; j + 1 < i; j += 2) choleskyRows4(c, l, q, i, j);
    for (; j < i; j++) for (let r = i; r < i + rows; r++) l[r * q + j] = ((c[r * q + j] ?? 0) - dotPrefix(l, r * q, l, j * q, j)) / (l[j * q + j] ?? 1);
    for (let r = i; r < i + rows; r++) {
      for (let col = i; col <= r; col++) {
        const s = (c[r * q + col] ?? 0) - dotPrefix(l, r * q, l, col * q, col);
        if (col < r) l[r * q + col] = s / (l[col * q + col] ?? 1);
        else if (s > 0) l[r * q + r] = Math.sqrt(s);
        else return null;
      }
    }
  }
  return l;
}

/** Σ_{k < len} a[x + k] b[y + k]. */
function dotPrefix(a: Float64Array, x: number, b: Float64Array, y: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let k = 0;
  for (; k + 1 < len; k += 2) {
    s0 += (a[x + k] ?? 0) * (b[y + k] ?? 0);
    s1 += (a[x + k + 1] ?? 0) * (b[y + k + 1] ?? 0);
  }
  if (k < len) s0 += (a[x + k] ?? 0) * (b[y + k] ?? 0);
  return s0 + s1;
}

/** L at rows i..i+3, columns j and j+1 (j + 1 < i): both dots over k < j at once, then column j+1 takes its k = j term. */
function choleskyRows4(c: Float64Array, l: Float64Array, q: number, i: number, j: number): void {
  const b0 = j * q;
  const b1 = b0 + q;
  const r0 = i * q;
  const r1 = r0 + q;
  const r2 = r1 + q;
  const r3 = r2 + q;
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  let s30 = 0;
  let s31 = 0;
  for (let k = 0; k < j; k++) {
    const y0 = l[b0 + k] ?? 0;
    const y1 = l[b1 + k] ?? 0;
    const x0 = l[r0 + k] ?? 0;
    const x1 = l[r1 + k] ?? 0;
    const x2 = l[r2 + k] ?? 0;
    const x3 = l[r3 + k] ?? 0;
    s00 += x0 * y0;
    s01 += x0 * y1;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s20 += x2 * y0;
    s21 += x2 * y1;
    s30 += x3 * y0;
    s31 += x3 * y1;
  }
  const d0 = l[b0 + j] ?? 1;
  const d1 = l[b1 + j + 1] ?? 1;
  const link = l[b1 + j] ?? 0;
  let a = ((c[r0 + j] ?? 0) - s00) / d0;
  l[r0 + j] = a;
  l[r0 + j + 1] = ((c[r0 + j + 1] ?? 0) - (s01 + a * link)) / d1;
  a = ((c[r1 + j] ?? 0) - s10) / d0;
  l[r1 + j] = a;
  l[r1 + j + 1] = ((c[r1 + j + 1] ?? 0) - (s11 + a * link)) / d1;
  a = ((c[r2 + j] ?? 0) - s20) / d0;
  l[r2 + j] = a;
  l[r2 + j + 1] = ((c[r2 + j + 1] ?? 0) - (s21 + a * link)) / d1;
  a = ((c[r3 + j] ?? 0) - s30) / d0;
  l[r3 + j] = a;
  l[r3 + j + 1] = ((c[r3 + j + 1] ?? 0) - (s31 + a * link)) / d1;
}

/** Row j of y = (L⁻¹)ᵀ by forward substitution: y[i] = (δᵢⱼ - Σ_{j ≤ k < i} L[i][k] y[k]) / L[i][i]. */
function invertColumn(l: Float64Array, y: Float64Array, q: number, j: number): void {
  const o = j * q;
  for (let i = j; i < q; i++) {
    const s = (i === j ? 1 : 0) - dotPrefix(l, i * q + j, y, o + j, i - j);
    y[o + i] = s / (l[i * q + i] ?? 1);
  }
}

/** Rows j..j+3 of y at once: each row pair i, i+1 of L meets the four partial solutions together. */
function invertColumns4(l: Float64Array, y: Float64Array, q: number, j: number): void {
  const o0 = j * q;
  const o1 = o0 + q;
  const o2 = o1 + q;
  const o3 = o2 + q;
  // The 4 × 4 triangle at the top, one entry at a time (entries before each row's start are 0).
  for (let i = j; i < j + 4; i++) {
    for (let r = 0; r <= i - j; r++) {
      const o = o0 + r * q;
      y[o + i] = ((i === j + r ? 1 : 0) - dotPrefix(l, i * q + j, y, o + j, i - j)) / (l[i * q + i] ?? 1);
    }
  }
  let i = j + 4;
  for (; i + 1 < q; i += 2) {
    const a0 = i * q;
    const a1 = a0 + q;
    let s00 = 0;
    let s01 = 0;
    let s10 = 0;
    let s11 = 0;
    let s20 = 0;
    let s21 = 0;
    let s30 = 0;
    let s31 = 0;
    for (let k = j; k < i; k++) {
      const x0 = l[a0 + k] ?? 0;
      const x1 = l[a1 + k] ?? 0;
      const y0 = y[o0 + k] ?? 0;
      const y1 = y[o1 + k] ?? 0;
      const y2 = y[o2 + k] ?? 0;
      const y3 = y[o3 + k] ?? 0;
      s00 += x0 * y0;
      s01 += x1 * y0;
      s10 += x0 * y1;
      s11 += x1 * y1;
      s20 += x0 * y2;
      s21 += x1 * y2;
      s30 += x0 * y3;
      s31 += x1 * y3;
    }
    const d0 = l[a0 + i] ?? 1;
    const d1 = l[a1 + i + 1] ?? 1;
    const link = l[a1 + i] ?? 0;
    let v = -s00 / d0;
    y[o0 + i] = v;
    y[o0 + i + 1] = -(s01 + link * v) / d1;
    v = -s10 / d0;
    y[o1 + i] = v;
    y[o1 + i + 1] = -(s11 + link * v) / d1;
    v = -s20 / d0;
    y[o2 + i] = v;
    y[o2 + i + 1] = -(s21 + link * v) / d1;
    v = -s30 / d0;
    y[o3 + i] = v;
    y[o3 + i + 1] = -(s31 + link * v) / d1;
  }
  for (; i < q; i++) {
    for (let r = 0; r < 4; r++) {
      const o = o0 + r * q;
      y[o + i] = -dotPrefix(l, i * q + j, y, o + j, i - j) / (l[i * q + i] ?? 1);
    }
  }
}
