/**
 * Thin SVD of a tall or wide matrix through the eigendecomposition of its smaller Gram matrix
 * (Xᵀ X when rows ≥ cols, else X Xᵀ), with the shared Householder + implicit-QL solver.
 *
 * Squaring the matrix costs accuracy only in the small singular values: σᵢ carries an absolute
 * error of about ε·σ₀²/σᵢ, so singular vectors are reliable for σᵢ/σ₀ above ~1e-6, which is all
 * PCA and the LDA rank tests here look at.
 */
import { leadingSymmetricEigen } from './symmetricEigen';
import { type Matrix, createMatrix, gram, matmul, outerGram } from './matrix';

export interface ThinSvd {
  /** Singular values, descending, length k. */
  readonly values: Float64Array;
  /** Right singular vectors as rows (k × cols), sign fixed so the largest-|.| entry is positive. */
  readonly vt: Matrix;
}

/**
 * The leading `maxRank` singular values and right singular vectors of `x` (all of them when
 * omitted, at most min(rows, cols)). Directions whose singular value is zero to working precision
 * are filled in as an orthonormal complement with singular value 0, as LAPACK would return.
 */
export function thinSvd(x: Matrix, maxRank = Math.min(x.rows, x.cols)): ThinSvd {
  const k = Math.max(0, Math.min(maxRank, x.rows, x.cols));
  const p = x.cols;
  const values = new Float64Array(k);
  const vt = createMatrix(k, p);
  if (k === 0) return { values, vt };
  if (x.rows >= p) {
    const eig = leadingSymmetricEigen(gram(x), k);
    for (let i = 0; i < k; i++) values[i] = Math.sqrt(Math.max(eig.values[i] ?? 0, 0));
    vt.data.set(eig.vectors.data);
  } else {
    const n = x.rows;
    const eig = leadingSymmetricEigen(outerGram(x), k);
    const top = Math.sqrt(Math.max(eig.values[0] ?? 0, 0));
    const cutoff = top * n * Number.EPSILON * 16;
    let filled = 0;
    while (filled < k && Math.sqrt(Math.max(eig.values[filled] ?? 0, 0)) > cutoff) filled++;
    // vᵢ = Xᵀ uᵢ / σᵢ for the filled rows, as one product.
    const products = matmul({ rows: filled, cols: n, data: eig.vectors.data.subarray(0, filled * n) }, x);
    for (let i = 0; i < filled; i++) {
      const s = Math.sqrt(eig.values[i] ?? 0);
      values[i] = s;
      for (let j = 0; j < p; j++) vt.data[i * p + j] = (products.data[i * p + j] ?? 0) / s;
    }
    completeOrthonormalRows(vt, filled);
  }
  flipSigns(vt);
  return { values, vt };
}

/** Rows [filled, rows) become unit vectors orthogonal to all earlier rows (Gram–Schmidt on e_j). */
function completeOrthonormalRows(v: Matrix, filled: number): void {
  const p = v.cols;
  let candidate = 0;
  for (let i = filled; i < v.rows; i++) {
    const out = v.data.subarray(i * p, (i + 1) * p);
    for (; candidate < p; candidate++) {
      out.fill(0);
      out[candidate] = 1;
      // Two passes of classical Gram–Schmidt keep the result orthogonal to working precision.
      for (let pass = 0; pass < 2; pass++) {
        for (let r = 0; r < i; r++) {
          const prev = v.data.subarray(r * p, (r + 1) * p);
          let dot = 0;
          for (let j = 0; j < p; j++) dot += (prev[j] ?? 0) * (out[j] ?? 0);
          for (let j = 0; j < p; j++) out[j] = (out[j] ?? 0) - dot * (prev[j] ?? 0);
        }
      }
      let norm = 0;
      for (let j = 0; j < p; j++) norm += (out[j] ?? 0) ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let j = 0; j < p; j++) out[j] = (out[j] ?? 0) / norm;
        candidate++;
        break;
      }
    }
  }
}

/** sklearn's svd_flip(u_based_decision=False): each row's largest-magnitude entry is positive. */
function flipSigns(vt: Matrix): void {
  const p = vt.cols;
  for (let i = 0; i < vt.rows; i++) {
    let best = 0;
    let bestAbs = -1;
    for (let j = 0; j < p; j++) {
      const a = Math.abs(vt.data[i * p + j] ?? 0);
      if (a > bestAbs) {
        bestAbs = a;
        best = j;
      }
    }
    if ((vt.data[i * p + best] ?? 0) < 0) for (let j = 0; j < p; j++) vt.data[i * p + j] = -(vt.data[i * p + j] ?? 0);
  }
}
