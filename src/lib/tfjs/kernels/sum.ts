/** Sum for the wasm backend: leading-axes float32 reductions in place, the rest to tfjs-wasm's. */
import * as tf from '@tensorflow/tfjs';
import { leadingAxesCount, reduceLeadingAxes } from './reduceLeadingAxes';
import { asWasm, requiredInput, runOriginalKernel } from './wasmKernelUtils';

function sum(params: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const x = requiredInput(params.inputs, 'x');
  const { axis, keepDims } = params.attrs as unknown as tf.SumAttrs;
  const count = x.dtype === 'float32' ? leadingAxesCount(x.shape, axis) : 0;
  if (count === 0) return runOriginalKernel(tf.Sum, params);
  return reduceLeadingAxes(asWasm(params.backend), x, count, keepDims, 1);
}

export const sumConfig: tf.KernelConfig = { kernelName: tf.Sum, backendName: 'wasm', kernelFunc: sum };
