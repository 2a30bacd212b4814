import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { seededValues } from '../../../../../test/support/wasmTestBackend';
import { convGeometry, type ConvGeometry } from '../wasmKernelUtils';
import {
  flippedFilter,
  fmaConvolution,
  fmaFilterGradient,
  forwardFilter,
  type HeapSlice,
  transposedFilter,
} from './fmaConv';
import { fmaKernels } from './fmaRuntime';

// The product kernels against sums written out in float64, on a heap of our own (no tfjs
// backend): each output is a sum of up to ~2000 float32 products, so |error| ≤ 1e-5 · Σ|terms|.
const TOLERANCE = 1e-5;

type Shape4 = [number, number, number, number];

function kernelsHere() {
  const kernels = fmaKernels();
  if (!kernels) throw new Error('the product kernels did not load in Node');
  return kernels;
}

/** x, w (and dy) laid out in one heap, as tfjs-wasm's heap holds tensors. */
function heapOf(...arrays: Float32Array[]): { heap: Float32Array; slices: HeapSlice[] } {
  const heap = new Float32Array(arrays.reduce((n, a) => n + a.length, 0) + 7);
  const slices: HeapSlice[] = [];
  let at = 3; // not at 0, and not aligned
  for (const a of arrays) {
    heap.set(a, at);
    slices.push({ heap, offset: at });
    at += a.length;
  }
  return { heap, slices };
}

/** x at (n, h, w, c), 0 outside (the padding). */
function xAt(x: Float32Array, g: ConvGeometry, n: number, h: number, w: number, c: number): number {
  if (h < 0 || h >= g.inHeight || w < 0 || w >= g.inWidth) return 0;
  return x[((n * g.inHeight + h) * g.inWidth + w) * g.inChannels + c] ?? NaN;
}

/** Visits each (output pixel, tap, input channel) term's x value and output-pixel index. */
function eachTerm(
  g: ConvGeometry,
  visit: (m: number, kh: number, kw: number, ci: number, ih: number, iw: number, n: number) => void,
) {
  let m = 0;
  for (let n = 0; n < g.batch; n++)
    for (let oh = 0; oh < g.outHeight; oh++)
      for (let ow = 0; ow < g.outWidth; ow++, m++)
        for (let kh = 0; kh < g.filterHeight; kh++)
          for (let kw = 0; kw < g.filterWidth; kw++)
            for (let ci = 0; ci < g.inChannels; ci++)
              visit(m, kh, kw, ci, oh * g.strideHeight + kh - g.padTop, ow * g.strideWidth + kw - g.padLeft, n);
}

function expectClose(actual: Float32Array, expected: Float64Array, scale: Float64Array, label: string) {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs((actual[i] ?? NaN) - (expected[i] ?? NaN));
    if (!(err <= TOLERANCE * ((scale[i] ?? 0) + 1e-6))) {
      expect.fail(`${label}: element ${i} is ${actual[i]}, expected ${expected[i]} (|terms| ${scale[i]})`);
    }
  }
}

const CASES: { x: Shape4; filter: Shape4; strides: number | [number, number]; pad: 'same' | 'valid' }[] = [
  // 5·5·2 = 50 pixels: 8 tiles of 6 with 2 rows past the end; 13 out channels: 2 panels, 3 padded.
  { x: [2, 5, 5, 3], filter: [3, 3, 3, 13], strides: 1, pad: 'same' },
  { x: [1, 9, 7, 5], filter: [3, 2, 5, 8], strides: [2, 1], pad: 'valid' },
  // 2·14·14 = 392 pixels: the filter gradient sums over four blocks of 128.
  { x: [2, 14, 14, 7], filter: [3, 3, 7, 9], strides: 1, pad: 'same' },
  { x: [1, 16, 16, 3], filter: [7, 7, 3, 16], strides: 2, pad: 'same' },
];

