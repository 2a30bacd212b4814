/**
 * Householder reduction of a symmetric matrix to tridiagonal form (EISPACK / JAMA tred2), run on
 * t = Vᵀ so every inner loop walks a contiguous row. Rows are processed four at a time: the
 * four share their loads of d and e and run independent sums, while every number is computed
 * with the same operations in the same order as the one-row loop (so results are bit-identical).
 * The long inner loops are the row kernels (javascriptKernels.ts, or kernels.wat where the
 * workspace lives in the SIMD kernels' memory; then only dot products differ in their last bits).
 */
import { JavaScriptRowKernels, type RowKernels } from './javascriptKernels';
import { HEAP_START, type SimdKernels } from './simdKernels';

/** Where each array of a Workspace starts in its kernels' memory (float64 indices). */
export interface WorkspaceLayout {
  readonly t: number;
  readonly d: number;
  readonly e: number;
  readonly w: number;
  readonly rows: number;
}

/**
 * The reduction's arrays, as views of one memory so that the row kernels reach them by offset:
 * t (n × n), d, e, w (n each; w is applyTransform's scratch) and `count` rows of n (the vectors
 * applyTransform works on).
 */
export interface Workspace {
  readonly n: number;
  readonly kernels: RowKernels;
  readonly at: WorkspaceLayout;
  readonly t: Float64Array;
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly w: Float64Array;
  readonly rows: Float64Array;
}

/**
 * A zeroed workspace for order n and `count` rows: in the SIMD kernels' memory when `simd` is
 * given (valid until their next use), else in a new array run by the JavaScript kernels.
 */
export function createWorkspace(n: number, count: number, simd: SimdKernels | null): Workspace {
  // One layout for both memories; in the SIMD one, [0, HEAP_START) holds the kernels' sums.
  const at = {
    t: HEAP_START,
    d: HEAP_START + n * n,
    e: HEAP_START + n * n + n,
    w: HEAP_START + n * n + 2 * n,
    rows: HEAP_START + n * n + 3 * n,
  };
  const end = at.rows + count * n;
  let kernels: RowKernels;
  if (simd === null) {
    kernels = new JavaScriptRowKernels(new Float64Array(end));
  } else {
    simd.reserve(end - HEAP_START).fill(0, HEAP_START, end);
    kernels = simd;
  }
  const view = (from: number, length: number): Float64Array => kernels.memory.subarray(from, from + length);
  return {
    n,
    kernels,
    at,
    t: view(at.t, n * n),
    d: view(at.d, n),
    e: view(at.e, n),
    w: view(at.w, n),
    rows: view(at.rows, count * n),
  };
}

/**
 * Reduces t (n × n, overwritten) to the tridiagonal (d, e). Afterwards row m of t holds the
 * Householder vector u_m in columns [0, m) and the diagonal in t[m·n + m]; reflectorH[m] is its
 * h (H_m = I - u_m u_mᵀ / h_m on the leading m coordinates; h_m = 0 means no reflection), and
 * Q = H_{n-1} ⋯ H_1. d and e are left as tred2's reduction loop leaves them (see
 * accumulateTransform / tridiagonalOf).
 */
export function householderReduce(ws: Workspace): void {
  const { n, t, d, e } = ws;
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
      for (; j + 3 < i; j += 4) symmetricProductRows4(ws, i, j);
      for (; j < i; j++) symmetricProductRow(ws, i, j);
      let fe = 0;
      for (let k = 0; k < i; k++) {
        const ek = (e[k] ?? 0) / h;
        e[k] = ek;
        fe += ek * (d[k] ?? 0);
      }
      const hh = fe / (h + h);
      for (let k = 0; k < i; k++) e[k] = (e[k] ?? 0) - hh * (d[k] ?? 0);
      j = 0;
      for (; j + 3 < i; j += 4) rankTwoUpdateRows4(ws, i, j);
      for (; j < i; j++) rankTwoUpdateRow(ws, i, j);
      for (let r = 0; r < i; r++) {
        d[r] = t[r * n + i - 1] ?? 0;
        t[r * n + i] = 0;
      }
    }
    d[i] = h;
  }
}

