/**
 * The inner loops of the dense linear algebra in plain JavaScript: the one implementation of
 * each, called by the matrix products, the Cholesky factor and the Householder reduction. The
 * same kernels run as WebAssembly SIMD (kernels.wat) where available; symmetricEigen always
 * runs these, for its bit-identical results.
 *
 * Several sums run side by side on purpose: a single running sum is bound by the latency of
 * its additions, while independent accumulators that share their loads are not.
 */

/** Σ_{t < len} a[ao + t] b[bo + t], even and odd positions summed apart (then added). */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < len; t += 2) {
    s0 += (a[ao + t] ?? 0) * (b[bo + t] ?? 0);
    s1 += (a[ao + t + 1] ?? 0) * (b[bo + t + 1] ?? 0);
  }
  if (t < len) s0 += (a[ao + t] ?? 0) * (b[bo + t] ?? 0);
  return s0 + s1;
}

/**
 * The 4 × 2 register-blocked dot products: out[o + r·outStride + c] = Σ_{from ≤ t < to} x_r[t] y_c[t]
 * for the four rows x_r = a[a0 + r·aStride …] and the two rows y_c = b[b0 + c·bStride …], each
 * sum in order of t.
 */
export function dots4x2(
  a: Float64Array,
  a0: number,
  aStride: number,
  b: Float64Array,
  b0: number,
  bStride: number,
  from: number,
  to: number,
  out: Float64Array,
  o: number,
  outStride: number,
): void {
  const a1 = a0 + aStride;
  const a2 = a1 + aStride;
  const a3 = a2 + aStride;
  const b1 = b0 + bStride;
  let s00 = 0,
    s01 = 0,
    s10 = 0,
    s11 = 0,
    s20 = 0,
    s21 = 0,
    s30 = 0,
    s31 = 0;
  for (let t = from; t < to; t++) {
    const y0 = b[b0 + t] ?? 0;
    const y1 = b[b1 + t] ?? 0;
    const x0 = a[a0 + t] ?? 0;
    const x1 = a[a1 + t] ?? 0;
    const x2 = a[a2 + t] ?? 0;
    const x3 = a[a3 + t] ?? 0;
    s00 += x0 * y0;
    s01 += x0 * y1;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s20 += x2 * y0;
    s21 += x2 * y1;
    s30 += x3 * y0;
    s31 += x3 * y1;
  }
  out[o] = s00;
  out[o + 1] = s01;
  out[o + outStride] = s10;
  out[o + outStride + 1] = s11;
  out[o + 2 * outStride] = s20;
  out[o + 2 * outStride + 1] = s21;
  out[o + 3 * outStride] = s30;
  out[o + 3 * outStride + 1] = s31;
}

/** Which part of b's rows rowDots reads: all, or (b square, zero elsewhere) its lower or upper triangle. */
export type Band = 'full' | 'lower' | 'upper';

/**
 * The product kernel (kernels.wat `dots`): out[i·bRows + j] = Σ_t a[i·k + t] b[j·k + t], rows of
 * a against rows of b, both k wide, in 4 × 2 blocks. With `symmetric` (b = a), only blocks
 * touching j ≥ i are computed; with a triangular `band`, the dots skip the zeros outside row
 * j's triangle.
 */
export function rowDots(
  a: Float64Array,
  aRows: number,
  b: Float64Array,
  bRows: number,
  k: number,
  out: Float64Array,
  symmetric = false,
  band: Band = 'full',
): void {
  const m = bRows;
  let i = 0;
  for (; i + 3 < aRows; i += 4) {
    let j = symmetric ? i : 0;
    for (; j + 1 < m; j += 2) {
      const from = band === 'upper' ? j : 0;
      const to = band === 'lower' ? Math.min(k, j + 2) : k;
      dots4x2(a, i * k, k, b, j * k, k, from, to, out, i * m + j, m);
    }
    for (; j < m; j++) for (let r = i; r < i + 4; r++) out[r * m + j] = dot(a, r * k, b, j * k, k);
  }
  for (; i < aRows; i++) for (let j = symmetric ? i : 0; j < m; j++) out[i * m + j] = dot(a, i * k, b, j * k, k);
}

