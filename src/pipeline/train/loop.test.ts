import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../lib/errors';
import { TrainingDivergedError } from './divergence';
import type { Batch, BatchSource } from './data/batchSource';
import { type LoopEvents, type LoopInput, trainLoop } from './loop';
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
  /** Checkpoints saved when each epoch event arrived (the Train tab's list re-reads the run then). */
  const savedAtEpoch: number[] = [];
  let seen = 0;
  const events: LoopEvents = {
    batch: () => {
      if (++seen >= abortAfterBatches) controller.abort(new JobCancelledError());
    },
    epoch: (row) => {
      epochs.push(row);
      tensors.push(tf.memory().numTensors);
      savedAtEpoch.push(saved.length);
    },
    checkpoint: (state) => {
      saved.push({ key: 'r/checkpoint', owner: 'r', ...state });
      return Promise.resolve();
    },
    progress: () => undefined,
  };
  return { events, saved, epochs, tensors, savedAtEpoch, signal: controller.signal };
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
/** Mid-epoch checkpoints never (the default is every few seconds: tests must not depend on timing). */
const NEVER = { minMs: Infinity, maxMs: Infinity };
const input = (
  m: tf.LayersModel,
  r: ReturnType<typeof recorder>,
  resume: CheckpointRecord | null,
  overrides: Partial<LoopInput> = {},
): LoopInput => ({
  model: m,
  config,
  targets: [target],
  training: { source: source(), count: 16 },
  validation: { source: source(16), count: 8 },
  resume,
  signal: r.signal,
  events: r.events,
  checkpointEvery: NEVER,
  ...overrides,
});

/** Records which items each batch load asked for, under its [epoch, batch] key. */
function logged(inner: BatchSource, log: string[]): BatchSource {
  return {
    load: (indices, key) => {
      log.push(`${key.join(':')}=${Array.from(indices).join(',')}`);
      return inner.load(indices, key);
    },
  };
}

/** From the training batch at [epoch, batch] on, the data are changed by `poison` (a fault injected). */
function poisoned(from: [number, number], poison: (batch: Batch) => void): BatchSource {
  const inner = source();
  return {
    load: async (indices, key) => {
      const batch = await inner.load(indices, key);
      const [e = 0, b = 0] = key;
      if (e > from[0] || (e === from[0] && b >= from[1])) poison(batch);
      return batch;
    },
  };
}

