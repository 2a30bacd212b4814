/**
 * A whitening for a symmetric positive semi-definite q × q matrix C: rows W (rank × q) with
 * Wᵀ W = C⁺, the pseudo-inverse that keeps only eigenvalues λ with √λ > tol (sklearn's rank rule
 * in its LDA svd solver).
 *
 * The eigendecomposition answers every case but costs ~9 q³ flops. A Cholesky factor C = L Lᵀ
 * gives W = L⁻¹ for ~q³/3, and it is the same pseudo-inverse whenever no eigenvalue would be cut,
 * which we certify cheaply: λ_min(C) = 1/‖C⁻¹‖₂ ≥ 1/‖L⁻¹‖_F². Only when that bound does not
 * clear tol² with a 100× margin (near-singular C) do we fall back to the eigendecomposition.
 * Any whitening of C serves LDA equally (they differ by an orthogonal rotation).
 */
import { symmetricEigen } from '../../gmf/linalg/symmetricEigen';

export type WhiteningMethod = 'auto' | 'eigen';

export interface Whitening {
  /** rank × q, row-major. */
  readonly rows: Float64Array;
  readonly rank: number;
  readonly method: 'cholesky' | 'eigen';
}

const CERTIFICATE_MARGIN = 100;

export function pseudoInverseSqrt(c: Float64Array, q: number, tol: number, method: WhiteningMethod = 'auto'): Whitening {
  if (method === 'auto') {
    const inverse = inverseCholeskyFactor(c, q);
    if (inverse !== null) {
      let frobenius2 = 0;
      for (const v of inverse) frobenius2 += v * v;
      if (1 / frobenius2 > CERTIFICATE_MARGIN * tol * tol) return { rows: inverse, rank: q, method: 'cholesky' };
    }
  }
  const eig = symmetricEigen(c, q);
  let rank = 0;
  while (rank < q && Math.sqrt(Math.max(eig.values[rank] ?? 0, 0)) > tol) rank++;
  const rows = new Float64Array(rank * q);
  for (let r = 0; r < rank; r++) {
    const s = Math.sqrt(eig.values[r] ?? 1);
    for (let j = 0; j < q; j++) rows[r * q + j] = (eig.vectors[r * q + j] ?? 0) / s;
  }
  return { rows, rank, method: 'eigen' };
}

/** L⁻¹ for the lower Cholesky factor of C (row-major, lower triangle), or null if C is not positive definite. */
function inverseCholeskyFactor(c: Float64Array, q: number): Float64Array | null {
  const l = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    const li = i * q;
    for (let j = 0; j <= i; j++) {
      const lj = j * q;
      let s0 = c[li + j] ?? 0;
      let s1 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        s0 -= (l[li + k] ?? 0) * (l[lj + k] ?? 0);
        s1 -= (l[li + k + 1] ?? 0) * (l[lj + k + 1] ?? 0);
      }
      if (k < j) s0 -= (l[li + k] ?? 0) * (l[lj + k] ?? 0);
      const s = s0 + s1;
      if (i === j) {
        if (!(s > 0)) return null;
        l[li + i] = Math.sqrt(s);
      } else {
        l[li + j] = s / (l[lj + j] ?? 1);
      }
    }
  }
  // Rows of X = L⁻¹ from L X = I: X_i = (e_i - Σ_{k<i} L_ik X_k) / L_ii, each X_k zero past column k.
  const x = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    const xi = i * q;
    for (let k = 0; k < i; k++) {
      const f = l[xi + k] ?? 0;
      if (f === 0) continue;
      const xk = k * q;
      for (let j = 0; j <= k; j++) x[xi + j] = (x[xi + j] ?? 0) - f * (x[xk + j] ?? 0);
    }
    x[xi + i] = 1;
    const d = l[xi + i] ?? 1;
    for (let j = 0; j <= i; j++) x[xi + j] = (x[xi + j] ?? 0) / d;
  }
  return x;
}
