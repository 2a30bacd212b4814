import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './index';
import { initWasmForTests, memoryCounts, seededTensor, wasmVersusCpu } from '../../../../test/support/wasmTestBackend';

describe('wasm Tile, Sum, Mean, MaxPoolGrad and Identity equal the cpu backend', () => {
  beforeAll(initWasmForTests);

  // Tile only copies: exact.
  it.each([
    { shape: [1, 1, 1, 5], reps: [2, 3, 4, 1], dtype: 'float32' },
    { shape: [2, 3], reps: [3, 2], dtype: 'float32' },
    { shape: [4], reps: [3], dtype: 'int32' },
    { shape: [2, 1, 3], reps: [1, 4, 2], dtype: 'bool' },
    { shape: [3, 2, 1, 2], reps: [2, 1, 3, 2], dtype: 'int32' },
  ] as const)('Tile $shape x $reps ($dtype) is exact', async ({ shape, reps, dtype }) => {
    const error = await wasmVersusCpu(() => {
      const x = seededTensor([...shape], 11);
      const typed = dtype === 'float32' ? x : dtype === 'int32' ? x.mul(10).round().cast('int32') : x.greater(0);
      return tf.tile(typed, [...reps]).cast('float32');
    });
    expect(error).toBe(0);
  });

  // Float32 sums of up to 4096 terms; ours accumulates in float64.
  it.each([
    { op: 'sum', shape: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: false },
    { op: 'sum', shape: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: true },
    { op: 'sum', shape: [16, 16, 16, 8], axis: [2, 0, 1], keepDims: false },
    { op: 'sum', shape: [6, 7], axis: 0, keepDims: false },
    { op: 'sum', shape: [4, 5, 6], axis: [1, 2], keepDims: false },
    { op: 'sum', shape: [4, 5, 6], axis: null, keepDims: false },
    { op: 'mean', shape: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: true },
    { op: 'mean', shape: [16, 16, 16, 8], axis: [0, 1, 2], keepDims: false },
    { op: 'mean', shape: [4, 5, 6, 7], axis: [1, 2], keepDims: false },
    { op: 'mean', shape: [5, 3], axis: -1, keepDims: false },
  ] as const)('$op over $axis of $shape (keepDims $keepDims) within 1e-6', async ({ op, shape, axis, keepDims }) => {
    const error = await wasmVersusCpu(() => {
      const x = seededTensor([...shape], 12);
      const axes = axis === null ? undefined : typeof axis === 'number' ? axis : [...axis];
      return op === 'sum' ? tf.sum(x, axes, keepDims) : tf.mean(x, axes, keepDims);
    });
    expect(error).toBeLessThan(1e-6);
  });

  // Only additions of dy values into the argmax positions: exact up to float32 rounding.
  it.each([
    { x: [2, 9, 9, 4], size: 3, stride: 2, pad: 'same' },
    { x: [2, 8, 8, 3], size: 2, stride: 2, pad: 'valid' },
    { x: [1, 7, 7, 5], size: 3, stride: 1, pad: 'same' },
    { x: [2, 10, 9, 2], size: 3, stride: 2, pad: 'valid' },
    // Channels a multiple of 4: the SIMD kernel (overlapping windows, padding, ties from ReLU-like zeros).
    { x: [2, 9, 9, 8], size: 3, stride: 2, pad: 'same' },
    { x: [3, 6, 7, 12], size: 3, stride: 1, pad: 'same' },
    { x: [2, 8, 8, 4], size: 2, stride: 2, pad: 'valid' },
  ] as const)(
    'MaxPoolGrad $size x $size / $stride, pad $pad, on $x within 1e-6',
    async ({ x: shape, size, stride, pad }) => {
      const error = await wasmVersusCpu(() => {
        // ReLU-like zeros: ties, where the first maximum of a window must win.
        const x = seededTensor([...shape], 13).relu<tf.Tensor4D>();
        const pooled = tf.maxPool(x, size, stride, pad);
        return tf.grad((a: tf.Tensor) =>
          tf
            .maxPool(a as tf.Tensor4D, size, stride, pad)
            .mul(seededTensor(pooled.shape, 14))
            .sum(),
        )(x);
      });
      expect(error).toBeLessThan(1e-6);
    },
  );

  it('Identity (tf.clone, and every tensor kept for a gradient) shares the buffer, each reference disposed on its own', async () => {
    await tf.setBackend('wasm');
    const before = memoryCounts();
    const x = seededTensor([3, 4, 5], 15);
    const values = await x.data();
    const y = tf.clone(x);
    expect(y.dataId).toBe(x.dataId);
    expect(memoryCounts().wasmBuffers).toBe(before.wasmBuffers + 1);
    x.dispose();
    expect(await y.data()).toEqual(values);
    y.dispose();
    expect(memoryCounts()).toEqual(before);
    // A string tensor has no heap buffer: tfjs-wasm's own kernel copies it.
    const s = tf.tensor(['a', 'b']);
    expect(await tf.clone(s).data()).toEqual(['a', 'b']);
    tf.dispose(s);
  });

  it('registers idempotently and keeps the replaced kernels reachable', () => {
    const before = WASM_TRAINING_KERNELS.map((k) => tf.getKernel(k.kernelName, 'wasm').kernelFunc);
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(WASM_TRAINING_KERNELS.map((k) => tf.getKernel(k.kernelName, 'wasm').kernelFunc)).toEqual(before);
    expect(before).toEqual(WASM_TRAINING_KERNELS.map((k) => k.kernelFunc));
  });
});
