/**
 * Eigendecomposition of a dense real symmetric matrix: Householder reduction to tridiagonal
 * form (tred2, tridiagonal.ts) followed by the implicit QL algorithm (tql2, tridiagonalQl.ts),
 * after EISPACK / JAMA.
 *
 * - symmetricEigen: every eigenpair, in plain JavaScript and bit-identical to the JAMA loops it
 *   was written from (the shape model depends on its exact vectors).
 * - leadingSymmetricEigen: every eigenvalue but only the leading vectors. The QL rotations are
 *   recorded and replayed on those few vectors, and Q is applied to them as reflectors, never
 *   formed: a fraction of the cost when few vectors are wanted.
 * - symmetricTridiagonal: A = Q T Qᵀ, for solving with shifted matrices.
 * The last two run their long loops in the WebAssembly SIMD kernels (simdKernels.ts) where
 * available; their sums then differ from the JavaScript ones in the last bits.
 */
import { HEAP_START, simdKernels } from './simdKernels';
import { type Heap, accumulateTransform, applyTransform, householderReduce, tridiagonalOf } from './tridiagonal';
import { EigenError, RotationLog, applySweep, tridiagonalQl } from './tridiagonalQl';

export { EigenError } from './tridiagonalQl';

export interface SymmetricEigen {
  /** Eigenvalues, sorted descending. */
  values: Float64Array;
  /** Unit eigenvectors as rows: vector k is `vectors.subarray(k * n, (k + 1) * n)`. */
  vectors: Float64Array;
}

const SUBNORMAL_GUARD = 1e-150;

function checkInput(a: Float64Array, n: number): void {
  if (!Number.isInteger(n) || n < 0 || a.length !== n * n) {
    throw new EigenError(`expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new EigenError('the matrix contains NaN or infinite entries');
  }
}

/** Full eigendecomposition of the symmetric n×n row-major matrix `a` (not modified). */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  checkInput(a, n);
  const t = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // QL rotates pairs of eigenvectors; with V itself row-major (row k = coordinate k of every
  // vector) each rotation touches neighbouring entries of a row, and a whole sweep runs along it.
  const v = new Float64Array(n * n);
  if (n > 0) {
    householderReduce(t, d, e, n);
    accumulateTransform(t, d, e, n);
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) v[k * n + j] = t[j * n + k] ?? 0;
    tridiagonalQl(d, e, n, (l, m, c, s) => {
      applySweep(v, n, n, l, m, c, s);
    });
  }
  const order = descendingOrder(d, n);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = d[src] ?? 0;
    for (let k = 0; k < n; k++) vectors[dst * n + k] = v[k * n + src] ?? 0;
  });
  return { values, vectors };
}

export interface SymmetricTridiagonal {
  /** T's diagonal. */
  readonly diagonal: Float64Array;
  /** T's sub-diagonal: subDiagonal[i] = T[i][i-1] for i ≥ 1; subDiagonal[0] = 0. */
  readonly subDiagonal: Float64Array;
  /** Qᵀ, row-major: row j is Q's column j (A = Q T Qᵀ). */
  readonly basis: Float64Array;
}

/**
 * A = Q T Qᵀ for the symmetric n × n row-major `a` (not modified): T tridiagonal, Q orthogonal.
 * A third of the cost of the eigendecomposition, and enough wherever A only needs to be
 * inverted with shifts, (A + αI)⁻¹ = Q (T + αI)⁻¹ Qᵀ.
 */
export function symmetricTridiagonal(a: Float64Array, n: number): SymmetricTridiagonal {
  checkInput(a, n);
  const w = workspace(n, 0);
  w.t.set(a);
  if (n > 0) {
    householderReduce(w.t, w.d, w.e, n, w.heap);
    accumulateTransform(w.t, w.d, w.e, n, w.heap);
  }
  return { diagonal: w.d.slice(), subDiagonal: w.e.slice(), basis: w.t.slice() };
}

interface Workspace {
  readonly t: Float64Array;
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly w: Float64Array;
  readonly rows: Float64Array;
  readonly heap: Heap | undefined;
}

/**
 * t (n × n), d, e, w (n) and `count` rows of n, in the SIMD kernels' memory when they are
 * available (valid until the next use of the kernels), else in plain arrays.
 */
function workspace(n: number, count: number): Workspace {
  const kernels = simdKernels();
  if (kernels === null) {
    const vector = (): Float64Array => new Float64Array(n);
    return { t: new Float64Array(n * n), d: vector(), e: vector(), w: vector(), rows: new Float64Array(count * n), heap: undefined };
  }
  const at = { t: HEAP_START, d: HEAP_START + n * n, e: HEAP_START + n * n + n, w: HEAP_START + n * n + 2 * n, rows: HEAP_START + n * n + 3 * n };
  const end = at.rows + count * n;
  const heap = kernels.reserve(end - HEAP_START);
  heap.fill(0, HEAP_START, end);
  const view = (from: number, length: number): Float64Array => heap.subarray(from, from + length);
  return { t: view(at.t, n * n), d: view(at.d, n), e: view(at.e, n), w: view(at.w, n), rows: view(at.rows, count * n), heap: { kernels, ...at } };
}

/**
 * Every eigenvalue (descending) but only the `count` leading unit eigenvectors (count × n rows),
 * for a fraction of the full cost when count ≪ n. Same algorithm as symmetricEigen: the vectors
 * agree with its to rounding, up to sign (and to a rotation within a repeated eigenvalue).
 */
export function leadingSymmetricEigen(a: Float64Array, n: number, count: number): SymmetricEigen {
  checkInput(a, n);
  const k = Math.max(0, Math.min(Math.floor(count), n));
  const w = workspace(n, k);
  w.t.set(a);
  const d = w.d;
  const h = new Float64Array(n);
  const log = new RotationLog(n);
  if (n > 0) {
    householderReduce(w.t, d, w.e, n, w.heap);
    tridiagonalOf(w.t, d, w.e, h, n);
    tridiagonalQl(d, w.e, n, (l, m, c, s) => {
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
  const z = w.rows;
  z.fill(SUBNORMAL_GUARD);
  positions.forEach((pos, r) => (z[r * n + pos] = 1));
  log.replayTransposed(z, n, positions);
  if (n > 0) applyTransform(w.t, h, n, z, k, w.heap, w.w);
  const rowOf = new Map(positions.map((pos, r) => [pos, r]));
  const vectors = new Float64Array(k * n);
  for (let c = 0; c < k; c++) {
    const r = rowOf.get(order[c] ?? 0) ?? 0;
    vectors.set(z.subarray(r * n, (r + 1) * n), c * n);
  }
  return { values, vectors };
}

/** Indices by descending value (ties by index). */
function descendingOrder(d: Float64Array, n: number): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((i, j) => (d[j] ?? 0) - (d[i] ?? 0) || i - j);
}
