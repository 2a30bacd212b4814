/**
 * The training loop: seeded shuffles, weighted multi-head loss with Adam, per-batch and per-epoch
 * metrics, validation on a fixed set, ReduceLROnPlateau (patience 2, factor 0.1 on val_loss),
 * early stop, and checkpoints: after every epoch, when paused, and mid-epoch every few seconds
 * (checkpointSchedule.ts), from which a reload resumes at the next batch with the same data
 * order and an unbroken history. A loss that becomes NaN/Inf or explodes stops the run
 * (divergence.ts), keeping the last checkpoint. Framework-free apart from tfjs; runs in a worker.
 */
import * as tf from '@tensorflow/tfjs';
import { JobCancelledError } from '../../lib/errors';
import { FusedAdamOptimizer } from '../../lib/tfjs/fusedAdam';
import { optimizerStateOf, setOptimizerState, setWeightsFrom, weightsOf } from './checkpoint';
import { CHECKPOINT_EVERY, type CheckpointEvery, checkOrder, dueForCheckpoint } from './checkpointSchedule';
import { batchDivergence, epochDivergence, TrainingDivergedError, weightTrouble } from './divergence';
import type { Batch, BatchSource } from './data/batchSource';
import { higherIsBetter } from './history';
import type { TrainConfig } from './runConfig';
import type { BatchPoint, CheckpointRecord, EpochRow } from './runRecords';
import { LOSSES, METRIC_LABELS, METRICS, shuffledIndices, type TargetSpec } from './targets';

export interface LoopEvents {
  batch(point: BatchPoint & { learningRate: number; imagesPerSecond: number; batches: number }): void;
  epoch(row: EpochRow): void;
  /** Called with the state to store: after every epoch, and when stopping mid-epoch. */
  checkpoint(state: Omit<CheckpointRecord, 'key' | 'owner'>, final: boolean): Promise<void>;
  progress(done: number, total: number): void;
}

export interface LoopInput {
  model: tf.LayersModel;
  config: TrainConfig;
  targets: readonly TargetSpec[];
  training: { source: BatchSource; count: number };
  validation: { source: BatchSource; count: number };
  resume: CheckpointRecord | null;
  signal: AbortSignal;
  events: LoopEvents;
  /** How often to checkpoint mid-epoch (default CHECKPOINT_EVERY; tests use 0 for every batch). */
  checkpointEvery?: CheckpointEvery;
}

const PLATEAU_PATIENCE = 2;
const PLATEAU_FACTOR = 0.1;
const PLATEAU_MIN_DELTA = 1e-4;
const MIN_LEARNING_RATE = 1e-7;
/** Per-batch points kept in a checkpoint (the live chart's history); older ones are thinned. */
const MAX_BATCH_POINTS = 4000;

function toTensors(batch: Batch): { xs: tf.Tensor[]; ys: tf.Tensor[] } {
  const xs = batch.inputs.map((data) => {
    const side = Math.round(Math.sqrt(data.length / 3 / batch.size));
    return tf.tensor4d(data, [batch.size, side, side, 3]);
  });
  const ys = batch.targets.map((t) => tf.tensor2d(t.values, [t.rows, t.units]));
  return { xs, ys };
}

/** Per head: loss and metric; plus the weighted total. Values are scalars to read back. */
function headValues(
  targets: readonly TargetSpec[],
  ys: readonly tf.Tensor[],
  preds: readonly tf.Tensor[],
): { total: tf.Scalar; named: [string, tf.Scalar][] } {
  const named: [string, tf.Scalar][] = [];
  const weighted: tf.Scalar[] = [];
  targets.forEach((spec, i) => {
    const y = ys[i];
    const p = preds[i];
    if (!y || !p) return;
    const loss = LOSSES[spec.loss](y, p);
    weighted.push(spec.lossWeight === 1 ? loss : tf.mul(loss, spec.lossWeight));
    if (targets.length > 1) named.push([`${spec.name}_loss`, loss]);
    named.push([`${spec.name}_${METRIC_LABELS[spec.metric]}`, METRICS[spec.metric](y, p)]);
  });
  return { total: tf.addN(weighted), named };
}

async function readValues(total: tf.Scalar, named: [string, tf.Scalar][]): Promise<Record<string, number>> {
  const values: Record<string, number> = { loss: (await total.data())[0] ?? NaN };
  for (const [name, t] of named) values[name] = (await t.data())[0] ?? NaN;
  return values;
}

function addInto(sums: Record<string, number>, values: Record<string, number>, weight: number): void {
  for (const [k, v] of Object.entries(values)) sums[k] = (sums[k] ?? 0) + v * weight;
}

