/**
 * The convolutions of the convolution-kernels e2e: a forward conv with bias and ReLU, and both
 * gradients, at sizes where every thread gets tiles (ResNet-like layers, a 7x7 stride-2 stem).
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/lib/tfjs/runtime';

interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number;
}
const CASES: ConvCase[] = [
  { x: [4, 16, 16, 32], filter: [3, 3, 32, 48], strides: 1 },
  { x: [4, 16, 16, 32], filter: [3, 3, 32, 40], strides: 2 },
  { x: [2, 32, 32, 3], filter: [7, 7, 3, 16], strides: 2 },
];

/** Deterministic values in [-1, 1). */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

const tensor = (shape: number[], seed: number) => tf.tensor(values(tf.util.sizeFromShape(shape), seed), shape);

/** Per case: [forward, input gradient, filter gradient], read back. */
export async function runConvCases(backend: 'wasm' | 'cpu'): Promise<number[][][]> {
  const report = await selectBackend(backend);
  if (report.backend !== backend) throw new Error(`${backend} did not start`);
  const out: number[][][] = [];
  for (const c of CASES) {
    const x = tensor(c.x, 1) as tf.Tensor4D;
    const w = tensor(c.filter, 2) as tf.Tensor4D;
    const bias = tensor([c.filter[3]], 3) as tf.Tensor1D;
    const forward = tf.fused.conv2d({ x, filter: w, strides: c.strides, pad: 'same', bias, activation: 'relu' });
    const dy = tensor(forward.shape, 4) as tf.Tensor4D;
    const dx = tf.conv2dTranspose(dy, w, c.x, c.strides, 'same');
    const dw = tf
      .engine()
      .runKernel<tf.Tensor>(
        'Conv2DBackpropFilter',
        { x, dy },
        { strides: c.strides, pad: 'same', dataFormat: 'NHWC', filterShape: c.filter },
      );
    out.push([Array.from(await forward.data()), Array.from(await dx.data()), Array.from(await dw.data())]);
    tf.dispose([x, w, bias, forward, dy, dx, dw]);
  }
  return out;
}
