import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  initWasmForTests,
  memoryCounts,
  relativeError,
  seededTensor,
  valueOn,
  CONV_CASES,
} from '../../../../test/support/wasmTestBackend';

// Float32 sums over up to a few thousand products, in another order than the cpu backend.
const TOLERANCE = 1e-5;

const CASES = CONV_CASES;

function name(c: (typeof CASES)[number]): string {
  return `x ${c.x.join('x')}, filter ${c.filter.join('x')}, strides ${String(c.strides)}, pad ${JSON.stringify(c.pad)}`;
}

function dyShape(c: (typeof CASES)[number]): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

describe('wasm convolution gradient kernels equal the cpu backend', () => {
  beforeAll(initWasmForTests);

  it.each(CASES)('Conv2DBackpropFilter, $x / $filter, strides $strides, pad $pad', async (c) => {
    const compute = (): tf.Tensor =>
      tf
        .engine()
        .runKernel<tf.Tensor>(
          'Conv2DBackpropFilter',
          { x: seededTensor(c.x, 1), dy: seededTensor(dyShape(c), 2) },
          { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter },
        );
    const expected = await valueOn('cpu', compute);
    await tf.setBackend('wasm');
    const before = memoryCounts();
    const actual = await valueOn('wasm', compute);
    expect(memoryCounts(), name(c)).toEqual(before);
    expect(relativeError(actual, expected), name(c)).toBeLessThan(TOLERANCE);
  });

  it.each(CASES)('Conv2DBackpropInput, $x / $filter, strides $strides, pad $pad', async (c) => {
    const compute = (): tf.Tensor =>
      tf
        .engine()
        .runKernel<tf.Tensor>(
          'Conv2DBackpropInput',
          { dy: seededTensor(dyShape(c), 3), filter: seededTensor(c.filter, 4) },
          { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x },
        );
    const expected = await valueOn('cpu', compute);
    await tf.setBackend('wasm');
    const before = memoryCounts();
    const actual = await valueOn('wasm', compute);
    expect(memoryCounts(), name(c)).toEqual(before);
    expect(relativeError(actual, expected), name(c)).toBeLessThan(TOLERANCE);
  });

  it.each([0, 1])('tf.grads of conv2d, input %i, equals the cpu backend', async (which) => {
    const compute = (): tf.Tensor => {
      const inputs = [seededTensor([2, 12, 12, 6], 5), seededTensor([3, 3, 6, 7], 6)];
      const weights = seededTensor([2, 6, 6, 7], 7);
      const grads = tf.grads((x: tf.Tensor, w: tf.Tensor) =>
        tf
          .conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same')
          .mul(weights)
          .sum(),
      )(inputs);
      return grads[which] ?? tf.scalar(NaN);
    };
    const expected = await valueOn('cpu', compute);
    expect(relativeError(await valueOn('wasm', compute), expected)).toBeLessThan(TOLERANCE);
  });
});