/** The model's heads on one batch (one input, or left and right for a stereo model). */
function predict(model: tf.LayersModel, xs: readonly tf.Tensor[], training: boolean): tf.Tensor[] {
  const out = model.apply(xs.length === 1 ? (xs[0] as tf.Tensor) : [...xs], { training }) as tf.Tensor | tf.Tensor[];
  return Array.isArray(out) ? out : [out];
}

async function validate(
  model: tf.LayersModel,
  targets: readonly TargetSpec[],
  input: LoopInput,
): Promise<Record<string, number>> {
  const { count, source } = input.validation;
  const sums: Record<string, number> = {};
  const size = input.config.batchSize;
  for (let start = 0; start < count; start += size) {
    const indices = Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i);
    const batch = await source.load(indices, [-1, start]);
    const { xs, ys } = toTensors(batch);
    const result = tf.tidy(() => {
      const preds = predict(model, xs, false);
      const { total, named } = headValues(targets, ys, preds);
      return { total, named };
    });
    addInto(sums, await readValues(result.total, result.named), batch.size);
    tf.dispose([xs, ys, result.total, result.named.map(([, t]) => t)]);
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [`val_${k}`, v / count]));
}

/** Adam reads its learningRate on every step, so lowering it takes effect at once. */
function setLearningRate(optimizer: FusedAdamOptimizer, value: number): void {
  optimizer.learningRate = value;
}

/** A copy (a checkpoint must not share the live array), thinned past MAX_BATCH_POINTS. */
function thin(points: BatchPoint[]): BatchPoint[] {
  return points.length <= MAX_BATCH_POINTS
    ? [...points]
    : points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
}

