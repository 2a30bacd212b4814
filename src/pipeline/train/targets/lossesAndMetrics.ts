/**
 * Losses and metrics as tfjs functions (yTrue, yPred) => scalar, with Keras' definitions.
 * Each computes inside tf.tidy and returns one new scalar; callers dispose it or call inside
 * their own tidy. tfjs' compile has no loss weights, so weightedLoss folds the weight in.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossName, MetricName, TargetSpec } from './targetSpecs';

export type TargetFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Keras' backend epsilon: probabilities are clipped to [eps, 1 - eps] before the log. */
const EPSILON = 1e-7;
const DEG_TO_RAD = Math.PI / 180;

/** -mean over rows of sum(y log p), p renormalised per row and clipped, as Keras does. */
export const categoricalCrossentropy: TargetFn = (yTrue, yPred) =>
  tf.tidy(() => {
    const p = tf.clipByValue(tf.div(yPred, tf.sum(yPred, -1, true)), EPSILON, 1 - EPSILON);
    return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.log(p)), -1))).asScalar();
  });

export const meanSquaredError: TargetFn = (yTrue, yPred) =>
  tf.tidy(() => tf.mean(tf.squaredDifference(yTrue, yPred)).asScalar());

/** 2 (1 - cos(delta)), delta in radians from degrees: 0 at 0 deg, 2 at 90, 4 at 180; periodic. */
export const angleLoss: TargetFn = (yTrue, yPred) =>
  tf.tidy(() => {
    const delta = tf.mul(tf.sub(yTrue, yPred), DEG_TO_RAD);
    return tf.mean(tf.mul(2, tf.sub(1, tf.cos(delta)))).asScalar();
  });

/** Share of rows whose largest prediction is the true class. */
export const accuracy: TargetFn = (yTrue, yPred) =>
  tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32')).asScalar());

function l2Normalise(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), -1, true), 1e-12)));
}

/** Mean over rows of the cosine between the true and predicted vectors (Keras cosine_similarity). */
export const cosineSimilarity: TargetFn = (yTrue, yPred) =>
  tf.tidy(() => tf.mean(tf.sum(tf.mul(l2Normalise(yTrue), l2Normalise(yPred)), -1)).asScalar());

export const meanAbsoluteError: TargetFn = (yTrue, yPred) =>
  tf.tidy(() => tf.mean(tf.abs(tf.sub(yTrue, yPred))).asScalar());

/** Mean absolute angle between truth and prediction in degrees, wrapped to [0, 180]. */
export const angularError: TargetFn = (yTrue, yPred) =>
  tf.tidy(() => {
    const cos = tf.clipByValue(tf.cos(tf.mul(tf.sub(yTrue, yPred), DEG_TO_RAD)), -1, 1);
    return tf.mul(tf.mean(tf.acos(cos)), 1 / DEG_TO_RAD).asScalar();
  });

export const LOSSES: Readonly<Record<LossName, TargetFn>> = {
  categoricalCrossentropy,
  meanSquaredError,
  angle: angleLoss,
};
export const METRICS: Readonly<Record<MetricName, TargetFn>> = {
  accuracy,
  cosineSimilarity,
  meanAbsoluteError,
  angularError,
};

/** The head's loss times its weight: what to hand tfjs' compile, which sums the heads' losses. */
export function weightedLoss(spec: Pick<TargetSpec, 'loss' | 'lossWeight'>): TargetFn {
  const loss = LOSSES[spec.loss];
  if (spec.lossWeight === 1) return loss;
  return (yTrue, yPred) => tf.tidy(() => tf.mul(loss(yTrue, yPred), spec.lossWeight).asScalar());
}

/** Sum over heads of weight x loss, heads in the specs' order. */
export function totalLoss(
  specs: readonly Pick<TargetSpec, 'loss' | 'lossWeight'>[],
  yTrue: readonly tf.Tensor[],
  yPred: readonly tf.Tensor[],
): tf.Scalar {
  if (yTrue.length !== specs.length || yPred.length !== specs.length) {
    throw new Error(`totalLoss: ${specs.length} heads but ${yTrue.length} targets and ${yPred.length} predictions`);
  }
  return tf.tidy(() =>
    tf
      .addN(
        specs.map((spec, i) => {
          const t = yTrue[i];
          const p = yPred[i];
          if (t === undefined || p === undefined) throw new Error('unreachable: lengths checked');
          return weightedLoss(spec)(t, p);
        }),
      )
      .asScalar(),
  );
}