describe('the product kernels (fmaConv) against float64 sums', () => {
  it.each(CASES)('convolution with bias and ReLU, $x / $filter, strides $strides, pad $pad', (c) => {
    const g = convGeometry(c.x, c.filter, c.strides, c.pad, undefined, 'NHWC');
    const x = seededValues(tf.util.sizeFromShape(c.x), 1);
    const w = seededValues(tf.util.sizeFromShape(c.filter), 2);
    const bias = seededValues(g.outChannels, 3);
    const pixels = g.batch * g.outHeight * g.outWidth;
    const { slices } = heapOf(x, w, bias, new Float32Array(pixels * g.outChannels));
    const [xs, ws, bs, out] = slices as [HeapSlice, HeapSlice, HeapSlice, HeapSlice];
    for (const relu of [false, true]) {
      fmaConvolution(kernelsHere(), xs, g, forwardFilter(ws, g), bs, relu, out);
      const sum = new Float64Array(pixels * g.outChannels);
      const scale = new Float64Array(pixels * g.outChannels);
      for (let m = 0; m < pixels; m++)
        for (let co = 0; co < g.outChannels; co++) {
          sum[m * g.outChannels + co] = bias[co] ?? NaN;
          scale[m * g.outChannels + co] = Math.abs(bias[co] ?? NaN);
        }
      eachTerm(g, (m, kh, kw, ci, ih, iw, n) => {
        const xv = xAt(x, g, n, ih, iw, ci);
        for (let co = 0; co < g.outChannels; co++) {
          const term = xv * (w[((kh * g.filterWidth + kw) * g.inChannels + ci) * g.outChannels + co] ?? NaN);
          const i = m * g.outChannels + co;
          sum[i] = (sum[i] ?? 0) + term;
          scale[i] = (scale[i] ?? 0) + Math.abs(term);
        }
      });
      if (relu) sum.forEach((v, i) => (sum[i] = Math.max(0, v)));
      expectClose(out.heap.subarray(out.offset, out.offset + pixels * g.outChannels), sum, scale, `relu ${relu}`);
    }
  });

  it.each(CASES)('filter gradient, $x / $filter, strides $strides, pad $pad', (c) => {
    const g = convGeometry(c.x, c.filter, c.strides, c.pad, undefined, 'NHWC');
    const pixels = g.batch * g.outHeight * g.outWidth;
    const x = seededValues(tf.util.sizeFromShape(c.x), 4);
    const dy = seededValues(pixels * g.outChannels, 5);
    const size = tf.util.sizeFromShape(c.filter);
    const { slices } = heapOf(x, dy, new Float32Array(size));
    const [xs, dys, out] = slices as [HeapSlice, HeapSlice, HeapSlice];
    fmaFilterGradient(kernelsHere(), xs, dys, g, out);
    const sum = new Float64Array(size);
    const scale = new Float64Array(size);
    eachTerm(g, (m, kh, kw, ci, ih, iw, n) => {
      const xv = xAt(x, g, n, ih, iw, ci);
      for (let co = 0; co < g.outChannels; co++) {
        const k = ((kh * g.filterWidth + kw) * g.inChannels + ci) * g.outChannels + co;
        const term = xv * (dy[m * g.outChannels + co] ?? NaN);
        sum[k] = (sum[k] ?? 0) + term;
        scale[k] = (scale[k] ?? 0) + Math.abs(term);
      }
    });
    expectClose(out.heap.subarray(out.offset, out.offset + size), sum, scale, 'dW');
  });

  it('packs the filter flipped and channel-swapped, and transposed, as the input gradient reads it', () => {
    // 1 × 1 input rows so each output is one filter entry: the packed b itself.
    const g = convGeometry([1, 4, 4, 3], [2, 3, 3, 5], 1, 'valid', undefined, 'NHWC');
    const w = seededValues(2 * 3 * 3 * 5, 6);
    const { slices } = heapOf(w);
    const [ws] = slices as [HeapSlice];
    const flipped = flippedFilter(ws, g);
    const transposed = transposedFilter(ws, g.outChannels);
    const rowOf = (b: typeof flipped, k: number, j: number): number => {
      let row = k;
      for (const block of b.blocks) {
        if (row < block.rows) return b.heap[block.offset + row * block.rowStride + j * block.colStride] ?? NaN;
        row -= block.rows;
      }
      return NaN;
    };
    // flipped: rows (a, b, co), columns ci: W[1 - a, 2 - b, ci, co].
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 3; b++)
        for (let co = 0; co < 5; co++)
          for (let ci = 0; ci < 3; ci++)
            expect(rowOf(flipped, (a * 3 + b) * 5 + co, ci)).toBe(w[(((1 - a) * 3 + (2 - b)) * 3 + ci) * 5 + co]);
    // transposed: rows co, columns (kh, kw, ci).
    for (let co = 0; co < 5; co++) for (let j = 0; j < 18; j++) expect(rowOf(transposed, co, j)).toBe(w[j * 5 + co]);
  });
});
