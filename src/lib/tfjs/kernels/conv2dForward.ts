/**
 * Conv2D and FusedConv2D for the wasm backend on the product kernels of fma/ (relaxed SIMD's
 * fused multiply-add, threads of our own), replacing XNNPACK's where those kernels load. Cases
 * they do not cover (NCHW, dilation, an activation other than ReLU, PReLU weights, a bias that
 * is not one value per output channel) and runtimes without them keep tfjs-wasm's kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { fmaConvolution, forwardFilter } from './fma/fmaConv';
import { fmaKernels } from './fma/fmaRuntime';
import { asWasm, convGeometry, heapF32, offsetF32, runOriginalKernel } from './wasmKernelUtils';

type Shape4 = [number, number, number, number];

function isOne(dilations: number | [number, number] | undefined): boolean {
  return dilations === undefined || (Array.isArray(dilations) ? dilations.every((d) => d === 1) : dilations === 1);
}

function convolve(params: Parameters<tf.KernelFunc>[0], fused: boolean): tf.TensorInfo {
  const { inputs, attrs = {} } = params;
  const backend = asWasm(params.backend);
  const kernels = fmaKernels();
  const kernelName = fused ? tf.FusedConv2D : tf.Conv2D;
  const { x, filter, bias, preluActivationWeights } = inputs;
  // Attributes as tfjs passes them (Conv2D has no activation; dataFormat may be left out).
  const { strides, pad, dataFormat, dilations, dimRoundingMode, activation } = attrs as unknown as Partial<
    Pick<tf.FusedConv2DAttrs, 'activation' | 'dataFormat' | 'dilations' | 'dimRoundingMode'>
  > &
    Pick<tf.FusedConv2DAttrs, 'strides' | 'pad'>;
  const act = fused ? (activation ?? 'linear') : 'linear';
  if (
    !kernels ||
    !x ||
    !filter ||
    x.dtype !== 'float32' ||
    filter.dtype !== 'float32' ||
    (dataFormat !== undefined && dataFormat !== 'NHWC') ||
    !isOne(dilations) ||
    (act !== 'linear' && act !== 'relu') ||
    preluActivationWeights ||
    (bias && (bias.dtype !== 'float32' || tf.util.sizeFromShape(bias.shape) !== filter.shape[3]))
  ) {
    return runOriginalKernel(kernelName, params);
  }
  const g = convGeometry(x.shape as Shape4, filter.shape as Shape4, strides, pad, dimRoundingMode, 'NHWC');
  const out = backend.makeOutput([g.batch, g.outHeight, g.outWidth, g.outChannels], 'float32');
  const heap = heapF32(backend);
  fmaConvolution(
    kernels,
    { heap, offset: offsetF32(backend, x) },
    g,
    forwardFilter({ heap, offset: offsetF32(backend, filter) }, g),
    bias ? { heap, offset: offsetF32(backend, bias) } : null,
    act === 'relu',
    { heap, offset: offsetF32(backend, out) },
  );
  return out;
}

export const conv2dConfig: tf.KernelConfig = {
  kernelName: tf.Conv2D,
  backendName: 'wasm',
  kernelFunc: (params) => convolve(params, false),
};

export const fusedConv2dConfig: tf.KernelConfig = {
  kernelName: tf.FusedConv2D,
  backendName: 'wasm',
  kernelFunc: (params) => convolve(params, true),
};
