/**
 * Conv2DBackpropFilter for the wasm backend (tfjs-backend-wasm 4.22 has none):
 * dW[(kh, kw, ci), co] = sum over m = (n, oh, ow) of cols[m, (kh, kw, ci)] * dy[m, co],
 * computed as (dy^T cols)^T with one XNNPACK matmul. The patch matrix is built in the wasm
 * heap (skipped for 1x1 stride-1 unpadded convs, where it is x itself). Where the product
 * kernels of fma/ load, they compute it instead, reading each receptive field in place.
 */
import * as tf from '@tensorflow/tfjs';
import { fmaFilterGradient } from './fma/fmaConv';
import { fmaKernels } from './fma/fmaRuntime';
import { im2colTransposed } from './im2col';
import { asWasm, convGeometry, heapF32, matMul2d, offsetF32, release, requiredInput, viewAs } from './wasmKernelUtils';

type Shape4 = [number, number, number, number];

function conv2dBackpropFilter({ inputs, backend: anyBackend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = asWasm(anyBackend);
  const x = requiredInput(inputs, 'x');
  const dy = requiredInput(inputs, 'dy');
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const g = convGeometry(x.shape as Shape4, filterShape, strides, pad, dimRoundingMode, dataFormat);
  const kernels = fmaKernels();
  if (kernels) {
    const dw = backend.makeOutput([...filterShape], 'float32');
    const heap = heapF32(backend);
    fmaFilterGradient(kernels, { heap, offset: offsetF32(backend, x) }, { heap, offset: offsetF32(backend, dy) }, g, {
      heap,
      offset: offsetF32(backend, dw),
    });
    return dw;
  }
  const rows = g.batch * g.outHeight * g.outWidth;
  const patch = g.filterHeight * g.filterWidth * g.inChannels;
  const colsT = backend.makeOutput([patch, rows], 'float32');
  im2colTransposed(heapF32(backend), offsetF32(backend, x), offsetF32(backend, colsT), g);
  const dw = matMul2d(backend, colsT, dy, patch, rows, g.outChannels);
  release(backend, colsT);
  return viewAs(dw, [...filterShape]);
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};