export async function trainLoop(input: LoopInput): Promise<{ history: EpochRow[]; note: string | null }> {
  const { model, config, targets, signal, events } = input;
  const every = input.checkpointEvery ?? CHECKPOINT_EVERY;
  const resume = input.resume;
  const n = input.training.count;
  const order = { seed: config.seed, items: n, batchSize: config.batchSize };
  if (resume) checkOrder(resume, order);
  const optimizer = new FusedAdamOptimizer(resume?.learningRate ?? config.learningRate);
  if (resume) {
    setWeightsFrom(model, resume.weights);
    await setOptimizerState(optimizer, resume.optimizer);
  }
  let learningRate = resume?.learningRate ?? config.learningRate;
  const plateau = { ...(resume?.plateau ?? { best: Infinity, wait: 0 }) };
  const history: EpochRow[] = [...(resume?.history ?? [])];
  let batches: BatchPoint[] = [...(resume?.batches ?? [])];
  const perEpoch = Math.ceil(n / config.batchSize);
  const total = perEpoch * config.epochs;
  let note: string | null = null;
  // The last checkpoint stored (a divergence keeps it), and when, for the mid-epoch schedule.
  let lastGood = resume ? { epoch: resume.epoch, batch: resume.batch } : null;
  let lastSavedAt = performance.now();
  let lastWriteMs = 0;
  // Divergence is measured against the untrained net's loss: the run's first batch (thinning keeps it).
  const reference = (): number | null => batches[0]?.values.loss ?? history[0]?.loss ?? null;

  const diverged = (epoch: number, batch: number, reason: string) =>
    new TrainingDivergedError({ epoch, batch, reason, learningRate, lastGood });

  /** Stores the state before `at`, after training batch `trained`; refuses weights that are not finite or blew up. */
  const save = async (
    at: { epoch: number; batch: number },
    trained: [epoch: number, batch: number],
    sums: Record<string, number>,
    images: number,
    seconds: number,
    final: boolean,
  ): Promise<void> => {
    const started = performance.now();
    const [weights, opt] = await Promise.all([weightsOf(model), optimizerStateOf(optimizer)]);
    const trouble = weightTrouble(
      weights,
      model.weights.map((w) => w.trainable),
    );
    if (trouble !== null) throw diverged(...trained, trouble);
    await events.checkpoint(
      {
        ...at,
        order,
        learningRate,
        plateau: { ...plateau },
        epochSums: { ...sums },
        epochImages: images,
        epochSeconds: seconds,
        weights,
        optimizer: opt,
        history: [...history],
        batches: thin(batches),
        savedAt: Date.now(),
      },
      final,
    );
    lastGood = at;
    lastSavedAt = performance.now();
    lastWriteMs = lastSavedAt - started;
  };

  // A batch loaded ahead that the run never reaches (it stopped or failed first) may fail unobserved.
  const prefetch = (items: Uint32Array, key: number[]): Promise<Batch> => {
    const loading = input.training.source.load(items, key);
    loading.catch(() => undefined);
    return loading;
  };
  try {
    for (let epoch = resume?.epoch ?? 0; epoch < config.epochs; epoch++) {
      const resumingHere = resume !== null && epoch === resume.epoch;
      const sums: Record<string, number> = resumingHere ? { ...resume.epochSums } : {};
      let images = resumingHere ? resume.epochImages : 0;
      let seconds = resumingHere ? resume.epochSeconds : 0;
      // The epoch's order depends only on the seed, the image count and the epoch: a resume mid-epoch sees the same batches.
      const epochOrder = shuffledIndices(n, config.seed, 'epoch', epoch);
      const itemsOf = (b: number) => epochOrder.subarray(b * config.batchSize, Math.min(n, (b + 1) * config.batchSize));
      const first = resumingHere ? resume.batch : 0;
      let next: Promise<Batch> | null = first < perEpoch ? prefetch(itemsOf(first), [epoch, first]) : null;
      for (let b = first; b < perEpoch; b++) {
        if (signal.aborted) {
          await save({ epoch, batch: b }, [epoch, Math.max(0, b - 1)], sums, images, seconds, true);
          throw signal.reason instanceof Error ? signal.reason : new JobCancelledError();
        }
        const started = performance.now();
        const batch = await (next ?? input.training.source.load(itemsOf(b), [epoch, b]));
        // Prefetch: the next batch decodes (or renders) while this one trains.
        next = b + 1 < perEpoch ? prefetch(itemsOf(b + 1), [epoch, b + 1]) : null;
        const { xs, ys } = toTensors(batch);
        let named: [string, tf.Scalar][] = [];
        const cost = optimizer.minimize(() => {
          const preds = predict(model, xs, true);
          const values = headValues(targets, ys, preds);
          named = values.named.map(([k, t]) => [k, tf.keep(t)]);
          return values.total;
        }, true);
        if (!cost) throw new Error('unreachable: minimize returned no cost');
        const values = await readValues(cost, named);
        tf.dispose([xs, ys, cost, named.map(([, t]) => t)]);
        const elapsed = (performance.now() - started) / 1000;
        seconds += elapsed;
        images += batch.size;
        addInto(sums, values, batch.size);
        const step = epoch * perEpoch + b;
        const point: BatchPoint = { epoch, batch: b, step, values };
        batches.push(point);
        events.batch({
          ...point,
          learningRate,
          imagesPerSecond: batch.size / Math.max(elapsed, 1e-6),
          batches: perEpoch,
        });
        events.progress(step + 1, total);
        const reason = batchDivergence(values.loss ?? NaN, (sums.loss ?? NaN) / Math.max(images, 1), reference());
        if (reason !== null) throw diverged(epoch, b, reason);
        // Mid-epoch checkpoints (not after the epoch's last batch: the epoch's own follows at once).
        if (b + 1 < perEpoch && dueForCheckpoint(performance.now() - lastSavedAt, lastWriteMs, every))
          await save({ epoch, batch: b + 1 }, [epoch, b], sums, images, seconds, false);
      }
      const row: EpochRow = { epoch: epoch + 1 };
      for (const [k, v] of Object.entries(sums)) row[k] = v / Math.max(images, 1);
      Object.assign(row, await validate(model, targets, input), { lr: learningRate, seconds });
      const failed = epochDivergence(epoch, row.loss ?? NaN, row.val_loss, reference());
      if (failed !== null) throw diverged(epoch, perEpoch - 1, failed);
      history.push(row);
      batches = thin(batches);

      // ReduceLROnPlateau on val_loss, as Keras with patience 2.
      const monitored = row.val_loss ?? Infinity;
      if (monitored < plateau.best - PLATEAU_MIN_DELTA) {
        plateau.best = monitored;
        plateau.wait = 0;
      } else if (++plateau.wait >= PLATEAU_PATIENCE) {
        learningRate = Math.max(MIN_LEARNING_RATE, learningRate * PLATEAU_FACTOR);
        setLearningRate(optimizer, learningRate);
        plateau.wait = 0;
      }
      const stop = config.earlyStop;
      const reached =
        stop &&
        row[stop.metric] !== undefined &&
        (higherIsBetter(stop.metric)
          ? (row[stop.metric] ?? -Infinity) >= stop.threshold
          : (row[stop.metric] ?? Infinity) <= stop.threshold);
      const last = epoch + 1 === config.epochs || Boolean(reached);
      await save({ epoch: last ? config.epochs : epoch + 1, batch: 0 }, [epoch, perEpoch - 1], {}, 0, 0, last);
      // After the checkpoint: a list that reads the stored run on this event sees the epoch.
      events.epoch(row);
      if (reached) {
        note = `Stopped early after epoch ${epoch + 1}: ${stop.metric} = ${row[stop.metric]?.toFixed(4) ?? '?'} reached ${stop.threshold}.`;
        break;
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { history, note };
}
