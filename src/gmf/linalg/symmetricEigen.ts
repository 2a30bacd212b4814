/**
 * Eigendecomposition of a dense real symmetric matrix: Householder reduction to tridiagonal
 * form (tred2) followed by the implicit QL algorithm (tql2), after EISPACK / JAMA.
 *
 * The JAMA code works on the columns of V; since A is symmetric we run it on Vᵀ instead, so
 * every inner loop walks a contiguous row and the eigenvectors come out as rows.
 */
import { GmfError } from '../../errors';

export interface SymmetricEigen {
  /** Eigenvalues, sorted descending. */
  values: Float64Array;
  /** Unit eigenvectors as rows: vector k is `vectors.subarray(k * n, (k + 1) * n)`. */
  vectors: Float64Array;
}

export class EigenError extends GmfError {
  constructor(message: string) {
    super('EIGEN', `Symmetric eigendecomposition: ${message}`);
  }
}

const MAX_QL_ITERATIONS = 60;

/** Full eigendecomposition of the symmetric n×n row-major matrix `a` (not modified). */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 0 || a.length !== n * n) {
    throw new EigenError(`expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
  }
  for (const x of a) {
    if (!Number.isFinite(x)) throw new EigenError('the matrix contains NaN or infinite entries');
  }
  const t = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tridiagonalize(t, d, e, n);
    tridiagonalQl(t, d, e, n);
  }
  return sortDescending(t, d, n);
}

/** tred2 on t = Vᵀ (t[j*n+k] is JAMA's V[k][j]); leaves the accumulated transform in t. */
function tridiagonalize(t: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = t[j * n + n - 1] ?? 0;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k] ?? 0);
    if (scale === 0) {
      e[i] = d[i - 1] ?? 0;
      for (let j = 0; j < i; j++) {
        d[j] = t[j * n + i - 1] ?? 0;
        t[j * n + i] = 0;
        t[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        const dk = (d[k] ?? 0) / scale;
        d[k] = dk;
        h += dk * dk;
      }
      let f = d[i - 1] ?? 0;
      let g = f > 0 ? -Math.sqrt(h) : Math.sqrt(h);
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      e.fill(0, 0, i);
      for (let j = 0; j < i; j++) {
        f = d[j] ?? 0;
        t[i * n + j] = f;
        const row = j * n;
        g = (e[j] ?? 0) + (t[row + j] ?? 0) * f;
        for (let k = j + 1; k < i; k++) {
          const v = t[row + k] ?? 0;
          g += v * (d[k] ?? 0);
          e[k] = (e[k] ?? 0) + v * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        const ej = (e[j] ?? 0) / h;
        e[j] = ej;
        f += ej * (d[j] ?? 0);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = (e[j] ?? 0) - hh * (d[j] ?? 0);
      for (let j = 0; j < i; j++) {
        f = d[j] ?? 0;
        g = e[j] ?? 0;
        const row = j * n;
        for (let k = j; k < i; k++) t[row + k] = (t[row + k] ?? 0) - (f * (e[k] ?? 0) + g * (d[k] ?? 0));
        d[j] = t[row + i - 1] ?? 0;
        t[row + i] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the Householder transformations.
  for (let i = 0; i < n - 1; i++) {
    t[i * n + n - 1] = t[i * n + i] ?? 0;
    t[i * n + i] = 1;
    const h = d[i + 1] ?? 0;
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = (t[next + k] ?? 0) / h;
      for (let j = 0; j <= i; j++) {
        const row = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += (t[next + k] ?? 0) * (t[row + k] ?? 0);
        for (let k = 0; k <= i; k++) t[row + k] = (t[row + k] ?? 0) - g * (d[k] ?? 0);
      }
    }
    t.fill(0, next, next + i + 1);
  }
  for (let j = 0; j < n; j++) {
    d[j] = t[j * n + n - 1] ?? 0;
    t[j * n + n - 1] = 0;
  }
  t[n * n - 1] = 1;
  e[0] = 0;
}

/** tql2: diagonalise the tridiagonal (d, e), applying the rotations to the rows of t. */
function tridiagonalQl(t: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i] ?? 0;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l] ?? 0) + Math.abs(e[l] ?? 0));
    let m = l;
    while (m < n - 1 && Math.abs(e[m] ?? 0) > eps * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > MAX_QL_ITERATIONS) throw new EigenError(`QL iteration did not converge for eigenvalue ${l}`);
        let g = d[l] ?? 0;
        const el = e[l] ?? 0;
        let p = ((d[l + 1] ?? 0) - g) / (2 * el);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = el / (p + r);
        d[l + 1] = el * (p + r);
        const dl1 = d[l + 1] ?? 0;
        let h = g - (d[l] ?? 0);
        for (let i = l + 2; i < n; i++) d[i] = (d[i] ?? 0) - h;
        f += h;
        p = d[m] ?? 0;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1] ?? 0;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = e[i] ?? 0;
          const di = d[i] ?? 0;
          g = c * ei;
          h = c * p;
          r = Math.hypot(p, ei);
          e[i + 1] = s * r;
          s = ei / r;
          c = p / r;
          p = c * di - s * g;
          d[i + 1] = h + s * (c * g + s * di);
          rotateRows(t, i * n, (i + 1) * n, n, c, s);
        }
        p = (-s * s2 * c3 * el1 * (e[l] ?? 0)) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l] ?? 0) > eps * tst1);
    }
    d[l] = (d[l] ?? 0) + f;
    e[l] = 0;
  }
}

function rotateRows(t: Float64Array, lo: number, hi: number, n: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const h = t[hi + k] ?? 0;
    const v = t[lo + k] ?? 0;
    t[hi + k] = s * v + c * h;
    t[lo + k] = c * v - s * h;
  }
}

function sortDescending(t: Float64Array, d: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (d[j] ?? 0) - (d[i] ?? 0) || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = d[src] ?? 0;
    vectors.set(t.subarray(src * n, (src + 1) * n), dst * n);
  });
  return { values, vectors };
}
