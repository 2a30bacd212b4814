import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededTensor } from '../../../../test/support/wasmTestBackend';
import { meanGradConfig, sumGradConfig } from './reductionGradients';

const CASES = [
  { op: 'sum', shape: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: false },
  { op: 'sum', shape: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: true },
  { op: 'sum', shape: [6, 7], axis: 0, keepDims: false },
  { op: 'sum', shape: [4, 5, 6], axis: [2, 0], keepDims: false },
  { op: 'sum', shape: [4, 5, 6], axis: null, keepDims: false },
  { op: 'mean', shape: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: true },
  { op: 'mean', shape: [4, 5, 6, 7], axis: [1, 2], keepDims: false },
  { op: 'mean', shape: [5, 3], axis: -1, keepDims: false },
  { op: 'mean', shape: [3, 4, 5], axis: null, keepDims: true },
] as const;

type Case = (typeof CASES)[number];

/** d/dx of sum(w * reduce(x)) for a seeded w: dy = w, so dx is w broadcast back (and / n for mean). */
function gradientOf({ op, shape, axis, keepDims }: Case): Float32Array {
  return tf.tidy(() => {
    const x = seededTensor([...shape], 1);
    const axes = axis === null ? undefined : typeof axis === 'number' ? axis : [...axis];
    const reduce = (t: tf.Tensor) => (op === 'sum' ? tf.sum(t, axes, keepDims) : tf.mean(t, axes, keepDims));
    const w = seededTensor(reduce(x).shape, 2);
    return tf
      .grad((t: tf.Tensor) => tf.sum(tf.mul(w, reduce(t))))(x)
      .dataSync() as Float32Array;
  });
}

/** The same by brute force: every element of x takes the weight of the output it was reduced into. */
function closedForm({ op, shape, axis }: Case): Float32Array {
  const rank = shape.length;
  const axes =
    axis === null
      ? shape.map((_, i) => i)
      : (typeof axis === 'number' ? [axis] : [...axis]).map((a) => (a + rank) % rank);
  const outShape = shape.filter((_, i) => !axes.includes(i));
  const w = seededTensor(outShape.length ? outShape : [], 2).dataSync();
  const count = axes.reduce((n, a) => n * (shape[a] ?? 1), 1);
  const size = shape.reduce((n, s) => n * s, 1);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let rest = i;
    let outIndex = 0;
    let outStride = 1;
    for (let d = rank - 1; d >= 0; d--) {
      const s = shape[d] ?? 1;
      const coordinate = rest % s;
      rest = Math.floor(rest / s);
      if (!axes.includes(d)) {
        outIndex += coordinate * outStride;
        outStride *= s;
      }
    }
    const weight = w[outIndex] ?? NaN;
    out[i] = op === 'sum' ? weight : Math.fround(weight / count);
  }
  return out;
}

describe('Sum and Mean gradients without a ones tensor', () => {
  const stock = new Map<Case, Float32Array>();

  beforeAll(async () => {
    await tf.setBackend('cpu');
    // tfjs' own gradients first, as the reference; then ours replace them.
    for (const c of CASES) stock.set(c, gradientOf(c));
    for (const config of [sumGradConfig, meanGradConfig]) tf.registerGradient(config);
  });

  it('are the ones registered', () => {
    expect(tf.getGradient(tf.Sum)).toBe(sumGradConfig);
    expect(tf.getGradient(tf.Mean)).toBe(meanGradConfig);
  });

  it.each(CASES)(
    '$op over $axis of $shape (keepDims $keepDims): tfjs’ values bit for bit, and the closed form',
    (c) => {
      const ours = gradientOf(c);
      expect(ours).toEqual(stock.get(c));
      expect(ours).toEqual(closedForm(c));
    },
  );
});