/** Row j's part of p = A u (lower triangle of A in rows j..i-1 of t, read both ways). */
function symmetricProductRow({ n, t, d, e }: Workspace, i: number, j: number): void {
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
function symmetricProductRows4({ n, t, d, e, kernels, at }: Workspace, i: number, j: number): void {
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
  const g3 = (e[j + 3] ?? 0) + (t[r3 + j + 3] ?? 0) * f3;
  // The rest of the four rows: columns j + 4 .. i - 1.
  const from = j + 4;
  kernels.symmetricProductRows4(
    at.t + r0 + from,
    n,
    at.d + from,
    at.e + from,
    i - from,
    f0,
    f1,
    f2,
    f3,
    g0,
    g1,
    g2,
    g3,
  );
  for (let r = 0; r < 4; r++) e[j + r] = kernels.sums[r] ?? 0;
}

/** A -= u pᵀ + p uᵀ on row j (columns j..i-1); d is u, e is p. */
function rankTwoUpdateRow({ n, t, d, e }: Workspace, i: number, j: number): void {
  const f = d[j] ?? 0;
  const g = e[j] ?? 0;
  const row = j * n;
  for (let k = j; k < i; k++) t[row + k] = (t[row + k] ?? 0) - (f * (e[k] ?? 0) + g * (d[k] ?? 0));
}

function rankTwoUpdateRows4({ n, t, d, e, kernels, at }: Workspace, i: number, j: number): void {
  // The triangle inside the block, then columns j + 3 .. i - 1 of the four rows.
  for (let r = 0; r < 3; r++) {
    const f = d[j + r] ?? 0;
    const g = e[j + r] ?? 0;
    const row = (j + r) * n;
    for (let k = j + r; k < j + 3; k++) t[row + k] = (t[row + k] ?? 0) - (f * (e[k] ?? 0) + g * (d[k] ?? 0));
  }
  const from = j + 3;
  kernels.rankTwoRows4(
    at.t + j * n + from,
    n,
    at.d + from,
    at.e + from,
    i - from,
    d[j] ?? 0,
    d[j + 1] ?? 0,
    d[j + 2] ?? 0,
    d[j + 3] ?? 0,
    e[j] ?? 0,
    e[j + 1] ?? 0,
    e[j + 2] ?? 0,
    e[j + 3] ?? 0,
  );
}

/**
 * After householderReduce: overwrite t with Qᵀ (the accumulated transformation, as rows) and set
 * d to the diagonal and e to the sub-diagonal (e[0] = 0), as JAMA's tred2 ends.
 */
export function accumulateTransform(ws: Workspace): void {
  const { n, t, d, e, at } = ws;
  for (let i = 0; i < n - 1; i++) {
    t[i * n + n - 1] = t[i * n + i] ?? 0;
    t[i * n + i] = 1;
    const h = d[i + 1] ?? 0;
    const next = (i + 1) * n;
    if (h !== 0) {
      // Rows 0..i of t reflected by u = row i+1, with u/h in d.
      for (let k = 0; k <= i; k++) d[k] = (t[next + k] ?? 0) / h;
      let j = 0;
      for (; j + 3 <= i; j += 4) reflectRows4(ws, at.t + next, at.d, at.t + j * n, i + 1);
      for (; j <= i; j++) reflectRow(ws.kernels.memory, at.t + next, at.d, at.t + j * n, i + 1);
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
export function tridiagonalOf({ n, t, d, e }: Workspace, h: Float64Array): void {
  h.set(d.subarray(0, n));
  for (let j = 0; j < n; j++) d[j] = t[j * n + j] ?? 0;
  e[0] = 0;
}

/**
 * x ← Q x for each of the first `count` rows x of ws.rows, with Q = H_{n-1} ⋯ H_1 held in the
 * reduced t and h (householderReduce + tridiagonalOf): H_1 is applied first.
 */
export function applyTransform(ws: Workspace, h: Float64Array, count: number): void {
  const { n, t, w, at } = ws;
  for (let m = 1; m < n; m++) {
    const hm = h[m] ?? 0;
    if (hm === 0) continue;
    const u = m * n;
    for (let k = 0; k < m; k++) w[k] = (t[u + k] ?? 0) / hm;
    let r = 0;
    for (; r + 3 < count; r += 4) reflectRows4(ws, at.t + u, at.w, at.rows + r * n, m);
    for (; r < count; r++) reflectRow(ws.kernels.memory, at.t + u, at.w, at.rows + r * n, m);
  }
}

/** In memory: x -= (u · x) w over len entries, for the row x at `row` (u, w: offsets too). */
function reflectRow(memory: Float64Array, u: number, w: number, row: number, len: number): void {
  let g = 0;
  for (let k = 0; k < len; k++) g += (memory[u + k] ?? 0) * (memory[row + k] ?? 0);
  for (let k = 0; k < len; k++) memory[row + k] = (memory[row + k] ?? 0) - g * (memory[w + k] ?? 0);
}

/** reflectRow for the four rows at row + r·n. */
function reflectRows4({ n, kernels }: Workspace, u: number, w: number, row: number, len: number): void {
  const s = kernels.sums;
  kernels.dotRows4(u, row, n, len);
  kernels.axpyRows4(w, row, n, len, s[0] ?? 0, s[1] ?? 0, s[2] ?? 0, s[3] ?? 0);
}
