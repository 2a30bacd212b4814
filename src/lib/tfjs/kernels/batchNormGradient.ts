/**
 * The gradient of FusedBatchNorm (tf.batchNorm, which tfjs-layers' BatchNormalization runs in
 * training), in fewer passes over the activations. With
 * r = 1 / sqrt(variance + eps), g = scale * r and the sums over the reduced axes
 * S1 = sum(dy) and S2 = sum(dy * (x - mean)):
 *   dx = dy * g, dmean = -g * S1, dvariance = -scale * r^3 * S2 / 2, dscale = r * S2, doffset = S1.
 * tfjs-core 4.22 computes the same with nine full-size elementwise ops, four sums and a Tile per
 * layer; this takes three full-size ops and two sums. The values agree to float rounding (test).
 * The sums run over the axes the statistics were broadcast along, so statistics of any
 * broadcastable shape work (tfjs' own fails on those of rank > 1 that are not x's shape).
 */
import * as tf from '@tensorflow/tfjs';

type Gradients = ReturnType<tf.GradConfig['gradFunc']>;

function batchNormGradient(dy: tf.Tensor, saved: tf.Tensor[], epsilon: number): Gradients {
  const [x, mean, variance, scale] = saved;
  if (!x || !mean || !variance) throw new Error('unreachable: a batch-norm gradient without its saved inputs');
  const axes = tf.broadcast_util.getReductionAxes(mean.shape, x.shape);
  const r = tf.rsqrt(tf.add(variance, epsilon));
  const g = scale ? tf.mul(scale, r) : r;
  // Eager, as tfjs' own: the engine's gradient scope disposes them after the last input's gradient.
  const s1 = tf.sum(dy, axes);
  const s2 = tf.sum(tf.mul(dy, tf.sub(x, mean)), axes);
  const perChannel = (t: tf.Tensor) => tf.reshape(t, mean.shape);
  // S1, S2 and the per-statistic gradients have mean's size (one value per channel in a layer);
  // offset is not saved: tfjs gives it mean's shape too.
  return {
    x: () => tf.mul(dy, g),
    mean: () => perChannel(tf.neg(tf.mul(g, s1))),
    variance: () => perChannel(tf.mul(tf.mul(tf.mul(g, tf.square(r)), s2), -0.5)),
    scale: () => tf.reshape(tf.mul(r, s2), scale?.shape ?? mean.shape),
    offset: () => perChannel(s1),
  };
}

export const batchNormGradConfig: tf.GradConfig = {
  kernelName: tf.FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy, saved, attrs) => {
    const { varianceEpsilon } = attrs as unknown as tf.FusedBatchNormAttrs;
    if (Array.isArray(dy)) throw new Error('unreachable: batch norm has one output');
    return batchNormGradient(dy, saved, varianceEpsilon);
  },
};
