/**
 * Convolutions and their gradients on the product kernels of convKernels.wat (fmaRuntime.ts):
 * the input copied once, zero-padded, into the kernels' memory, the filter packed into panels of
 * 8 output channels, and each output pixel's receptive field read in place through a table of
 * addresses (no patch matrix). NHWC, float32, dilation 1.
 */
import type { ConvGeometry } from '../wasmKernelUtils';
import type { FmaKernels } from './fmaRuntime';

/** Rows per tile of the kernels (6) and columns per panel (8). */
const TILE_ROWS = 6;
const PANEL = 8;
/** Output pixels per block of the filter gradient's sum (their inputs stay in cache across tiles). */
const FILTER_GRAD_BLOCK = 128;

/** Where a tensor's floats are: the tfjs wasm heap and an offset in floats. */
export interface HeapSlice {
  heap: Float32Array;
  offset: number;
}

/** The zero-padded input's height and width: every receptive field inside it. */
function paddedExtent(g: ConvGeometry): [number, number] {
  return [
    Math.max(g.padTop + g.inHeight, (g.outHeight - 1) * g.strideHeight + g.filterHeight),
    Math.max(g.padLeft + g.inWidth, (g.outWidth - 1) * g.strideWidth + g.filterWidth),
  ];
}

/** Float counts rounded up to a 64-byte line, so every operand starts aligned. */
const aligned = (floats: number): number => Math.ceil(floats / 16) * 16;

/** Byte layout of one call's operands, as offsets from where `reserve` places them. */
class Layout {
  /** Bytes taken so far. */
  bytes = 0;
  /** The byte offset of `floats` more floats (or int32s). */
  take(floats: number): number {
    const start = this.bytes;
    this.bytes += aligned(floats) * 4;
    return start;
  }
}

function copyPadded(f32: Float32Array, xpByte: number, x: HeapSlice, g: ConvGeometry, hp: number, wp: number): void {
  const c = g.inChannels;
  const xp = xpByte / 4;
  f32.fill(0, xp, xp + g.batch * hp * wp * c);
  const row = g.inWidth * c;
  for (let n = 0; n < g.batch; n++) {
    for (let h = 0; h < g.inHeight; h++) {
      const src = x.offset + (n * g.inHeight + h) * row;
      f32.set(x.heap.subarray(src, src + row), xp + ((n * hp + h + g.padTop) * wp + g.padLeft) * c);
    }
  }
}

/** Byte address in the padded input of each output pixel's receptive-field corner; `padTo` entries (the last repeated). */
function fillPixels(
  i32: Int32Array,
  at: number,
  xpByte: number,
  g: ConvGeometry,
  wp: number,
  hp: number,
  padTo: number,
) {
  const c4 = g.inChannels * 4;
  let m = at / 4;
  for (let n = 0; n < g.batch; n++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      const rowByte = xpByte + (n * hp + oh * g.strideHeight) * wp * c4;
      for (let ow = 0; ow < g.outWidth; ow++) i32[m++] = rowByte + ow * g.strideWidth * c4;
    }
  }
  const last = i32[m - 1] ?? xpByte;
  for (const end = at / 4 + padTo; m < end; m++) i32[m] = last;
}

/**
 * Packs b into panels of 8 columns, packed[j / 8][k][j % 8], zeros past the last column. b's rows
 * come in blocks, each strided in the heap: row k0 + k, column j of a block is
 * heap[offset + k · rowStride + j · colStride].
 */
function packPanels(f32: Float32Array, packedByte: number, b: FilterRows, cols: number): void {
  const rows = b.blocks.reduce((sum, block) => sum + block.rows, 0);
  const panels = Math.ceil(cols / PANEL);
  const packed = packedByte / 4;
  const heap = b.heap;
  if (cols % PANEL !== 0) f32.fill(0, packed, packed + panels * rows * PANEL);
  for (let p = 0; p < panels; p++) {
    const lanes = Math.min(PANEL, cols - p * PANEL);
    let to = packed + p * rows * PANEL;
    for (const { offset, rows: count, rowStride, colStride } of b.blocks) {
      for (let k = 0; k < count; k++, to += PANEL) {
        const from = offset + k * rowStride + p * PANEL * colStride;
        for (let l = 0; l < lanes; l++) f32[to + l] = heap[from + l * colStride] as number;
      }
    }
  }
}

