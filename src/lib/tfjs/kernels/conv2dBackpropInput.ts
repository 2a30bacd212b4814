/**
 * Conv2DBackpropInput for the wasm backend, replacing tfjs-wasm's own (a plain loop, ~10x
 * slower than its XNNPACK convolution). Stride 1: a correlation of dy with the flipped,
 * channel-swapped filter with explicit padding. Larger strides: cols = dy W^T, then the col2im
 * scatter-add. Both run on the product kernels of fma/ where they load (the filter read in
 * place, flipped or transposed as it is packed), else on XNNPACK (a Conv2D, a matmul).
 */
import * as tf from '@tensorflow/tfjs';
import { fmaConvolution, flippedFilter as flippedEntry, transposedFilter } from './fma/fmaConv';
import { fmaKernels } from './fma/fmaRuntime';
import { col2imAdd } from './im2col';
import {
  asWasm,
  callWasmKernel,
  type ConvGeometry,
  convGeometry,
  heapF32,
  matMul2d,
  offsetF32,
  release,
  requiredInput,
  runOriginalKernel,
  transpose2d,
} from './wasmKernelUtils';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Shape4 = [number, number, number, number];

/** W'[a, b, co, ci] = W[kh-1-a, kw-1-b, ci, co]. */
function flippedFilter(backend: BackendWasm, filter: tf.TensorInfo, g: ConvGeometry): tf.TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = g;
  const out = backend.makeOutput([kh, kw, co, ci], 'float32');
  const heap = heapF32(backend);
  const src = offsetF32(backend, filter);
  const dst = offsetF32(backend, out);
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const from = src + ((kh - 1 - a) * kw + (kw - 1 - b)) * ci * co;
      const to = dst + (a * kw + b) * co * ci;
      for (let i = 0; i < ci; i++) {
        for (let o = 0; o < co; o++) heap[to + o * ci + i] = heap[from + i * co + o] ?? 0;
      }
    }
  }
  return out;
}

/** cols [rows, patch] = dy [rows, outChannels] · Wᵀ (W as [patch, outChannels]). */
function stridedCols(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  rows: number,
  patch: number,
  outChannels: number,
): tf.TensorInfo {
  const kernels = fmaKernels();
  if (!kernels) {
    const filterT = transpose2d(backend, filter, patch, outChannels);
    const cols = matMul2d(backend, dy, filterT, rows, outChannels, patch);
    release(backend, filterT);
    return cols;
  }
  const cols = backend.makeOutput([rows, patch], 'float32');
  const heap = heapF32(backend);
  // A 1x1 convolution over `rows` pixels: in channels outChannels, out channels patch.
  const product: ConvGeometry = {
    batch: 1,
    inHeight: rows,
    inWidth: 1,
    inChannels: outChannels,
    outHeight: rows,
    outWidth: 1,
    outChannels: patch,
    filterHeight: 1,
    filterWidth: 1,
    strideHeight: 1,
    strideWidth: 1,
    padTop: 0,
    padLeft: 0,
    padBottom: 0,
    padRight: 0,
  };
  fmaConvolution(
    kernels,
    { heap, offset: offsetF32(backend, dy) },
    product,
    transposedFilter({ heap, offset: offsetF32(backend, filter) }, outChannels),
    null,
    false,
    { heap, offset: offsetF32(backend, cols) },
  );
  return cols;
}

function stridedBackpropInput(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
  inputShape: number[],
): tf.TensorInfo {
  const rows = g.batch * g.outHeight * g.outWidth;
  const patch = g.filterHeight * g.filterWidth * g.inChannels;
  const cols = stridedCols(backend, dy, filter, rows, patch, g.outChannels);
  const dx = backend.makeOutput(inputShape, 'float32');
  const heap = heapF32(backend);
  const dxOffset = offsetF32(backend, dx);
  heap.fill(0, dxOffset, dxOffset + tf.util.sizeFromShape(inputShape));
  col2imAdd(heap, offsetF32(backend, cols), dxOffset, g);
  release(backend, cols);
  return dx;
}

function conv2dBackpropInput({ inputs, backend: anyBackend, attrs = {} }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = asWasm(anyBackend);
  const dy = requiredInput(inputs, 'dy');
  const filter = requiredInput(inputs, 'filter');
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  if (dataFormat === 'NCHW') return runOriginalKernel(tf.Conv2DBackpropInput, { inputs, backend, attrs });
  const g = convGeometry(inputShape, filter.shape as Shape4, strides, pad, dimRoundingMode, dataFormat);
  const top = g.filterHeight - 1 - g.padTop;
  const left = g.filterWidth - 1 - g.padLeft;
  const bottom = g.inHeight - g.outHeight + g.padTop;
  const right = g.inWidth - g.outWidth + g.padLeft;
  if (g.strideHeight !== 1 || g.strideWidth !== 1 || Math.min(top, left, bottom, right) < 0) {
    return stridedBackpropInput(backend, dy, filter, g, [...inputShape]);
  }
  const kernels = fmaKernels();
  if (kernels) {
    const dx = backend.makeOutput([...inputShape], 'float32');
    const heap = heapF32(backend);
    // dy correlated with the flipped filter: in channels outChannels, out channels inChannels.
    const correlation: ConvGeometry = {
      batch: g.batch,
      inHeight: g.outHeight,
      inWidth: g.outWidth,
      inChannels: g.outChannels,
      outHeight: g.inHeight,
      outWidth: g.inWidth,
      outChannels: g.inChannels,
      filterHeight: g.filterHeight,
      filterWidth: g.filterWidth,
      strideHeight: 1,
      strideWidth: 1,
      padTop: top,
      padLeft: left,
      padBottom: bottom,
      padRight: right,
    };
    fmaConvolution(
      kernels,
      { heap, offset: offsetF32(backend, dy) },
      correlation,
      flippedEntry({ heap, offset: offsetF32(backend, filter) }, g),
      null,
      false,
      { heap, offset: offsetF32(backend, dx) },
    );
    return dx;
  }
  const flipped = flippedFilter(backend, filter, g);
  const dx = callWasmKernel(
    backend,
    'Conv2D',
    { x: dy, filter: flipped },
    {
      strides: 1,
      dilations: 1,
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  release(backend, flipped);
  return dx;
}

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput,
};
