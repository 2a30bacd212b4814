/**
 * The matrix products' way into the SIMD `dots` kernel: operands copied into the kernels'
 * memory (transposed on the way where asked) and padded with zeros to the kernel's block
 * sizes, which changes no sum.
 */
import { HEAP_START, type SimdKernels } from './simdKernels';

/** A row-major matrix whose rows (or, transposed, whose columns) are one side of a product. */
export interface ProductSide {
  readonly data: Float64Array;
  /** Rows of the side: the matrix is rows × k, or k × rows when transposed. */
  readonly rows: number;
  readonly transposed: boolean;
}

/**
 * out (a.rows × b.rows) = a bᵀ over rows of length k ≥ 1: rows of a padded to a multiple of 4,
 * of b to a multiple of 2, k to even. b null: a against itself, and only entries j ≥ i - 3 of
 * each 4-row block are written.
 */
export function simdRowDots(
  kernels: SimdKernels,
  a: ProductSide,
  b: ProductSide | null,
  k: number,
  out: Float64Array,
): void {
  const kp = k + (k & 1);
  const ap = a.rows + ((4 - (a.rows % 4)) % 4);
  const bp = b === null ? ap : b.rows + (b.rows & 1);
  const aAt = HEAP_START;
  const bAt = aAt + ap * kp;
  const outAt = b === null ? bAt : bAt + bp * kp;
  const heap = kernels.reserve(outAt - HEAP_START + ap * bp);
  copyPadded(heap, aAt, a, k, ap, kp);
  if (b !== null) copyPadded(heap, bAt, b, k, bp, kp);
  kernels.dots(aAt, ap, b === null ? aAt : bAt, bp, kp, outAt, b === null);
  const bRows = b?.rows ?? a.rows;
  if (bp === bRows) out.set(heap.subarray(outAt, outAt + a.rows * bRows));
  else for (let i = 0; i < a.rows; i++) out.set(heap.subarray(outAt + i * bp, outAt + i * bp + bRows), i * bRows);
}

/** Tiles of 32 × 32 keep both the rows read and the rows written in cache. */
const TILE = 32;

/** The side's rows at heap[at…] with row stride kp, zeros in the padding. */
function copyPadded(
  heap: Float64Array,
  at: number,
  side: ProductSide,
  k: number,
  paddedRows: number,
  kp: number,
): void {
  const { data, rows } = side;
  if (side.transposed) {
    // Column i of the k × rows source becomes row i.
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
