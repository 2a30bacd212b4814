/**
 * Householder reduction of a symmetric matrix to tridiagonal form (EISPACK / JAMA tred2), run on
 * t = Vᵀ so every inner loop walks a contiguous row. Rows are processed four at a time: the
 * four share their loads of d and e and run independent sums, while every number is computed
 * with the same operations in the same order as the one-row loop (so results are bit-identical).
 * Given a `Heap` (t, d, e and the other vectors placed in the SIMD kernels' memory), the long
 * inner loops run there instead; then only dot products differ in their last bits.
 */
import type { SimdKernels } from './simdKernels';

/** Where the arrays passed alongside live in the kernels' heap (float64 indices of their first entry). */
export interface Heap {
  readonly kernels: SimdKernels;
  readonly t: number;
  readonly d: number;
  readonly e: number;
  /** A scratch vector of n entries (applyTransform's u/h). */
  readonly w: number;
  /** The rows applyTransform works on. */
  readonly rows: number;
}

/**
 * Reduces t (n × n, overwritten) to the tridiagonal (d, e). Afterwards row m of t holds the
 * Householder vector u_m in columns [0, m) and the diagonal in t[m·n + m]; reflectorH[m] is its
 * h (H_m = I - u_m u_mᵀ / h_m on the leading m coordinates; h_m = 0 means no reflection), and
 * Q = H_{n-1} ⋯ H_1. d and e are left as tred2's reduction loop leaves them (see
 * accumulateTransform / tridiagonalOf).
 */
export function householderReduce(t: Float64Array, d: Float64Array, e: Float64Array, n: number, heap?: Heap): void {
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
      const f = d[i - 1] ?? 0;
      const g = f > 0 ? -Math.sqrt(h) : Math.sqrt(h);
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      e.fill(0, 0, i);
      let j = 0;
      for (; j + 3 < i; j += 4) symmetricProductRows4(t, d, e, n, i, j, heap);
      for (; j < i; j++) symmetricProductRow(t, d, e, n, i, j);
      let fe = 0;
      for (let k = 0; k < i; k++) {
        const ek = (e[k] ?? 0) / h;
        e[k] = ek;
        fe += ek * (d[k] ?? 0);
      }
      const hh = fe / (h + h);
      for (let k = 0; k < i; k++) e[k] = (e[k] ?? 0) - hh * (d[k] ?? 0);
      j = 0;
      for (; j + 3 < i; j += 4) rankTwoUpdateRows4(t, d, e, n, i, j, heap);
      for (; j < i; j++) rankTwoUpdateRow(t, d, e, n, i, j);
      for (let r = 0; r < i; r++) {
        d[r] = t[r * n + i - 1] ?? 0;
        t[r * n + i] = 0;
      }
    }
    d[i] = h;
  }
}

/** Row j's part of p = A u (lower triangle of A in rows j..i-1 of t, read both ways). */
function symmetricProductRow(t: Float64Array, d: Float64Array, e: Float64Array, n: number, i: number, j: number): void {
  const f = d[j] ?? 0;
  t[i * n + j] = f;
  const row = j * n;
  let g = (e[j] ?? 0) + (t[row + j] ?? 0) * f;
  for (let k = j + 1; k < i; k++) {
    const v = t[row + k] ?? 0;
    g += v * (d[k] ?? 0);
    e[k] = (e[k] ?? 0) + v * f;
  }
  e[j] = g;
}