/**
 * The row kernels of the Householder reduction (tridiagonal.ts), on four rows x_r that start
 * at `row + r·stride` in `memory`; every other argument named like an array is an offset into
 * `memory` too. Two implementations: JavaScriptRowKernels below, and the WebAssembly SIMD one
 * (simdKernels.ts), whose sums differ in the last bits.
 */
export interface RowKernels {
  /** The memory the offsets point into (the SIMD kernels' view is replaced when it grows). */
  readonly memory: Float64Array;
  /** The four results of symmetricProductRows4 and dotRows4. */
  readonly sums: Float64Array;
  /** Over k < count: sums[r] = g_r + Σ_k x_r[k] d[k]; e[k] = e[k] + x_0[k] f0 + … + x_3[k] f3. */
  symmetricProductRows4(
    row: number,
    stride: number,
    d: number,
    e: number,
    count: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void;
  /** Over k < count: x_r[k] = x_r[k] - (f_r e[k] + g_r d[k]). */
  rankTwoRows4(
    row: number,
    stride: number,
    d: number,
    e: number,
    count: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void;
  /** Over k < count: sums[r] = Σ_k u[k] x_r[k]. */
  dotRows4(u: number, row: number, stride: number, count: number): void;
  /** Over k < count: x_r[k] = x_r[k] - g_r w[k]. */
  axpyRows4(
    w: number,
    row: number,
    stride: number,
    count: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void;
}

/** The row kernels as JavaScript loops, each sum in order of k. */
export class JavaScriptRowKernels implements RowKernels {
  readonly sums = new Float64Array(4);

  constructor(readonly memory: Float64Array) {}

  // The sums continue from g_r in order of k: one sequence of additions with the caller's.
  symmetricProductRows4(
    row: number,
    stride: number,
    d: number,
    e: number,
    count: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void {
    const h = this.memory;
    const r1 = row + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    for (let k = 0; k < count; k++) {
      const dk = h[d + k] ?? 0;
      const v0 = h[row + k] ?? 0;
      const v1 = h[r1 + k] ?? 0;
      const v2 = h[r2 + k] ?? 0;
      const v3 = h[r3 + k] ?? 0;
      g0 += v0 * dk;
      g1 += v1 * dk;
      g2 += v2 * dk;
      g3 += v3 * dk;
      h[e + k] = (h[e + k] ?? 0) + v0 * f0 + v1 * f1 + v2 * f2 + v3 * f3;
    }
    const s = this.sums;
    s[0] = g0;
    s[1] = g1;
    s[2] = g2;
    s[3] = g3;
  }

  rankTwoRows4(
    row: number,
    stride: number,
    d: number,
    e: number,
    count: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void {
    const h = this.memory;
    const r1 = row + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    for (let k = 0; k < count; k++) {
      const ek = h[e + k] ?? 0;
      const dk = h[d + k] ?? 0;
      h[row + k] = (h[row + k] ?? 0) - (f0 * ek + g0 * dk);
      h[r1 + k] = (h[r1 + k] ?? 0) - (f1 * ek + g1 * dk);
      h[r2 + k] = (h[r2 + k] ?? 0) - (f2 * ek + g2 * dk);
      h[r3 + k] = (h[r3 + k] ?? 0) - (f3 * ek + g3 * dk);
    }
  }

  dotRows4(u: number, row: number, stride: number, count: number): void {
    const h = this.memory;
    const r1 = row + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    for (let k = 0; k < count; k++) {
      const uk = h[u + k] ?? 0;
      g0 += uk * (h[row + k] ?? 0);
      g1 += uk * (h[r1 + k] ?? 0);
      g2 += uk * (h[r2 + k] ?? 0);
      g3 += uk * (h[r3 + k] ?? 0);
    }
    const s = this.sums;
    s[0] = g0;
    s[1] = g1;
    s[2] = g2;
    s[3] = g3;
  }

  axpyRows4(
    w: number,
    row: number,
    stride: number,
    count: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void {
    const h = this.memory;
    const r1 = row + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    for (let k = 0; k < count; k++) {
      const wk = h[w + k] ?? 0;
      h[row + k] = (h[row + k] ?? 0) - g0 * wk;
      h[r1 + k] = (h[r1 + k] ?? 0) - g1 * wk;
      h[r2 + k] = (h[r2 + k] ?? 0) - g2 * wk;
      h[r3 + k] = (h[r3 + k] ?? 0) - g3 * wk;
    }
  }
}