/** Copies rows × cols of the kernels' output (rows `stride` floats apart) into a tfjs tensor. */
function copyOut(f32: Float32Array, outByte: number, stride: number, rows: number, cols: number, to: HeapSlice) {
  const out = outByte / 4;
  if (stride === cols) {
    to.heap.set(f32.subarray(out, out + rows * cols), to.offset);
    return;
  }
  for (let r = 0; r < rows; r++) {
    to.heap.set(f32.subarray(out + r * stride, out + r * stride + cols), to.offset + r * cols);
  }
}

/**
 * b of a convolution, rows (tap, input channel) in tap-major order, columns the output channels:
 * blocks of rows read from the tfjs heap with strides (packPanels), so a filter is packed flipped
 * or transposed without a copy of its own.
 */
export interface FilterRows {
  heap: Float32Array;
  blocks: { offset: number; rows: number; rowStride: number; colStride: number }[];
}

/**
 * out = act(conv(x, b) + bias): x [batch, inHeight, inWidth, inChannels] padded and strided as
 * `g` says, b's rows the filter's (tap, input channel) pairs in tap-major order and its
 * `g.outChannels` columns given by `filter`; out [batch, outHeight, outWidth, outChannels].
 */
export function fmaConvolution(
  kernels: FmaKernels,
  x: HeapSlice,
  g: ConvGeometry,
  filter: FilterRows,
  bias: HeapSlice | null,
  relu: boolean,
  out: HeapSlice,
): void {
  const [hp, wp] = paddedExtent(g);
  const taps = g.filterHeight * g.filterWidth;
  const k = taps * g.inChannels;
  const panels = Math.ceil(g.outChannels / PANEL);
  const pixels = g.batch * g.outHeight * g.outWidth;
  const tiles = Math.ceil(pixels / TILE_ROWS);
  const layout = new Layout();
  const xpAt = layout.take(g.batch * hp * wp * g.inChannels);
  const packedAt = layout.take(panels * k * PANEL);
  const biasAt = layout.take(panels * PANEL);
  const outAt = layout.take(tiles * TILE_ROWS * panels * PANEL);
  const rowsAt = layout.take(tiles * TILE_ROWS);
  const tapsAt = layout.take(taps);
  const base = kernels.reserve(layout.bytes);
  const f32 = kernels.f32();
  const i32 = kernels.i32();
  copyPadded(f32, base + xpAt, x, g, hp, wp);
  packPanels(f32, base + packedAt, filter, g.outChannels);
  const biasFloat = (base + biasAt) / 4;
  f32.fill(0, biasFloat, biasFloat + panels * PANEL);
  if (bias) f32.set(bias.heap.subarray(bias.offset, bias.offset + g.outChannels), biasFloat);
  fillPixels(i32, base + rowsAt, base + xpAt, g, wp, hp, tiles * TILE_ROWS);
  for (let kh = 0; kh < g.filterHeight; kh++) {
    for (let kw = 0; kw < g.filterWidth; kw++) {
      i32[(base + tapsAt) / 4 + kh * g.filterWidth + kw] = (kh * wp + kw) * g.inChannels * 4;
    }
  }
  const outStride = panels * PANEL;
  kernels.run('conv', tiles, [
    base + rowsAt,
    base + tapsAt,
    taps,
    g.inChannels,
    base + packedAt,
    panels,
    base + biasAt,
    base + outAt,
    outStride * 4,
    relu ? 1 : 0,
  ]);
  copyOut(f32, base + outAt, outStride, pixels, g.outChannels, out);
}

