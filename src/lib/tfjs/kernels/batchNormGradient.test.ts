import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { relativeError, seededTensor } from '../../../../test/support/wasmTestBackend';
import { batchNormGradConfig } from './batchNormGradient';

const EPSILON = 1e-3;

interface Case {
  name: string;
  shape: number[];
  /** Axes the statistics are taken over (kept as size 1 when `keepDims`). */
  axes: number[];
  keepDims: boolean;
}

const CASES: Case[] = [
  {
    name: 'NHWC, per channel (a layers BatchNormalization in training)',
    shape: [4, 5, 6, 8],
    axes: [0, 1, 2],
    keepDims: false,
  },
  { name: 'a dense batch [N, C]', shape: [16, 7], axes: [0], keepDims: false },
  { name: 'statistics over the batch only, kept as [1, 3, 4]', shape: [5, 3, 4], axes: [0], keepDims: true },
];

type Normalise = (x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, offset: tf.Tensor, scale: tf.Tensor) => tf.Tensor;

const kernel: Normalise = (x, mean, variance, offset, scale) => tf.batchNorm(x, mean, variance, offset, scale, EPSILON);
/** The same arithmetic in elementary ops: its gradient comes from their gradients, not FusedBatchNorm's. */
const byHand: Normalise = (x, mean, variance, offset, scale) =>
  tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPSILON))), scale), offset);

/**
 * Gradients of sum(w * normalise(x)) for x, scale and offset, the statistics taken from x (as in
 * training, so the gradient also flows through them).
 */
function gradients({ shape, axes, keepDims }: Case, normalise: Normalise): Float32Array[] {
  return tf.tidy(() => {
    const statShape = shape.map((s, i) => (axes.includes(i) ? 1 : s)).filter((_, i) => keepDims || !axes.includes(i));
    const x = seededTensor(shape, 21);
    const scale = tf.add(seededTensor(statShape, 22), 1.5);
    const offset = seededTensor(statShape, 23);
    const w = seededTensor(shape, 24);
    const f = (a: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, axes, keepDims);
      return tf.sum(tf.mul(w, normalise(a, mean, variance, o, s)));
    };
    return tf
      .grads(f)([x, scale, offset])
      .map((g) => g.dataSync() as Float32Array);
  });
}

/** The textbook backward pass per channel, in float64: dx = s r / N (N dy - sum dy - xhat sum(dy xhat)). */
function closedFormDx({ shape }: Case): Float32Array {
  const channels = shape.at(-1) ?? 1;
  const rows = shape.slice(0, -1).reduce((n, s) => n * s, 1);
  const x = seededTensor(shape, 21).dataSync();
  const scale = tf.add(seededTensor([channels], 22), 1.5).dataSync();
  const dy = seededTensor(shape, 24).dataSync();
  const at = (a: tf.TypedArray, i: number, c: number) => a[i * channels + c] ?? NaN;
  const out = new Float32Array(x.length);
  for (let c = 0; c < channels; c++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += at(x, i, c) / rows;
    let variance = 0;
    for (let i = 0; i < rows; i++) variance += (at(x, i, c) - mean) ** 2 / rows;
    const r = 1 / Math.sqrt(variance + EPSILON);
    let sumDy = 0;
    let sumDyXhat = 0;
    for (let i = 0; i < rows; i++) {
      sumDy += at(dy, i, c);
      sumDyXhat += at(dy, i, c) * (at(x, i, c) - mean) * r;
    }
    const k = ((scale[c] ?? NaN) * r) / rows;
    for (let i = 0; i < rows; i++) {
      out[i * channels + c] = k * (rows * at(dy, i, c) - sumDy - (at(x, i, c) - mean) * r * sumDyXhat);
    }
  }
  return out;
}

describe('the batch-norm gradient in fewer passes', () => {
  const stock = new Map<Case, Float32Array[]>();

  beforeAll(async () => {
    await tf.setBackend('cpu');
    // tfjs' own gradient first, as a reference (it handles per-channel statistics); then ours replaces it.
    for (const c of CASES.filter((k) => !k.keepDims)) stock.set(c, gradients(c, kernel));
    tf.registerGradient(batchNormGradConfig);
  });

  it('is the one registered', () => {
    expect(tf.getGradient(tf.FusedBatchNorm)).toBe(batchNormGradConfig);
  });

  it.each(CASES)('$name: x, scale and offset as the elementary ops’ gradients (and tfjs’), within 1e-5', (c) => {
    const ours = gradients(c, kernel);
    const references = [gradients(c, byHand), ...(stock.has(c) ? [stock.get(c) ?? []] : [])];
    for (const reference of references) {
      ['x', 'scale', 'offset'].forEach((name, i) => {
        expect(relativeError(ours[i] ?? new Float32Array(), reference[i] ?? new Float32Array()), name).toBeLessThan(
          1e-5,
        );
      });
    }
  });

  it.each(CASES.filter((c) => c.axes.length === c.shape.length - 1))(
    '$name: dx is the closed form within 1e-5',
    (c) => {
      expect(relativeError(gradients(c, kernel)[0] ?? new Float32Array(), closedFormDx(c))).toBeLessThan(1e-5);
    },
  );
});
