/**
 * Test support for the wasm training kernels: tfjs' wasm backend in Node (vitest) with our
 * kernels registered, the same computation run on the cpu backend as the reference, and a
 * seeded source of inputs.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerTrainingGradients, registerWasmTrainingKernels } from '../../src/lib/tfjs/kernels/index';

let ready: Promise<void> | null = null;

/** Node reads the wasm binaries from disk: a directory path with a trailing slash. */
export function initWasmForTests(): Promise<void> {
  ready ??= (async () => {
    setWasmPaths(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).pathname);
    registerWasmTrainingKernels();
    registerTrainingGradients();
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialise');
  })();
  return ready;
}

/** Deterministic values in [-1, 1) (mulberry32). */
export function seededValues(count: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export function seededTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(seededValues(tf.util.sizeFromShape(shape), seed), shape);
}

/** Runs `compute` on `backend` and reads its result back. */
export async function valueOn(backend: 'cpu' | 'wasm', compute: () => tf.Tensor): Promise<tf.TypedArray> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not initialise`);
  const output = tf.tidy(compute);
  const values = await output.data();
  output.dispose();
  return values;
}

/** max |actual - expected|; Infinity for a NaN or a length mismatch. */
export function maxAbsDifference(actual: tf.TypedArray, expected: tf.TypedArray): number {
  if (actual.length !== expected.length) return Infinity;
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs((actual[i] ?? NaN) - (expected[i] ?? NaN));
    maxDiff = Number.isNaN(diff) ? Infinity : Math.max(maxDiff, diff);
  }
  return maxDiff;
}

/** max |actual - expected| / max |expected| (1 if expected is all zeros but actual is not). */
export function relativeError(actual: tf.TypedArray, expected: tf.TypedArray): number {
  const maxDiff = maxAbsDifference(actual, expected);
  let scale = 0;
  for (const value of expected) scale = Math.max(scale, Math.abs(value));
  return scale === 0 ? (maxDiff === 0 ? 0 : 1) : maxDiff / scale;
}

/**
 * Engine tensors and wasm backend buffers, to show a kernel leaves nothing behind (its
 * intermediates live only in the backend, so tf.memory() alone would not see them).
 */
export function memoryCounts(): { tensors: number; wasmBuffers: number } {
  return { tensors: tf.memory().numTensors, wasmBuffers: tf.findBackend('wasm').numDataIds() };
}

/** Runs `compute` on both backends, checks wasm left nothing behind, returns the relative error. */
export async function wasmVersusCpu(compute: () => tf.Tensor): Promise<number> {
  const expected = await valueOn('cpu', compute);
  await tf.setBackend('wasm');
  const before = memoryCounts();
  const actual = await valueOn('wasm', compute);
  expect(memoryCounts()).toEqual(before);
  return relativeError(actual, expected);
}

type ConvPad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

/** A convolution for the wasm kernel tests. */
export interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: ConvPad;
}

/**
 * Convolutions the wasm kernels must compute as the cpu backend does: strides, asymmetric and
 * explicit padding, pixel counts that are not multiples of the product kernels' 6-row tiles and
 * channel counts that are not multiples of their 8-column panels.
 */
export const CONV_CASES: readonly ConvCase[] = [
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' },
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 13], strides: 2, pad: 'same' },
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'valid' },
  { x: [2, 7, 7, 4], filter: [3, 3, 4, 5], strides: 1, pad: 'valid' },
  { x: [2, 7, 7, 3], filter: [2, 2, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 7, 7, 3], filter: [2, 2, 3, 8], strides: 1, pad: 'same' },
  { x: [2, 8, 8, 5], filter: [1, 1, 5, 6], strides: 1, pad: 'valid' },
  { x: [2, 8, 8, 5], filter: [1, 1, 5, 6], strides: 2, pad: 'same' },
  { x: [1, 16, 16, 3], filter: [7, 7, 3, 8], strides: 2, pad: 'same' },
  { x: [1, 16, 16, 3], filter: [7, 7, 3, 16], strides: 2, pad: 'same' },
  { x: [2, 10, 11, 4], filter: [2, 3, 4, 3], strides: [2, 1], pad: 'valid' },
  {
    x: [2, 6, 6, 3],
    filter: [3, 3, 3, 2],
    strides: 1,
    pad: [
      [0, 0],
      [2, 0],
      [1, 1],
      [0, 0],
    ],
  },
  { x: [3, 8, 8, 20], filter: [3, 3, 20, 24], strides: 1, pad: 'same' },
  { x: [3, 8, 8, 20], filter: [3, 3, 20, 24], strides: 2, pad: 'same' },
];
