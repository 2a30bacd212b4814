/** Model weights and Adam's state to and from plain arrays (a checkpoint in IndexedDB). */
import * as tf from '@tensorflow/tfjs';
import { GmfError } from '../../lib/errors';
import type { NamedArray } from './runRecords';

export async function weightsOf(model: tf.LayersModel): Promise<NamedArray[]> {
  return Promise.all(
    model.weights.map(async (w) => {
      const value = w.read();
      return { name: w.originalName, shape: [...value.shape], data: Float32Array.from(await value.data()) };
    }),
  );
}

export function setWeightsFrom(model: tf.LayersModel, saved: readonly NamedArray[]): void {
  if (saved.length !== model.weights.length) {
    throw new GmfError(
      'CHECKPOINT_MISMATCH',
      `The checkpoint holds ${saved.length} weight arrays; the model has ${model.weights.length}.`,
    );
  }
  const tensors = saved.map((s, i) => {
    const expected = model.weights[i]?.shape ?? [];
    if (s.shape.join('x') !== expected.join('x')) {
      throw new GmfError(
        'CHECKPOINT_MISMATCH',
        `Checkpoint weight ${s.name} is ${s.shape.join('×')}; the model expects ${expected.join('×')}.`,
      );
    }
    return tf.tensor(s.data, s.shape);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Adam's step count and moments, in its order. getWeights makes a new tensor for the step count: disposed here. */
export async function optimizerStateOf(optimizer: tf.Optimizer): Promise<NamedArray[]> {
  const named = await optimizer.getWeights();
  try {
    return await Promise.all(
      named.map(async ({ name, tensor }) => ({
        name,
        shape: [...tensor.shape],
        data: Float32Array.from(await tensor.data()),
      })),
    );
  } finally {
    for (const { tensor } of named) if (!(tensor instanceof tf.Variable)) tensor.dispose();
  }
}

/** setWeights copies the values into new variables, so the tensors made here are disposed after. */
export async function setOptimizerState(optimizer: tf.Optimizer, saved: readonly NamedArray[]): Promise<void> {
  if (saved.length === 0) return;
  const named = saved.map(({ name, shape, data }) => ({ name, tensor: tf.tensor(data, shape) }));
  try {
    await optimizer.setWeights(named);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
}
