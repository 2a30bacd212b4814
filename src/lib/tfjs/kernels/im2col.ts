/**
 * Patch-matrix copies between an NHWC image and the wasm heap, for convolution gradients
 * as matmuls. Row m = (n, oh, ow) is a position of the output grid; (kh, kw, c) a position
 * in the filter window. Both loops keep one side contiguous (measured: the transposed
 * build is ~2x faster this way than channel-blocked).
 */
import type { ConvGeometry } from './wasmKernelUtils';

/** The output-grid columns ow whose window column kw falls inside the image: [lo, hi). */
function validColumns(g: ConvGeometry, kw: number): [number, number] {
  const lo = Math.max(0, Math.ceil((g.padLeft - kw) / g.strideWidth));
  const hi = Math.min(g.outWidth, Math.floor((g.inWidth - 1 + g.padLeft - kw) / g.strideWidth) + 1);
  return [lo, Math.max(lo, hi)];
}

/** colsT[(kh, kw, c), m] = x[n, oh*sh + kh - top, ow*sw + kw - left, c], 0 outside x. */
export function im2colTransposed(heap: Float32Array, xOffset: number, colsOffset: number, g: ConvGeometry): void {
  const {
    batch,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    padTop,
    padLeft,
  } = g;
  const rows = batch * outHeight * outWidth;
  const step = strideWidth * inChannels;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const rowBase = colsOffset + (kh * filterWidth + kw) * inChannels * rows;
      const [lo, hi] = validColumns(g, kw);
      let m = 0;
      for (let n = 0; n < batch; n++) {
        for (let oh = 0; oh < outHeight; oh++, m += outWidth) {
          const ih = oh * strideHeight + kh - padTop;
          const inside = ih >= 0 && ih < inHeight && hi > lo;
          const src0 = xOffset + ((n * inHeight + ih) * inWidth + lo * strideWidth + kw - padLeft) * inChannels;
          for (let c = 0; c < inChannels; c++) {
            const dst = rowBase + c * rows + m;
            if (!inside) {
              heap.fill(0, dst, dst + outWidth);
              continue;
            }
            for (let ow = 0; ow < lo; ow++) heap[dst + ow] = 0;
            let src = src0 + c;
            for (let ow = lo; ow < hi; ow++, src += step) heap[dst + ow] = heap[src] as number;
            for (let ow = hi; ow < outWidth; ow++) heap[dst + ow] = 0;
          }
        }
      }
    }
  }
}

/** The adjoint of the (untransposed) patch matrix: dx[n, ih, iw, c] += cols[m, (kh, kw, c)]; dx must start zeroed. */
export function col2imAdd(heap: Float32Array, colsOffset: number, dxOffset: number, g: ConvGeometry): void {
  const {
    batch,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    padTop,
    padLeft,
  } = g;
  const rowLength = filterWidth * inChannels;
  let src = colsOffset;
  for (let n = 0; n < batch; n++) {
    const image = dxOffset + n * inHeight * inWidth * inChannels;
    for (let oh = 0; oh < outHeight; oh++) {
      const ih0 = oh * strideHeight - padTop;
      for (let ow = 0; ow < outWidth; ow++) {
        // For a fixed (m, kh) the window's kw x c values are contiguous in the image.
        const iw0 = ow * strideWidth - padLeft;
        const kwLo = Math.max(0, -iw0);
        const count = (Math.min(filterWidth, inWidth - iw0) - kwLo) * inChannels;
        for (let kh = 0; kh < filterHeight; kh++, src += rowLength) {
          const ih = ih0 + kh;
          if (ih < 0 || ih >= inHeight || count <= 0) continue;
          const dst = image + (ih * inWidth + iw0 + kwLo) * inChannels;
          const from = src + kwLo * inChannels;
          for (let j = 0; j < count; j++) heap[dst + j] = (heap[dst + j] as number) + (heap[from + j] as number);
        }
      }
    }
  }
}
