import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../lib/errors';
import type { Batch, BatchSource } from './data/batchSource';
import { type LoopEvents, trainLoop } from './loop';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from './runConfig';
import type { CheckpointRecord, EpochRow } from './runRecords';
import type { TargetSpec } from './targets';

const SIDE = 16;
// Two classes that differ in brightness: learnable in a few steps.
const items = Array.from({ length: 24 }, (_, i) => ({ label: i % 2, noise: (i * 37) % 11 }));
const target: TargetSpec = {
  kind: 'categorical',
  name: 'gender',
  classes: ['F', 'M'],
  units: 2,
  activation: 'softmax',
  loss: 'categoricalCrossentropy',
  metric: 'accuracy',
  lossWeight: 1,
};

function source(offset = 0): BatchSource {
  return {
    load(indices): Promise<Batch> {
      const chosen = Array.from(indices, (i) => items[i + offset] ?? { label: 0, noise: 0 });
      const pixels = new Float32Array(chosen.length * SIDE * SIDE * 3);
      chosen.forEach((item, n) =>
        pixels.fill(0.2 + 0.5 * item.label + 0.01 * item.noise, n * SIDE * SIDE * 3, (n + 1) * SIDE * SIDE * 3),
      );
      const values = new Float32Array(chosen.length * 2);
      chosen.forEach((item, n) => (values[n * 2 + item.label] = 1));
      return Promise.resolve({
        inputs: [pixels],
        size: chosen.length,
        targets: [{ name: 'gender', rows: chosen.length, units: 2, values }],
      });
    },
  };
}

const config: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  targets: ['gender'],
  batchSize: 6,
  epochs: 3,
  learningRate: 1e-2,
  seed: 3,
};

function recorder(abortAfterBatches = Infinity, controller = new AbortController()) {
  const saved: CheckpointRecord[] = [];
  const epochs: EpochRow[] = [];
  const tensors: number[] = [];
  let seen = 0;
  const events: LoopEvents = {
    batch: () => {
      if (++seen >= abortAfterBatches) controller.abort(new JobCancelledError());
    },
    epoch: (row) => {
      epochs.push(row);
      tensors.push(tf.memory().numTensors);
    },
    checkpoint: (state) => {
      saved.push({ key: 'r/checkpoint', owner: 'r', ...state });
      return Promise.resolve();
    },
    progress: () => undefined,
  };
  return { events, saved, epochs, tensors, signal: controller.signal };
}

/** A small conv net with batch norm (moving statistics are checkpointed too): the loop is model-agnostic, and ResNets are slow on the cpu backend. */
function model(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [SIDE, SIDE, 3],
        filters: 4,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        kernelInitializer: init(1),
      }),
      tf.layers.batchNormalization({ momentum: 0.5 }),
      tf.layers.reLU(),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
}
const input = (m: tf.LayersModel, r: ReturnType<typeof recorder>, resume: CheckpointRecord | null) => ({
  model: m,
  config,
  targets: [target],
  training: { source: source(), count: 16 },
  validation: { source: source(16), count: 8 },
  resume,
  signal: r.signal,
  events: r.events,
});

describe('training loop', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('learns an easy task, keeps the tensor count flat across epochs, and checkpoints every epoch', async () => {
    const m = model();
    const r = recorder();
    const { history } = await trainLoop(input(m, r, null));
    expect(history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect(Object.keys(history[0] ?? {})).toEqual(
      expect.arrayContaining(['loss', 'gender_acc', 'val_loss', 'val_gender_acc', 'lr', 'seconds']),
    );
    expect(history[2]?.loss).toBeLessThan(history[0]?.loss ?? 0);
    expect(new Set(r.tensors).size).toBe(1); // no leaks: same count after each epoch
    expect(r.saved.map((s) => [s.epoch, s.batch])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    m.dispose();
  });

  it('a run paused mid-epoch and resumed from its checkpoint ends with the uninterrupted weights and history', async () => {
    const straight = model();
    const a = recorder();
    const full = await trainLoop(input(straight, a, null));
    const finalWeights = (a.saved.at(-1)?.weights ?? []).map((w) => Array.from(w.data));

    const paused = model();
    const b = recorder(4);
    await expect(trainLoop(input(paused, b, null))).rejects.toThrow(JobCancelledError);
    const checkpoint = b.saved.at(-1);
    expect(checkpoint).toMatchObject({ epoch: 1, batch: 1 }); // 3 batches per epoch: paused in epoch 2
    paused.dispose();

    const resumed = model(); // a fresh model, as after a reload
    const c = recorder();
    const rest = await trainLoop(input(resumed, c, checkpoint ?? null));
    expect(rest.history).toHaveLength(3);
    for (const [i, row] of rest.history.entries()) {
      for (const [k, v] of Object.entries(row))
        if (k !== 'seconds') expect(v, `${k} of epoch ${i + 1}`).toBeCloseTo(full.history[i]?.[k] ?? NaN, 5);
    }
    const resumedWeights = (c.saved.at(-1)?.weights ?? []).map((w) => Array.from(w.data));
    expect(resumedWeights.length).toBe(finalWeights.length);
    resumedWeights.forEach((w, i) => {
      const max = w.reduce((m, v, j) => Math.max(m, Math.abs(v - (finalWeights[i]?.[j] ?? NaN))), 0);
      expect(max, `weight array ${i}`).toBeLessThan(1e-5);
    });
    straight.dispose();
    resumed.dispose();
  });
});
