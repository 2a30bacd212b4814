/**
 * The inner loops of the dense linear algebra as WebAssembly with 128-bit SIMD: two float64 lanes
 * per instruction and no bounds checks make them two to four times faster than the same loops
 * in JavaScript. The module (under 2 kB, written out in simdModule.ts) is compiled on first
 * use, synchronously (small enough for a page's main thread); where WebAssembly or its SIMD
 * extension is missing, or the CSP forbids compiling it, `simdKernels()` is null and callers
 * keep their JavaScript loops.
 *
 * The kernels work on their own memory, seen as one Float64Array (`heap`); callers place their
 * operands at indices ≥ HEAP_START. Every kernel takes float64 indices into the heap, walks rows
 * `stride` apart, and handles any length (the odd last element in JavaScript). The element-wise
 * updates are the JavaScript expressions exactly; only sums (dot products) are added in two
 * lanes, even and odd positions, so they differ from a sequential sum in the last bits.
 */
import { kernelModule } from './simdModule';

/** Heap indices [0, HEAP_START) are the kernels' scratch (the four sums of the *Rows4 kernels). */
export const HEAP_START = 4;
const PAGE = 65536;

interface Exports {
  dots(a: number, aRows: number, b: number, bRows: number, k: number, out: number, symmetric: number): void;
  symv4(row: number, stride: number, d: number, e: number, count: number, f0: number, f1: number, f2: number, f3: number, out: number): void;
  rank2x4(row: number, stride: number, d: number, e: number, count: number, f0: number, f1: number, f2: number, f3: number, g0: number, g1: number, g2: number, g3: number): void;
  dot4(u: number, row: number, stride: number, count: number, out: number): void;
  axpy4(w: number, row: number, stride: number, count: number, g0: number, g1: number, g2: number, g3: number): void;
}

export class SimdKernels {
  /** The kernels' memory; replaced (the old view detached) when `reserve` grows it. */
  heap: Float64Array;
  /** The four sums written by symmetricProductRows4 and dotRows4. */
  readonly sums: Float64Array;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly fns: Exports,
  ) {
    this.heap = new Float64Array(memory.buffer);
    this.sums = new Float64Array(4);
  }

  /** Room for `doubles` values from HEAP_START on; returns the current heap view. */
  reserve(doubles: number): Float64Array {
    const bytes = (HEAP_START + doubles) * 8;
    const have = this.memory.buffer.byteLength;
    if (have < bytes) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Float64Array(this.memory.buffer);
    return this.heap;
  }

  /**
   * out[i·bRows + j] = Σ_t a[i·k + t] b[j·k + t], all in the heap: aRows % 4 = 0, bRows % 2 = 0,
   * k even and ≥ 2. With `symmetric` (b = a) only blocks with j ≥ i are written.
   */
  dots(a: number, aRows: number, b: number, bRows: number, k: number, out: number, symmetric: boolean): void {
    this.fns.dots(a * 8, aRows, b * 8, bRows, k, out * 8, symmetric ? 1 : 0);
  }

  /**
   * For the rows r = 0..3 at row + r·stride, over count positions k: sums[r] = Σ_k x_r[k] d[k]
   * and e[k] ← e[k] + x_0[k] f0 + x_1[k] f1 + x_2[k] f2 + x_3[k] f3 (tred2's symmetric product).
   */
  symmetricProductRows4(row: number, stride: number, d: number, e: number, count: number, f0: number, f1: number, f2: number, f3: number): void {
    const even = count & ~1;
    this.fns.symv4(row * 8, stride * 8, d * 8, e * 8, even, f0, f1, f2, f3, 0);
    const h = this.heap;
    const s = this.sums;
    for (let r = 0; r < 4; r++) s[r] = h[r] ?? 0;
    if (even < count) {
      const k = even;
      const dk = h[d + k] ?? 0;
      const v0 = h[row + k] ?? 0;
      const v1 = h[row + stride + k] ?? 0;
      const v2 = h[row + 2 * stride + k] ?? 0;
      const v3 = h[row + 3 * stride + k] ?? 0;
      s[0] = (s[0] ?? 0) + v0 * dk;
      s[1] = (s[1] ?? 0) + v1 * dk;
      s[2] = (s[2] ?? 0) + v2 * dk;
      s[3] = (s[3] ?? 0) + v3 * dk;
      h[e + k] = (h[e + k] ?? 0) + v0 * f0 + v1 * f1 + v2 * f2 + v3 * f3;
    }
  }

  /** For the four rows: x_r[k] ← x_r[k] - (f_r e[k] + g_r d[k]) (tred2's rank-two update). */
  rankTwoRows4(row: number, stride: number, d: number, e: number, count: number, f0: number, f1: number, f2: number, f3: number, g0: number, g1: number, g2: number, g3: number): void {
    const even = count & ~1;
    this.fns.rank2x4(row * 8, stride * 8, d * 8, e * 8, even, f0, f1, f2, f3, g0, g1, g2, g3);
    if (even < count) {
      const h = this.heap;
      const k = even;
      const ek = h[e + k] ?? 0;
      const dk = h[d + k] ?? 0;
      const f = [f0, f1, f2, f3];
      const g = [g0, g1, g2, g3];
      for (let r = 0; r < 4; r++) {
        const at = row + r * stride + k;
        h[at] = (h[at] ?? 0) - ((f[r] ?? 0) * ek + (g[r] ?? 0) * dk);
      }
    }
  }

  /** sums[r] = Σ_k u[k] x_r[k] for the four rows. */
  dotRows4(u: number, row: number, stride: number, count: number): void {
    const even = count & ~1;
    this.fns.dot4(u * 8, row * 8, stride * 8, even, 0);
    const h = this.heap;
    const s = this.sums;
    for (let r = 0; r < 4; r++) s[r] = (h[r] ?? 0) + (even < count ? (h[u + even] ?? 0) * (h[row + r * stride + even] ?? 0) : 0);
  }

  /** x_r[k] ← x_r[k] - g_r w[k] for the four rows. */
  axpyRows4(w: number, row: number, stride: number, count: number, g0: number, g1: number, g2: number, g3: number): void {
    const even = count & ~1;
    this.fns.axpy4(w * 8, row * 8, stride * 8, even, g0, g1, g2, g3);
    if (even < count) {
      const h = this.heap;
      const wk = h[w + even] ?? 0;
      const g = [g0, g1, g2, g3];
      for (let r = 0; r < 4; r++) {
        const at = row + r * stride + even;
        h[at] = (h[at] ?? 0) - (g[r] ?? 0) * wk;
      }
    }
  }
}

