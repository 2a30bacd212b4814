/**
 * Eigendecomposition of a dense real symmetric matrix (a square Matrix): Householder reduction
 * to tridiagonal form (tred2, tridiagonal.ts) followed by the implicit QL algorithm (tql2,
 * tridiagonalQl.ts), after EISPACK / JAMA.
 *
 * - symmetricEigen: every eigenpair, in plain JavaScript and bit-identical to the JAMA loops it
 *   was written from (the shape model depends on its exact vectors).
 * - leadingSymmetricEigen: every eigenvalue but only the leading vectors. The QL rotations are
 *   recorded and replayed on those few vectors, and Q is applied to them as reflectors, never
 *   formed: a fraction of the cost when few vectors are wanted.
 * - symmetricTridiagonal: A = Q T Qᵀ, for solving with shifted matrices.
 * The last two run their long loops in the WebAssembly SIMD kernels (simdKernels.ts) where
 * available; their sums then differ from the JavaScript ones in the last bits.
 * Errors: MatrixShapeError for a matrix that is not square, EigenError (code EIGEN) for
 * non-finite entries or a QL iteration that does not converge.
 */
import { type Matrix, createMatrix, requireSquare } from './matrix';
import { simdKernels } from './simdKernels';
import { accumulateTransform, applyTransform, createWorkspace, householderReduce, tridiagonalOf } from './tridiagonal';
import { EigenError, RotationLog, applySweep, tridiagonalQl } from './tridiagonalQl';

export { EigenError } from './tridiagonalQl';

export interface SymmetricEigen {
  /** Eigenvalues, sorted descending. */
  readonly values: Float64Array;
  /** Unit eigenvectors as rows (one per value asked for, n wide). */
  readonly vectors: Matrix;
}

const SUBNORMAL_GUARD = 1e-150;

/** The order of the symmetric matrix `a`, after checking it is square and finite. */
function checkInput(a: Matrix, what: string): number {
  const n = requireSquare(a, what);
  for (let i = 0; i < a.data.length; i++) {
    if (!Number.isFinite(a.data[i])) throw new EigenError('the matrix contains NaN or infinite entries');
  }
  return n;
}

/** Full eigendecomposition of the symmetric matrix `a` (not modified), in the JavaScript kernels. */
export function symmetricEigen(a: Matrix): SymmetricEigen {
  const n = checkInput(a, 'symmetricEigen');
  // Always JavaScript: the SIMD kernels' sums round differently, and the shape model depends
  // on these exact vectors.
  const ws = createWorkspace(n, 0, null);
  const { t, d, e } = ws;
  t.set(a.data);
  // QL rotates pairs of eigenvectors; with V itself row-major (row k = coordinate k of every
  // vector) each rotation touches neighbouring entries of a row, and a whole sweep runs along it.
  const v = new Float64Array(n * n);
  if (n > 0) {
    householderReduce(ws);
    accumulateTransform(ws);
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) v[k * n + j] = t[j * n + k] ?? 0;
    tridiagonalQl(d, e, n, (l, m, c, s) => {
      applySweep(v, n, n, l, m, c, s);
    });
  }
  const order = descendingOrder(d, n);
  const values = new Float64Array(n);
  const vectors = createMatrix(n, n);
  order.forEach((src, dst) => {
    values[dst] = d[src] ?? 0;
    for (let k = 0; k < n; k++) vectors.data[dst * n + k] = v[k * n + src] ?? 0;
  });
  return { values, vectors };
}

export interface SymmetricTridiagonal {
  /** T's diagonal. */
  readonly diagonal: Float64Array;
  /** T's sub-diagonal: subDiagonal[i] = T[i][i-1] for i ≥ 1; subDiagonal[0] = 0. */
  readonly subDiagonal: Float64Array;
  /** Qᵀ: row j is Q's column j (A = Q T Qᵀ). */
  readonly basis: Matrix;
}

/**
 * A = Q T Qᵀ for the symmetric matrix `a` (not modified): T tridiagonal, Q orthogonal. A third
 * of the cost of the eigendecomposition, and enough wherever A only needs to be inverted with
 * shifts, (A + αI)⁻¹ = Q (T + αI)⁻¹ Qᵀ.
 */
export function symmetricTridiagonal(a: Matrix): SymmetricTridiagonal {
  const n = checkInput(a, 'symmetricTridiagonal');
  const ws = createWorkspace(n, 0, simdKernels());
  ws.t.set(a.data);
  if (n > 0) {
    householderReduce(ws);
    accumulateTransform(ws);
  }
  return { diagonal: ws.d.slice(), subDiagonal: ws.e.slice(), basis: createMatrix(n, n, ws.t) };
}

/**
 * Every eigenvalue (descending) but only the `count` leading unit eigenvectors (count × n),
 * for a fraction of the full cost when count ≪ n. Same algorithm as symmetricEigen: the vectors
 * agree with its to rounding, up to sign (and to a rotation within a repeated eigenvalue).
 */
export function leadingSymmetricEigen(a: Matrix, count: number): SymmetricEigen {
  const n = checkInput(a, 'leadingSymmetricEigen');
  const k = Math.max(0, Math.min(Math.floor(count), n));
  const ws = createWorkspace(n, k, simdKernels());
  ws.t.set(a.data);
  const d = ws.d;
  const h = new Float64Array(n);
  const log = new RotationLog(n);
  if (n > 0) {
    householderReduce(ws);
    tridiagonalOf(ws, h);
    tridiagonalQl(d, ws.e, n, (l, m, c, s) => {
      log.record(l, m, c, s);
    });
  }
  const order = descendingOrder(d, n);
  const values = Float64Array.from(order, (src) => d[src] ?? 0);
  // Eigenvectors of the tridiagonal for the wanted positions, worked on in position order so
  // that neighbouring rows fill in alike (see replayTransposed). The unit vectors sit on a floor
  // of 1e-150: rotated, their far entries would otherwise decay into subnormal numbers, on which
  // x86 arithmetic is ~100× slower. It changes nothing above 1e-134, i.e. nothing at all
  // relative to the unit norm.
  const positions = order.slice(0, k).sort((x, y) => x - y);
  const z = ws.rows;
  z.fill(SUBNORMAL_GUARD);
  positions.forEach((pos, r) => (z[r * n + pos] = 1));
  log.replayTransposed(z, n, positions);
  if (n > 0) applyTransform(ws, h, k);
  const rowOf = new Map(positions.map((pos, r) => [pos, r]));
  const vectors = createMatrix(k, n);
  for (let c = 0; c < k; c++) {
    const r = rowOf.get(order[c] ?? 0) ?? 0;
    vectors.data.set(z.subarray(r * n, (r + 1) * n), c * n);
  }
  return { values, vectors };
}

/** Indices by descending value (ties by index). */
function descendingOrder(d: Float64Array, n: number): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((i, j) => (d[j] ?? 0) - (d[i] ?? 0) || i - j);
}
