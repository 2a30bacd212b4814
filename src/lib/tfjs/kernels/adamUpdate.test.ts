import { describe, expect, it } from 'vitest';
import { seededValues } from '../../../../test/support/wasmTestBackend';
import { adamInJavaScript, adamOnKernels, type AdamUpdateAttrs } from './adamUpdate';
import { fmaKernels } from './fma/fmaRuntime';

const f = Math.fround;

describe('the Adam update in SIMD and in JavaScript', () => {
  // Sizes around the kernel's 4-lane and 1024-element tiles; later steps (small 1 − β2ᵗ) too.
  it.each([1, 3, 4, 1023, 1025, 5000])('agree bit for bit, %i elements', (size) => {
    const kernels = fmaKernels();
    if (!kernels) throw new Error('no kernels in Node');
    const heap = new Float32Array(7 * size + 5);
    [1, 2, 3, 4].forEach((seed, k) => {
      heap.set(seededValues(size, seed), 1 + k * size);
    });
    // Second moments are non-negative.
    for (let i = 0; i < size; i++) heap[1 + 2 * size + i] = Math.abs(heap[1 + 2 * size + i] ?? 0) * 1e-3;
    const from = { value: 1, m: 1 + size, v: 1 + 2 * size, gradient: 1 + 3 * size };
    const scalars: AdamUpdateAttrs = {
      beta1: f(0.9),
      beta2: f(0.999),
      oneMinusBeta1: f(1 - 0.9),
      oneMinusBeta2: f(1 - 0.999),
      oneMinusAccBeta1: f(1 - f(0.9 ** 3)),
      oneMinusAccBeta2: f(1 - f(0.999 ** 3)),
      epsilon: f(1e-7),
      negativeLearningRate: f(-1e-3),
    };
    const js = { value: 4 * size + 1, m: 5 * size + 1, v: 6 * size + 1 };
    adamInJavaScript(heap, from, js, size, scalars);
    const expected = heap.slice(4 * size + 1, 7 * size + 1);
    heap.fill(0, 4 * size + 1);
    adamOnKernels(kernels, heap, from, js, size, scalars);
    expect(heap.slice(4 * size + 1, 7 * size + 1)).toEqual(expected);
    // The values moved, and the inputs are unchanged (the kernel works on copies).
    expect(heap.slice(4 * size + 1, 5 * size + 1)).not.toEqual(heap.slice(1, size + 1));
    expect(heap.slice(1, size + 1)).toEqual(seededValues(size, 1));
  });
});