/** A row-major matrix whose rows (or, transposed, whose columns) are one side of a product. */
export interface ProductSide {
  readonly data: Float64Array;
  /** Rows of the side: the matrix is rows × k, or k × rows when transposed. */
  readonly rows: number;
  readonly transposed: boolean;
}

/**
 * out (a.rows × b.rows) = a bᵀ over rows of length k, through the heap: operands are copied in
 * (transposed on the way where asked) padded with zeros — rows of a to a multiple of 4, of b to
 * a multiple of 2, k to even — which changes no sum. b null: a against itself, and only
 * entries j ≥ i - 3 of each 4-row block are written. Returns false, writing nothing, without
 * the SIMD kernels.
 */
export function simdRowDots(a: ProductSide, b: ProductSide | null, k: number, out: Float64Array): boolean {
  const kernel = simdKernels();
  if (kernel === null || k === 0) return false;
  const kp = k + (k & 1);
  const ap = a.rows + ((4 - (a.rows % 4)) % 4);
  const bp = b === null ? ap : b.rows + (b.rows & 1);
  const aAt = HEAP_START;
  const bAt = aAt + ap * kp;
  const outAt = b === null ? bAt : bAt + bp * kp;
  const heap = kernel.reserve(outAt - HEAP_START + ap * bp);
  copyPadded(heap, aAt, a, k, ap, kp);
  if (b !== null) copyPadded(heap, bAt, b, k, bp, kp);
  kernel.dots(aAt, ap, b === null ? aAt : bAt, bp, kp, outAt, b === null);
  const bRows = b?.rows ?? a.rows;
  if (bp === bRows) out.set(heap.subarray(outAt, outAt + a.rows * bRows));
  else for (let i = 0; i < a.rows; i++) out.set(heap.subarray(outAt + i * bp, outAt + i * bp + bRows), i * bRows);
  return true;
}

const TILE = 32;

/** The side's rows at heap[at…] with row stride kp, zeros in the padding. */
function copyPadded(heap: Float64Array, at: number, side: ProductSide, k: number, paddedRows: number, kp: number): void {
  const { data, rows } = side;
  if (side.transposed) {
    // Column i of the k × rows source becomes row i, in tiles that keep reads and writes cached.
    for (let t0 = 0; t0 < k; t0 += TILE) {
      const t1 = Math.min(k, t0 + TILE);
      for (let i0 = 0; i0 < rows; i0 += TILE) {
        const i1 = Math.min(rows, i0 + TILE);
        for (let i = i0; i < i1; i++) {
          const o = at + i * kp;
          for (let t = t0; t < t1; t++) heap[o + t] = data[t * rows + i] ?? 0;
        }
      }
    }
  } else if (kp === k) {
    heap.set(data.subarray(0, rows * k), at);
  } else {
    for (let i = 0; i < rows; i++) heap.set(data.subarray(i * k, (i + 1) * k), at + i * kp);
  }
  if (kp !== k) for (let i = 0; i < rows; i++) heap[at + i * kp + k] = 0;
  heap.fill(0, at + rows * kp, at + paddedRows * kp);
}

let kernels: SimdKernels | null | undefined;
let enabled = true;

/** The kernels, or null where WebAssembly SIMD is unavailable (or switched off). */
export function simdKernels(): SimdKernels | null {
  if (!enabled) return null;
  kernels ??= compile();
  return kernels;
}

/** Switches the kernels off (or back on), e.g. to compare against the JavaScript loops in tests. */
export function setSimdKernels(on: boolean): void {
  enabled = on;
}

function compile(): SimdKernels | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    const bytes = kernelModule();
    if (!WebAssembly.validate(bytes)) return null;
    const memory = new WebAssembly.Memory({ initial: 16 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return new SimdKernels(memory, instance.exports as unknown as Exports);
  } catch {
    return null;
  }
}