/** symmetricProductRow for rows j..j+3 at once (j + 3 < i), same operations in the same order. */
function symmetricProductRows4(t: Float64Array, d: Float64Array, e: Float64Array, n: number, i: number, j: number, heap?: Heap): void {
  const f0 = d[j] ?? 0;
  const f1 = d[j + 1] ?? 0;
  const f2 = d[j + 2] ?? 0;
  const f3 = d[j + 3] ?? 0;
  const hi = i * n + j;
  t[hi] = f0;
  t[hi + 1] = f1;
  t[hi + 2] = f2;
  t[hi + 3] = f3;
  const r0 = j * n;
  const r1 = r0 + n;
  const r2 = r1 + n;
  const r3 = r2 + n;
  const d1 = d[j + 1] ?? 0;
  const d2 = d[j + 2] ?? 0;
  const d3 = d[j + 3] ?? 0;
  // The triangle inside the block: row j + r meets columns j + r + 1 .. j + 3 first.
  let g0 = (e[j] ?? 0) + (t[r0 + j] ?? 0) * f0;
  let v = t[r0 + j + 1] ?? 0;
  g0 += v * d1;
  e[j + 1] = (e[j + 1] ?? 0) + v * f0;
  v = t[r0 + j + 2] ?? 0;
  g0 += v * d2;
  e[j + 2] = (e[j + 2] ?? 0) + v * f0;
  v = t[r0 + j + 3] ?? 0;
  g0 += v * d3;
  e[j + 3] = (e[j + 3] ?? 0) + v * f0;
  let g1 = (e[j + 1] ?? 0) + (t[r1 + j + 1] ?? 0) * f1;
  v = t[r1 + j + 2] ?? 0;
  g1 += v * d2;
  e[j + 2] = (e[j + 2] ?? 0) + v * f1;
  v = t[r1 + j + 3] ?? 0;
  g1 += v * d3;
  e[j + 3] = (e[j + 3] ?? 0) + v * f1;
  let g2 = (e[j + 2] ?? 0) + (t[r2 + j + 2] ?? 0) * f2;
  v = t[r2 + j + 3] ?? 0;
  g2 += v * d3;
  e[j + 3] = (e[j + 3] ?? 0) + v * f2;
  let g3 = (e[j + 3] ?? 0) + (t[r3 + j + 3] ?? 0) * f3;
  if (heap !== undefined) {
    const from = j + 4;
    heap.kernels.symmetricProductRows4(heap.t + r0 + from, n, heap.d + from, heap.e + from, i - from, f0, f1, f2, f3);
    const sums = heap.kernels.sums;
    e[j] = g0 + (sums[0] ?? 0);
    e[j + 1] = g1 + (sums[1] ?? 0);
    e[j + 2] = g2 + (sums[2] ?? 0);
    e[j + 3] = g3 + (sums[3] ?? 0);
    return;
  }
  for (let k = j + 4; k < i; k++) {
    const dk = d[k] ?? 0;
    const v0 = t[r0 + k] ?? 0;
    const v1 = t[r1 + k] ?? 0;
    const v2 = t[r2 + k] ?? 0;
    const v3 = t[r3 + k] ?? 0;
    g0 += v0 * dk;
    g1 += v1 * dk;
    g2 += v2 * dk;
    g3 += v3 * dk;
    e[k] = (e[k] ?? 0) + v0 * f0 + v1 * f1 + v2 * f2 + v3 * f3;
  }
  e[j] = g0;
  e[j + 1] = g1;
  e[j + 2] = g2;
  e[j + 3] = g3;
}

/** A -= u pᵀ + p uᵀ on row j (columns j..i-1); d is u, e is p. */
function rankTwoUpdateRow(t: Float64Array, d: Float64Array, e: Float64Array, n: number, i: number, j: number): void {
  const f = d[j] ?? 0;
  const g = e[j] ?? 0;
  const row = j * n;
  for (let k = j; k < i; k++) t[row + k] = (t[row + k] ?? 0) - (f * (e[k] ?? 0) + g * (d[k] ?? 0));
}

function rankTwoUpdateRows4(t: Float64Array, d: Float64Array, e: Float64Array, n: number, i: number, j: number, heap?: Heap): void {
  for (let r = 0; r < 3; r++) {
    const f = d[j + r] ?? 0;
    const g = e[j + r] ?? 0;
    const row = (j + r) * n;
    for (let k = j + r; k < j + 3; k++) t[row + k] = (t[row + k] ?? 0) - (f * (e[k] ?? 0) + g * (d[k] ?? 0));
  }
  const f0 = d[j] ?? 0;
  const f1 = d[j + 1] ?? 0;
  const f2 = d[j + 2] ?? 0;
  const f3 = d[j + 3] ?? 0;
  const g0 = e[j] ?? 0;
  const g1 = e[j + 1] ?? 0;
  const g2 = e[j + 2] ?? 0;
  const g3 = e[j + 3] ?? 0;
  const r0 = j * n;
  const r1 = r0 + n;
  const r2 = r1 + n;
  const r3 = r2 + n;
  if (heap !== undefined) {
    const from = j + 3;
    heap.kernels.rankTwoRows4(heap.t + r0 + from, n, heap.d + from, heap.e + from, i - from, f0, f1, f2, f3, g0, g1, g2, g3);
    return;
  }
  for (let k = j + 3; k < i; k++) {
    const ek = e[k] ?? 0;
    const dk = d[k] ?? 0;
    t[r0 + k] = (t[r0 + k] ?? 0) - (f0 * ek + g0 * dk);
    t[r1 + k] = (t[r1 + k] ?? 0) - (f1 * ek + g1 * dk);
    t[r2 + k] = (t[r2 + k] ?? 0) - (f2 * ek + g2 * dk);
    t[r3 + k] = (t[r3 + k] ?? 0) - (f3 * ek + g3 * dk);
  }
}

/**
 * After householderReduce: overwrite t with Qᵀ (the accumulated transformation, as rows) and set
 * d to the diagonal and e to the sub-diagonal (e[0] = 0), as JAMA's tred2 ends.
 */
