/**
 * A whitening for a symmetric positive semi-definite q × q matrix C: W (rank × q) with
 * Wᵀ W = C⁺, the pseudo-inverse that keeps only eigenvalues λ with √λ > tol (sklearn's rank rule
 * in its LDA svd solver), from the eigendecomposition. LDA takes it only when C is (nearly)
 * singular; otherwise its Cholesky shortcut answers the same (see pipeline/decode/lda.ts).
 */
import { type Matrix, createMatrix } from './matrix';
import { symmetricEigen } from './symmetricEigen';

/** W, one row per eigenvalue kept (its row count is the rank). */
export function pseudoInverseSqrt(c: Matrix, tol: number): Matrix {
  const q = c.cols;
  const eig = symmetricEigen(c);
  let rank = 0;
  while (rank < q && Math.sqrt(Math.max(eig.values[rank] ?? 0, 0)) > tol) rank++;
  const w = createMatrix(rank, q);
  for (let r = 0; r < rank; r++) {
    const s = Math.sqrt(eig.values[r] ?? 1);
    for (let j = 0; j < q; j++) w.data[r * q + j] = (eig.vectors.data[r * q + j] ?? 0) / s;
  }
  return w;
}