/** A forward convolution's b: filter [kh, kw, ci, co] as rows (kh, kw, ci), columns co. */
export function forwardFilter(w: HeapSlice, g: ConvGeometry): FilterRows {
  const rows = g.filterHeight * g.filterWidth * g.inChannels;
  return { heap: w.heap, blocks: [{ offset: w.offset, rows, rowStride: g.outChannels, colStride: 1 }] };
}

/**
 * b of the input gradient at stride 1 (a correlation of dy with the flipped, channel-swapped
 * filter): rows (a, b, co), columns ci, value W[kh - 1 - a, kw - 1 - b, ci, co].
 */
export function flippedFilter(w: HeapSlice, g: ConvGeometry): FilterRows {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = g;
  const blocks = [];
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const flipped = (kh - 1 - a) * kw + (kw - 1 - b);
      blocks.push({ offset: w.offset + flipped * ci * co, rows: co, rowStride: 1, colStride: co });
    }
  }
  return { heap: w.heap, blocks };
}

/** b = Wᵀ for the strided input gradient's product dy · Wᵀ: rows co, columns (kh, kw, ci). */
export function transposedFilter(w: HeapSlice, outChannels: number): FilterRows {
  return { heap: w.heap, blocks: [{ offset: w.offset, rows: outChannels, rowStride: 1, colStride: outChannels }] };
}

/**
 * dW[(kh, kw, ci), co] = Σ over output pixels m of x_padded(m, kh, kw, ci) · dy[m, co], into
 * `out` (the filter's [kh, kw, ci, co] layout).
 */
export function fmaFilterGradient(
  kernels: FmaKernels,
  x: HeapSlice,
  dy: HeapSlice,
  g: ConvGeometry,
  out: HeapSlice,
): void {
  const [hp, wp] = paddedExtent(g);
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const panels = Math.ceil(g.outChannels / PANEL);
  const dyStride = panels * PANEL;
  const pixels = g.batch * g.outHeight * g.outWidth;
  const tiles = Math.ceil(k / TILE_ROWS);
  const layout = new Layout();
  const xpAt = layout.take(g.batch * hp * wp * g.inChannels);
  const dyAt = layout.take(pixels * dyStride);
  const outAt = layout.take(tiles * TILE_ROWS * dyStride);
  const pixelsAt = layout.take(pixels);
  const rowsAt = layout.take(tiles * TILE_ROWS);
  const base = kernels.reserve(layout.bytes);
  const f32 = kernels.f32();
  const i32 = kernels.i32();
  copyPadded(f32, base + xpAt, x, g, hp, wp);
  const dyFloat = (base + dyAt) / 4;
  if (dyStride === g.outChannels) {
    f32.set(dy.heap.subarray(dy.offset, dy.offset + pixels * dyStride), dyFloat);
  } else {
    f32.fill(0, dyFloat, dyFloat + pixels * dyStride);
    for (let m = 0; m < pixels; m++) {
      const src = dy.offset + m * g.outChannels;
      f32.set(dy.heap.subarray(src, src + g.outChannels), dyFloat + m * dyStride);
    }
  }
  fillPixels(i32, base + pixelsAt, base + xpAt, g, wp, hp, pixels);
  const rows = (base + rowsAt) / 4;
  let r = 0;
  for (let kh = 0; kh < g.filterHeight; kh++) {
    for (let kw = 0; kw < g.filterWidth; kw++) {
      for (let ci = 0; ci < g.inChannels; ci++) i32[rows + r++] = ((kh * wp + kw) * g.inChannels + ci) * 4;
    }
  }
  for (const last = i32[rows + r - 1] ?? 0; r < tiles * TILE_ROWS; r++) i32[rows + r] = last;
  kernels.run('filterGrad', tiles, [
    base + rowsAt,
    base + pixelsAt,
    pixels,
    FILTER_GRAD_BLOCK,
    base + dyAt,
    dyStride * 4,
    panels,
    base + outAt,
    dyStride * 4,
  ]);
  copyOut(f32, base + outAt, dyStride, k, g.outChannels, out);
}