export function accumulateTransform(t: Float64Array, d: Float64Array, e: Float64Array, n: number, heap?: Heap): void {
  for (let i = 0; i < n - 1; i++) {
    t[i * n + n - 1] = t[i * n + i] ?? 0;
    t[i * n + i] = 1;
    const h = d[i + 1] ?? 0;
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = (t[next + k] ?? 0) / h;
      let j = 0;
      if (heap !== undefined) {
        for (; j + 3 <= i; j += 4) reflectHeapRows4(heap, heap.t + next, heap.d, heap.t + j * n, i + 1, n);
      }
      for (; j + 3 <= i; j += 4) reflectRows4(t, d, next, j * n, i + 1, n);
      for (; j <= i; j++) reflectRow(t, d, next, j * n, i + 1);
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

/** After householderReduce, without forming Q: the diagonal into d, the reflectors' h into h (copied from d), e[0] = 0. */
export function tridiagonalOf(t: Float64Array, d: Float64Array, e: Float64Array, h: Float64Array, n: number): void {
  h.set(d.subarray(0, n));
  for (let j = 0; j < n; j++) d[j] = t[j * n + j] ?? 0;
  e[0] = 0;
}

/** row -= (u · row) u/h over the first len entries, u = t[u..u+len), u/h = w. */
function reflectRow(t: Float64Array, w: Float64Array, u: number, row: number, len: number): void {
  let g = 0;
  for (let k = 0; k < len; k++) g += (t[u + k] ?? 0) * (t[row + k] ?? 0);
  for (let k = 0; k < len; k++) t[row + k] = (t[row + k] ?? 0) - g * (w[k] ?? 0);
}

function reflectRows4(t: Float64Array, w: Float64Array, u: number, row: number, len: number, n: number): void {
  const r1 = row + n;
  const r2 = r1 + n;
  const r3 = r2 + n;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  for (let k = 0; k < len; k++) {
    const uk = t[u + k] ?? 0;
    g0 += uk * (t[row + k] ?? 0);
    g1 += uk * (t[r1 + k] ?? 0);
    g2 += uk * (t[r2 + k] ?? 0);
    g3 += uk * (t[r3 + k] ?? 0);
  }
  for (let k = 0; k < len; k++) {
    const wk = w[k] ?? 0;
    t[row + k] = (t[row + k] ?? 0) - g0 * wk;
    t[r1 + k] = (t[r1 + k] ?? 0) - g1 * wk;
    t[r2 + k] = (t[r2 + k] ?? 0) - g2 * wk;
    t[r3 + k] = (t[r3 + k] ?? 0) - g3 * wk;
  }
}

/**
 * x ← Q x for each row x of `rows` (count × n), with Q = H_{n-1} ⋯ H_1 held in the reduced t and
 * h (householderReduce + tridiagonalOf): H_1 is applied first. w is n entries of scratch (the
 * heap's, when given).
 */
export function applyTransform(t: Float64Array, h: Float64Array, n: number, rows: Float64Array, count: number, heap?: Heap, w: Float64Array = new Float64Array(n)): void {
  for (let m = 1; m < n; m++) {
    const hm = h[m] ?? 0;
    if (hm === 0) continue;
    const u = m * n;
    for (let k = 0; k < m; k++) w[k] = (t[u + k] ?? 0) / hm;
    // The reflector reads u from t; the rows live in their own array.
    let r = 0;
    if (heap !== undefined) for (; r + 3 < count; r += 4) reflectHeapRows4(heap, heap.t + u, heap.w, heap.rows + r * n, m, n);
    for (; r + 3 < count; r += 4) reflectOtherRows4(t, u, w, rows, r * n, m, n);
    for (; r < count; r++) reflectOtherRow(t, u, w, rows, r * n, m);
  }
}

function reflectOtherRow(t: Float64Array, u: number, w: Float64Array, x: Float64Array, row: number, len: number): void {
  let g = 0;
  for (let k = 0; k < len; k++) g += (t[u + k] ?? 0) * (x[row + k] ?? 0);
  for (let k = 0; k < len; k++) x[row + k] = (x[row + k] ?? 0) - g * (w[k] ?? 0);
}

function reflectOtherRows4(t: Float64Array, u: number, w: Float64Array, x: Float64Array, row: number, len: number, n: number): void {
  const r1 = row + n;
  const r2 = r1 + n;
  const r3 = r2 + n;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  for (let k = 0; k < len; k++) {
    const uk = t[u + k] ?? 0;
    g0 += uk * (x[row + k] ?? 0);
    g1 += uk * (x[r1 + k] ?? 0);
    g2 += uk * (x[r2 + k] ?? 0);
    g3 += uk * (x[r3 + k] ?? 0);
  }
  for (let k = 0; k < len; k++) {
    const wk = w[k] ?? 0;
    x[row + k] = (x[row + k] ?? 0) - g0 * wk;
    x[r1 + k] = (x[r1 + k] ?? 0) - g1 * wk;
    x[r2 + k] = (x[r2 + k] ?? 0) - g2 * wk;
    x[r3 + k] = (x[r3 + k] ?? 0) - g3 * wk;
  }
}

/** Four rows (heap indices, n apart) each reflected: x -= (u · x) w over len entries. */
function reflectHeapRows4(heap: Heap, u: number, w: number, row: number, len: number, n: number): void {
  const k = heap.kernels;
  k.dotRows4(u, row, n, len);
  const s = k.sums;
  k.axpyRows4(w, row, n, len, s[0] ?? 0, s[1] ?? 0, s[2] ?? 0, s[3] ?? 0);
}
