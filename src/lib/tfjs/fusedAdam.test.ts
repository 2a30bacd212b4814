import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusedAdamOptimizer } from './fusedAdam';
import { initWasmForTests, seededTensor } from '../../../test/support/wasmTestBackend';

let runs = 0;

function fail(): never {
  throw new Error('missing state');
}

/** A small conv net's variables (named run<k>/w, /b, /dense), the same initial values for every optimizer. */
function variables(): tf.Variable[] {
  const run = `run${String(runs++)}`;
  return tf.tidy(() =>
    [seededTensor([3, 3, 2, 4], 1), seededTensor([4], 2), seededTensor([4 * 4 * 4, 3], 3)].map((t, i) =>
      t.variable(true, `${run}/${['w', 'b', 'dense'][i] ?? ''}`),
    ),
  );
}

/** A saved weight's name without its run prefix. */
const unprefixed = (name: string) => name.replace(/^run\d+\//, '');

function loss(vars: tf.Variable[], step: number): tf.Scalar {
  const [w, b, dense] = vars as [tf.Variable, tf.Variable, tf.Variable];
  const x = seededTensor([2, 4, 4, 2], 10 + step) as tf.Tensor4D;
  const h = tf.relu(tf.add(tf.conv2d(x, w as tf.Tensor4D, 1, 'same'), b)).reshape([2, 64]);
  return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([step % 3, (step + 1) % 3], 'int32'), 3), h.matMul(dense));
}

/** Values of the variables after `steps` steps of `optimizer` (starting from `from`'s state when given). */
async function train(
  optimizer: tf.Optimizer,
  steps: number,
  first = 0,
): Promise<{ values: number[][]; vars: tf.Variable[] }> {
  const vars = variables();
  for (let s = first; s < first + steps; s++) {
    optimizer.minimize(() => loss(vars, s), false, vars);
  }
  return { values: await Promise.all(vars.map(async (v) => Array.from(await v.data()))), vars };
}

describe('FusedAdamOptimizer computes tfjs Adam', () => {
  beforeAll(initWasmForTests);

  it.each(['wasm', 'cpu'])('bit for bit on %s over five steps, without leaking tensors', async (backend) => {
    await tf.setBackend(backend);
    const stock = tf.train.adam(0.01);
    const expected = await train(stock, 5);
    const fused = new FusedAdamOptimizer(0.01);
    const before = tf.memory().numTensors;
    const actual = await train(fused, 5);
    // Each step replaces its variables' values and moments in place: only the new variables and their moments remain.
    expect(tf.memory().numTensors - before).toBe(3 + 6);
    expect(actual.values).toEqual(expected.values);
    // The update is not a no-op.
    expect(actual.values[0]).not.toEqual(Array.from(seededTensor([3, 3, 2, 4], 1).dataSync()));
    tf.dispose([...expected.vars, ...actual.vars]);
    stock.dispose();
    fused.dispose();
  });

  it('saves the state tfjs Adam saves, and resumes from tfjs Adam state to the same values', async () => {
    await tf.setBackend('wasm');
    const stock = tf.train.adam(0.01);
    const fused = new FusedAdamOptimizer(0.01);
    const a = await train(stock, 3);
    const b = await train(fused, 3);
    const stockState = await stock.getWeights();
    const fusedState = await fused.getWeights();
    expect(fusedState.map((w) => unprefixed(w.name))).toEqual(stockState.map((w) => unprefixed(w.name)));
    expect(fusedState.map((w) => unprefixed(w.name))).toEqual([
      'iter',
      'w/m',
      'b/m',
      'dense/m',
      'w/v',
      'b/v',
      'dense/v',
    ]);
    for (const [i, w] of fusedState.entries()) {
      expect(Array.from(await w.tensor.data())).toEqual(Array.from(await (stockState[i] ?? fail()).tensor.data()));
    }
    // A fresh fused optimizer resumed from the stock state continues as stock does.
    const resumed = new FusedAdamOptimizer(0.01);
    await resumed.setWeights(stockState);
    const vars = b.vars;
    for (let s = 3; s < 5; s++) {
      stock.minimize(() => loss(a.vars, s), false, a.vars);
      resumed.minimize(() => loss(vars, s), false, vars);
    }
    for (const [i, v] of vars.entries()) {
      expect(Array.from(await v.data())).toEqual(Array.from(await (a.vars[i] as tf.Variable).data()));
    }
    expect(resumed.getConfig()).toEqual(stock.getConfig());
    // Its own state given back (a checkpoint restored in place) works as tfjs Adam's does; the
    // moments are replaced, not added (the step count's scalar from getWeights is the one more).
    const own = await resumed.getWeights();
    const tensorsBefore = tf.memory().numTensors;
    await resumed.setWeights(own);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    await stock.setWeights(await stock.getWeights());
    stock.minimize(() => loss(a.vars, 5), false, a.vars);
    resumed.minimize(() => loss(vars, 5), false, vars);
    for (const [i, v] of vars.entries()) {
      expect(Array.from(await v.data())).toEqual(Array.from(await (a.vars[i] as tf.Variable).data()));
    }
    tf.dispose([...a.vars, ...b.vars]);
    [stock, fused, resumed].forEach((o) => {
      o.dispose();
    });
  });
});
