/**
 * Gradients of Sum and Mean without tfjs' ones tensor. tfjs-core 4.22 writes dx as
 * `dy (reshaped) * ones(x.shape)` (Mean: then / n): a Float32Array of x's size filled with ones
 * in JavaScript and copied to the backend, for every reduction a training step goes back
 * through (batch norm's moments, global pooling). On wasm that was ~60 ms of a 420 ms ResNet6
 * step (64 px, batch 16; a Chromium CPU profile: makeOnesTypedArray). Here dx is dy broadcast to
 * x's shape (a Tile): the same values bit for bit, since dy * 1 is dy. For every backend.
 */
import * as tf from '@tensorflow/tfjs';

/** dy with the reduced axes put back as size 1, broadcast to x's shape. */
function broadcastBack(dy: tf.Tensor, x: tf.Tensor, axis: number | number[]): tf.Tensor {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const expanded = x.shape.map((size, i) => (axes.includes(i) ? 1 : size));
  return tf.broadcastTo(tf.reshape(dy, expanded), x.shape);
}

function savedInput(saved: tf.Tensor[]): tf.Tensor {
  const [x] = saved;
  if (!x) throw new Error('unreachable: a reduction gradient without its saved input');
  return x;
}

/** Sum's gradient, or Mean's (dy divided by the count reduced first, as tfjs divides). */
function reductionGradConfig(kernelName: typeof tf.Sum | typeof tf.Mean): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const x = savedInput(saved);
      // Sum's and Mean's attributes are the same: axis and keepDims.
      const { axis } = attrs as unknown as tf.SumAttrs;
      if (kernelName === tf.Sum) return { x: () => broadcastBack(dy as tf.Tensor, x, axis) };
      const count = tf.util.parseAxisParam(axis, x.shape).reduce((n, a) => n * (x.shape[a] ?? 1), 1);
      return { x: () => broadcastBack(tf.div(dy as tf.Tensor, count), x, axis) };
    },
  };
}

export const sumGradConfig: tf.GradConfig = reductionGradConfig(tf.Sum);
export const meanGradConfig: tf.GradConfig = reductionGradConfig(tf.Mean);
