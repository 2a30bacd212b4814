import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmForTests, maxAbsDifference, seededTensor } from '../../../../test/support/wasmTestBackend';

/**
 * A tiny pre-activation ResNet with every op our architectures train through: conv stride
 * 2, max-pool 3x3/2, BN-ReLU-conv blocks with a projection shortcut and add, concatenate,
 * global average pooling, dense softmax.
 */
function tinyResNet(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3] });
  const stem = tf.layers
    .conv2d({ filters: 8, kernelSize: 5, strides: 2, padding: 'same', useBias: false })
    .apply(input) as tf.SymbolicTensor;
  const pooled = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(stem) as tf.SymbolicTensor;
  const pre = tf.layers.reLU().apply(tf.layers.batchNormalization().apply(pooled)) as tf.SymbolicTensor;
  const shortcut = tf.layers
    .conv2d({ filters: 12, kernelSize: 1, strides: 2, padding: 'same', useBias: false })
    .apply(pre) as tf.SymbolicTensor;
  let y = tf.layers
    .conv2d({ filters: 12, kernelSize: 3, strides: 2, padding: 'same', useBias: false })
    .apply(pre) as tf.SymbolicTensor;
  y = tf.layers.reLU().apply(tf.layers.batchNormalization().apply(y)) as tf.SymbolicTensor;
  y = tf.layers.conv2d({ filters: 12, kernelSize: 3, padding: 'same' }).apply(y) as tf.SymbolicTensor;
  const sum = tf.layers.add().apply([shortcut, y]) as tf.SymbolicTensor;
  const side = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(sum) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([sum, side]) as tf.SymbolicTensor;
  const head = tf.layers.reLU().apply(tf.layers.batchNormalization().apply(joined)) as tf.SymbolicTensor;
  const pooledGlobal = tf.layers.globalAveragePooling2d({}).apply(head) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 5, activation: 'softmax' }).apply(pooledGlobal) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const xs = (): tf.Tensor => seededTensor([4, 16, 16, 3], 21);
const ys = (): tf.Tensor => tf.oneHot(tf.tensor1d([0, 3, 1, 4], 'int32'), 5);

function loss(model: tf.LayersModel): tf.Scalar {
  const probabilities = model.apply(xs(), { training: true }) as tf.Tensor;
  return tf.metrics.categoricalCrossentropy(ys(), probabilities).mean();
}

async function gradientsOn(backend: 'cpu' | 'wasm', model: tf.LayersModel): Promise<Map<string, Float32Array>> {
  await tf.setBackend(backend);
  const { value, grads } = tf.variableGrads(() => loss(model));
  const out = new Map<string, Float32Array>();
  for (const [name, grad] of Object.entries(grads)) out.set(name, (await grad.data()) as Float32Array);
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

describe('training on the wasm backend', () => {
  beforeAll(initWasmForTests);

  it('gives every variable the gradient the cpu backend gives (within 1e-4 of its largest entry, plus 1e-7)', async () => {
    await tf.setBackend('cpu');
    const model = tinyResNet();
    const expected = await gradientsOn('cpu', model);
    const actual = await gradientsOn('wasm', model);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    expect(actual.size).toBe(model.trainableWeights.length);
    // Conv biases in front of batch norm have a true gradient of 0 (float noise, ~1e-9 on both
    // backends), hence the absolute floor next to the relative bound.
    for (const [name, grad] of expected) {
      const scale = Math.max(...grad.map(Math.abs));
      expect(maxAbsDifference(actual.get(name) ?? new Float32Array(), grad), name).toBeLessThanOrEqual(
        1e-4 * scale + 1e-7,
      );
    }
    model.dispose();
  });

  it('trains two Adam steps without leaking tensors', async () => {
    await tf.setBackend('wasm');
    const model = tinyResNet();
    const optimizer = tf.train.adam(1e-2);
    const step = async (): Promise<number> => {
      const value = optimizer.minimize(() => loss(model), true);
      if (!value) throw new Error('minimize returned no loss');
      const [result] = await value.data();
      value.dispose();
      return result ?? NaN;
    };
    const first = await step();
    const tensorsAfterFirst = tf.memory().numTensors;
    const buffersAfterFirst = tf.findBackend('wasm').numDataIds();
    const second = await step();
    expect(tf.memory().numTensors).toBe(tensorsAfterFirst);
    expect(tf.findBackend('wasm').numDataIds()).toBe(buffersAfterFirst);
    expect(Number.isFinite(first) && Number.isFinite(second)).toBe(true);
    optimizer.dispose();
    model.dispose();
  });
});
