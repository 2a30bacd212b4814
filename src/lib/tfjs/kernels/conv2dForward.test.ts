import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fmaKernels } from './fma/fmaRuntime';
import { CONV_CASES, initWasmForTests, seededTensor, wasmVersusCpu } from '../../../../test/support/wasmTestBackend';

// Float32 sums over up to a few thousand products, in another order than the cpu backend.
const TOLERANCE = 1e-5;

const CASES = CONV_CASES;

describe('wasm Conv2D and FusedConv2D on the product kernels equal the cpu backend', () => {
  beforeAll(initWasmForTests);

  it('runs on the product kernels here (relaxed SIMD, or its plain rewrite where Node lacks it)', () => {
    expect(['relaxed', 'plain']).toContain(fmaKernels()?.simd);
  });

  it.each(CASES)('Conv2D, $x / $filter, strides $strides, pad $pad', async (c) => {
    const error = await wasmVersusCpu(() =>
      tf.conv2d(seededTensor(c.x, 1) as tf.Tensor4D, seededTensor(c.filter, 2) as tf.Tensor4D, c.strides, c.pad),
    );
    expect(error).toBeLessThan(TOLERANCE);
  });

  it.each(CASES.flatMap((c) => (['linear', 'relu'] as const).map((activation) => ({ ...c, activation }))))(
    'FusedConv2D with bias and $activation, $x / $filter, strides $strides',
    async (c) => {
      const error = await wasmVersusCpu(() =>
        tf.fused.conv2d({
          x: seededTensor(c.x, 3) as tf.Tensor4D,
          filter: seededTensor(c.filter, 4) as tf.Tensor4D,
          strides: c.strides,
          pad: c.pad,
          bias: seededTensor([c.filter[3]], 5),
          activation: c.activation,
        }),
      );
      expect(error).toBeLessThan(TOLERANCE);
    },
  );

  // Left to tfjs-wasm's own kernel: dilation, other activations.
  it.each([
    [
      'dilation 2',
      () =>
        tf.conv2d(
          seededTensor([1, 9, 9, 3], 6) as tf.Tensor4D,
          seededTensor([3, 3, 3, 4], 7) as tf.Tensor4D,
          1,
          'same',
          'NHWC',
          2,
        ),
    ],
    [
      'leaky ReLU',
      () =>
        tf.fused.conv2d({
          x: seededTensor([1, 6, 6, 3], 8) as tf.Tensor4D,
          filter: seededTensor([3, 3, 3, 4], 9) as tf.Tensor4D,
          strides: 1,
          pad: 'same',
          activation: 'leakyrelu',
          leakyreluAlpha: 0.2,
        }),
    ],
  ] as const)('%s: tfjs-wasm kernel, same values', async (_name, compute) => {
    expect(await wasmVersusCpu(compute)).toBeLessThan(TOLERANCE);
  });
});
