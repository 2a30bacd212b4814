/** Mean for the wasm backend: leading-axes float32 reductions in place, the rest to tfjs-wasm's. */
import * as tf from '@tensorflow/tfjs';
import { leadingAxesCount, reduceLeadingAxes } from './reduceLeadingAxes';
import { asWasm, requiredInput, runOriginalKernel } from './wasmKernelUtils';

function mean(params: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const x = requiredInput(params.inputs, 'x');
  const { axis, keepDims } = params.attrs as unknown as tf.MeanAttrs;
  const count = x.dtype === 'float32' ? leadingAxesCount(x.shape, axis) : 0;
  if (count === 0) return runOriginalKernel(tf.Mean, params);
  const reduced = tf.util.sizeFromShape(x.shape.slice(0, count));
  return reduceLeadingAxes(asWasm(params.backend), x, count, keepDims, 1 / reduced);
}

export const meanConfig: tf.KernelConfig = { kernelName: tf.Mean, backendName: 'wasm', kernelFunc: mean };
