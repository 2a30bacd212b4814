import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accuracy,
  angleLoss,
  angularError,
  categoricalCrossentropy,
  cosineSimilarity,
  LOSSES,
  meanAbsoluteError,
  meanSquaredError,
  METRICS,
  totalLoss,
  type TargetFn,
  weightedLoss,
} from './lossesAndMetrics';
import { TRANSLATION_LOSS_WEIGHT } from './targetSpecs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The function's value on small 2-D arrays, checking it leaves exactly one tensor (its result). */
function value(fn: TargetFn, yTrue: number[][], yPred: number[][]): number {
  return tf.tidy(() => {
    const t = tf.tensor2d(yTrue);
    const p = tf.tensor2d(yPred);
    const before = tf.memory().numTensors;
    const result = fn(t, p);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(result.shape).toEqual([]);
    return result.dataSync()[0] ?? NaN;
  });
}

const TOL = 5; // decimal digits: float32 arithmetic

describe('losses (closed form)', () => {
  it('categorical cross-entropy is -mean log p(true class), clipped at 1e-7', () => {
    expect(
      value(
        categoricalCrossentropy,
        [
          [0, 1, 0],
          [1, 0, 0],
        ],
        [
          [0.2, 0.7, 0.1],
          [0.5, 0.25, 0.25],
        ],
      ),
    ).toBeCloseTo(-(Math.log(0.7) + Math.log(0.5)) / 2, TOL);
    expect(value(categoricalCrossentropy, [[1, 0]], [[0, 1]])).toBeCloseTo(-Math.log(1e-7), 3);
  });

  it('mean squared error averages over rows and units', () => {
    expect(
      value(
        meanSquaredError,
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 0],
          [0, 4],
        ],
      ),
    ).toBeCloseTo((0 + 4 + 9 + 0) / 4, TOL);
  });

  it('angle loss 2(1 - cos delta) is 0 at 0 deg, 2 at 90, 4 at 180, and periodic', () => {
    expect(value(angleLoss, [[30]], [[30]])).toBeCloseTo(0, TOL);
    expect(value(angleLoss, [[0]], [[90]])).toBeCloseTo(2, TOL);
    expect(value(angleLoss, [[-90]], [[90]])).toBeCloseTo(4, TOL);
    expect(value(angleLoss, [[10]], [[370]])).toBeCloseTo(0, TOL);
    expect(value(angleLoss, [[0], [0], [0]], [[0], [90], [180]])).toBeCloseTo(2, TOL);
    expect(value(angleLoss, [[0]], [[60]])).toBeCloseTo(1, TOL);
  });

  it('folds the translation weight 0.001 in and sums weighted heads', () => {
    const translation = weightedLoss({ loss: 'meanSquaredError', lossWeight: TRANSLATION_LOSS_WEIGHT });
    expect(value(translation, [[100]], [[0]])).toBeCloseTo(10, 3);
    expect(weightedLoss({ loss: 'angle', lossWeight: 1 })).toBe(LOSSES.angle);
    const total = tf.tidy(() => {
      const specs = [
        { loss: 'categoricalCrossentropy', lossWeight: 1 },
        { loss: 'meanSquaredError', lossWeight: 0.001 },
        { loss: 'angle', lossWeight: 1 },
      ] as const;
      const yTrue = [tf.tensor2d([[0, 1]]), tf.tensor2d([[100]]), tf.tensor2d([[0]])];
      const yPred = [tf.tensor2d([[0.5, 0.5]]), tf.tensor2d([[0]]), tf.tensor2d([[90]])];
      return totalLoss(specs, yTrue, yPred).dataSync()[0];
    });
    expect(total).toBeCloseTo(-Math.log(0.5) + 0.001 * 10000 + 2, 4);
  });
});

describe('metrics (closed form)', () => {
  it('accuracy counts rows whose argmax is the true class', () => {
    expect(
      value(
        accuracy,
        [
          [0, 1, 0],
          [1, 0, 0],
          [0, 0, 1],
        ],
        [
          [0.1, 0.8, 0.1],
          [0.2, 0.7, 0.1],
          [0.1, 0.1, 0.8],
        ],
      ),
    ).toBeCloseTo(2 / 3, TOL);
  });

  it('cosine similarity is the mean per-row cosine, blind to scale', () => {
    expect(
      value(
        cosineSimilarity,
        [
          [1, 0],
          [1, 2],
        ],
        [
          [1, 1],
          [-2, -4],
        ],
      ),
    ).toBeCloseTo((Math.SQRT1_2 - 1) / 2, TOL);
    expect(value(cosineSimilarity, [[3, 4, 0]], [[0.3, 0.4, 0]])).toBeCloseTo(1, TOL);
  });

  it('mean absolute error', () => {
    expect(
      value(
        meanAbsoluteError,
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 0],
          [0, 4],
        ],
      ),
    ).toBeCloseTo((0 + 2 + 3 + 0) / 4, TOL);
  });

  it('angular error is the mean wrapped |delta| in degrees', () => {
    expect(value(angularError, [[0], [0], [0]], [[10], [-350], [190]])).toBeCloseTo((10 + 10 + 170) / 3, 2);
  });
});

describe('tensor hygiene', () => {
  it('leaves no tensors behind when every loss and metric runs inside tidy', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const t = tf.tensor2d([
        [0, 1],
        [1, 0],
      ]);
      const p = tf.tensor2d([
        [0.3, 0.7],
        [0.6, 0.4],
      ]);
      for (const fn of [...Object.values(LOSSES), ...Object.values(METRICS)]) fn(t, p);
      weightedLoss({ loss: 'meanSquaredError', lossWeight: 0.5 })(t, p);
      totalLoss([{ loss: 'angle', lossWeight: 2 }], [t], [p]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