const weightsOfLast = (saved: readonly CheckpointRecord[]) =>
  (saved.at(-1)?.weights ?? []).map((w) => Array.from(w.data));

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
    // Each epoch is announced once its checkpoint (with the run's history) is stored.
    expect(r.savedAtEpoch).toEqual([1, 2, 3]);
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

  it('checkpoints mid-epoch; a reload (no pause) resumes at the next batch in the same order, with the same weights, losses and every batch point', async () => {
    const straightLog: string[] = [];
    const straight = model();
    const a = recorder();
    // A checkpoint after every batch (minMs 0): the schedule's timing is not what is tested here.
    const full = await trainLoop(
      input(straight, a, null, {
        training: { source: logged(source(), straightLog), count: 16 },
        checkpointEvery: { minMs: 0, maxMs: 0 },
      }),
    );
    // 3 batches per epoch: mid-epoch checkpoints before batches 2 and 3 of each epoch, and the epoch's own.
    expect(a.saved.map((s) => [s.epoch, s.batch])).toEqual([
      [0, 1], [0, 2], [1, 0],
      [1, 1], [1, 2], [2, 0],
      [2, 1], [2, 2], [3, 0],
    ]); // prettier-ignore
    // The tab is reloaded after epoch 2's first batch: the worker dies, nothing more is stored.
    const cut = structuredClone(a.saved[3]);
    expect(cut).toMatchObject({ epoch: 1, batch: 1, order: { seed: 3, items: 16, batchSize: 6 } });
    expect(cut?.batches.map((p) => p.step)).toEqual([0, 1, 2, 3]);

    const resumedLog: string[] = [];
    const resumed = model(); // a fresh model, as after a reload
    const c = recorder();
    const rest = await trainLoop(
      input(resumed, c, cut ?? null, { training: { source: logged(source(), resumedLog), count: 16 } }),
    );
    // Exactly the batches the uninterrupted run trained after that point, same items in the same order.
    const fromCut = straightLog.findIndex((l) => l.startsWith('1:1='));
    expect(resumedLog).toEqual(straightLog.slice(fromCut));
    // Same weights and epoch history (float32 on the cpu backend: identical arithmetic, 1e-5 allowed).
    for (const [i, row] of rest.history.entries())
      for (const [k, v] of Object.entries(row))
        if (k !== 'seconds') expect(v, `${k} of epoch ${i + 1}`).toBeCloseTo(full.history[i]?.[k] ?? NaN, 5);
    const want = weightsOfLast(a.saved);
    weightsOfLast(c.saved).forEach((w, i) => {
      const max = w.reduce((m, v, j) => Math.max(m, Math.abs(v - (want[i]?.[j] ?? NaN))), 0);
      expect(max, `weight array ${i}`).toBeLessThan(1e-5);
    });
    // The per-batch curve is whole: the points before the reload, then the rest, each loss as uninterrupted.
    const after = c.saved.at(-1)?.batches ?? [];
    expect(after.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const straightPoints = a.saved.at(-1)?.batches ?? [];
    after.forEach((p, i) => {
      expect(p.values.loss, `loss of step ${p.step}`).toBeCloseTo(straightPoints[i]?.values.loss ?? NaN, 5);
    });
    straight.dispose();
    resumed.dispose();
  });

  it('refuses to resume mid-epoch when the training images changed (the order would differ)', async () => {
    const m = model();
    const a = recorder();
    await trainLoop(input(m, a, null, { checkpointEvery: { minMs: 0, maxMs: 0 } }));
    const cut = structuredClone(a.saved[3]) ?? null;
    await expect(trainLoop(input(m, recorder(), cut, { training: { source: source(), count: 14 } }))).rejects.toThrow(
      /taken with training images: 16, but it now has training images: 14 \(its dataset or query changed since\)/,
    );
    m.dispose();
  });

  it('a loss that becomes NaN stops the run as diverged, keeping the last finite checkpoint', async () => {
    const m = model();
    const r = recorder();
    // From epoch 2's third batch the images hold NaN (as a learning rate of 1e9 does to the weights).
    const training = { source: poisoned([1, 2], (b) => b.inputs[0]?.fill(NaN)), count: 16 };
    const error = await trainLoop(input(m, r, null, { training })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as Error).message).toBe(
      'Training diverged at epoch 2, batch 3: the loss became NaN. The learning rate 0.01 is likely too high; lower it and train again. The last good checkpoint (epoch 1) is kept: use it as the model, or resume from it (with the same learning rate it will likely diverge again).',
    );
    expect((error as TrainingDivergedError).divergence).toMatchObject({
      epoch: 1,
      batch: 2,
      lastGood: { epoch: 1, batch: 0 },
    });
    // Nothing was stored after it: the kept checkpoint is epoch 1's, with finite weights.
    expect(r.saved.map((s) => [s.epoch, s.batch])).toEqual([[1, 0]]);
    expect(r.saved[0]?.weights.every((w) => w.data.every(Number.isFinite))).toBe(true);
    m.dispose();
  });

  it('a loss that explodes (epoch mean over 100 × the first batch’s) stops the run as diverged', async () => {
    const m = model();
    const r = recorder();
    // Targets scaled by 1e4 from epoch 3 on: the cross-entropy grows 10,000-fold but stays finite.
    const training = {
      source: poisoned([2, 0], (b) => b.targets[0]?.values.forEach((v, i, a) => (a[i] = v * 1e4))),
      count: 16,
    };
    const error = await trainLoop(input(m, r, null, { training })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as Error).message).toMatch(
      /^Training diverged at epoch 3, batch 1: the loss rose to [\d.e+]+, more than 100 × its start \([\d.]+\)\. .*The last good checkpoint \(epoch 2\) is kept/,
    );
    expect(r.saved.map((s) => s.epoch)).toEqual([1, 2]);
    m.dispose();
  });

  it('a learning rate of 1e9 (as the issue’s run) blows the loss up: the run fails as diverged, never complete', async () => {
    // Without batch norm nothing rescales the activations, so the huge steps show in the loss.
    const plain = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [SIDE, SIDE, 3] }),
        tf.layers.dense({
          units: 8,
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        }),
        tf.layers.dense({
          units: 2,
          activation: 'softmax',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
        }),
      ],
    });
    const r = recorder();
    const outcome = await trainLoop(input(plain, r, null, { config: { ...config, learningRate: 1e9 } })).then(
      (result) => result.history,
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(TrainingDivergedError);
    // Its loss stays finite (clipped cross-entropy, ~8): the weights, at ~1e9, are what shows it.
    expect((outcome as Error).message).toMatch(
      /^Training diverged at epoch 1, batch 3: a weight grew to [\d.]+e\+\d+, beyond 1e\+6 \(a sane run stays near 1\)\. The learning rate 1000000000 is likely too high; lower it and train again\. No checkpoint was stored before it/,
    );
    expect(r.saved).toEqual([]);
    plain.dispose();
  });
});
