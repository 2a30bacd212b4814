/**
 * A whitening for a symmetric positive semi-definite q × q matrix C: rows W (rank × q) with
 * Wᵀ W = C⁺, the pseudo-inverse that keeps only eigenvalues λ with √λ > tol (sklearn's rank rule
 * in its LDA svd solver), from the eigendecomposition. LDA takes it only when C is (nearly)
 * singular; otherwise its Cholesky shortcut answers the same (see lda.ts).
 */
import { symmetricEigen } from './symmetricEigen';

export interface Whitening {
  /** rank × q, row-major. */
  readonly rows: Float64Array;
  readonly rank: number;
}

export function pseudoInverseSqrt(c: Float64Array, q: number, tol: number): Whitening {
  const eig = symmetricEigen(c, q);
  let rank = 0;
  while (rank < q && Math.sqrt(Math.max(eig.values[rank] ?? 0, 0)) > tol) rank++;
  const rows = new Float64Array(rank * q);
  for (let r = 0; r < rank; r++) {
    const s = Math.sqrt(eig.values[r] ?? 1);
    for (let j = 0; j < q; j++) rows[r * q + j] = (eig.vectors[r * q + j] ?? 0) / s;
  }
  return { rows, rank };
}
