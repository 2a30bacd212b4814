/**
 * A training run end to end, from what IndexedDB holds: plan (select images, fix targets, build
 * the model, check everything before any step), then train, checkpointing into the run's
 * records; a later call with the same run id resumes from its checkpoint. Runs in a worker.
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetRecord, ImageRecord } from '../dataset/records';
import { isImageRecord } from '../dataset/records';
import { getOwnedRecords, getRecord, putRecord, type WorkbenchDb } from '../../lib/storage';
import { writeTransaction } from '../../lib/storage/transactions';
import { GmfError } from '../../lib/errors';
import { architectureInfo, buildModel, modelSummary, type ModelSummaryRow } from './architectures';
import { type BatchSource, type SourceOptions, storedSource } from './data/batchSource';
import { selectRunItems } from './data/selectItems';
import { type LoopEvents, trainLoop } from './loop';
import { type TrainConfig, validateTrainConfig } from './runConfig';
import {
  type BatchPoint,
  checkpointKey,
  type CheckpointRecord,
  type EpochRow,
  isRunRecord,
  type RunRecord,
} from './runRecords';
import { buildTargetSpecs, type TargetSpec } from './targets';
import { saveModelArtifacts } from './modelArtifacts';
import { setWeightsFrom } from './checkpoint';
import { provenanceOf } from './provenance';
import { checkpointPlace, TrainingDivergedError } from './divergence';

export class TrainConfigError extends GmfError {
  constructor(readonly issues: readonly { field: string; message: string }[]) {
    super('TRAIN_CONFIG', issues.map((i) => i.message).join(' '));
  }
}

export interface RunPlan {
  dataset: DatasetRecord;
  training: ImageRecord[];
  validation: ImageRecord[];
  targets: TargetSpec[];
  query: { name: string; text: string } | null;
}

async function datasetOf(db: WorkbenchDb, datasetId: string): Promise<DatasetRecord> {
  const dataset = (await getRecord(db, 'datasets', datasetId)) as DatasetRecord | undefined;
  if (!dataset?.spec) throw new GmfError('RUN_NO_DATASET', `There is no dataset '${datasetId}'.`);
  return dataset;
}

/** Every check that can fail before training starts, with the images and heads it implies. */
export async function planRun(db: WorkbenchDb, config: TrainConfig): Promise<RunPlan> {
  const dataset = await datasetOf(db, config.datasetId);
  const early = validateTrainConfig(config, { dataset, trainingImages: null });
  if (early.length > 0) throw new TrainConfigError(early);
  const images = (await getOwnedRecords(db, 'images', dataset.id)).filter(isImageRecord);
  const { training, validation, query } = selectRunItems(dataset, images, config);
  const late = validateTrainConfig(config, { dataset, trainingImages: training.length });
  if (late.length > 0) throw new TrainConfigError(late);
  const targets = buildTargetSpecs(
    { targets: config.targets, shapeComponents: config.shapeComponents, texComponents: config.texComponents },
    [...training, ...validation].map((r) => r.features),
  );
  return { dataset, training, validation, targets, query };
}

export function buildRunModel(config: TrainConfig, resolution: number, targets: readonly TargetSpec[]): tf.LayersModel {
  return buildModel({
    architecture: config.architecture,
    inputShape: [resolution, resolution, 3],
    targets,
    batchNormMomentum: config.batchNormMomentum,
    seed: config.seed,
  });
}

/** The plan's summary for the form: image counts, heads and the model's layers, without training. */
export async function describeRun(
  db: WorkbenchDb,
  config: TrainConfig,
): Promise<{
  training: number;
  validation: number;
  targets: TargetSpec[];
  summary: ModelSummaryRow[];
  params: number;
}> {
  const plan = await planRun(db, config);
  const model = buildRunModel(config, plan.dataset.spec.resolution, plan.targets);
  try {
    const { rows, totalParams } = modelSummary(model);
    return {
      training: plan.training.length,
      validation: plan.validation.length,
      targets: plan.targets,
      summary: rows,
      params: totalParams,
    };
  } finally {
    model.dispose();
  }
}

export type TrainEvent =
  | ({ type: 'batch'; learningRate: number; imagesPerSecond: number; batches: number } & BatchPoint)
  | { type: 'epoch'; row: EpochRow }
  | { type: 'started'; run: RunRecord; resumedFrom: { epoch: number; batch: number } | null; batches: BatchPoint[] };

export interface TrainRunOptions {
  signal: AbortSignal;
  emit: (event: TrainEvent) => void;
  progress: (done: number, total: number) => void;
  /** The source of streamed training data (the worker renders it beside training); disposed when the run ends. */
  streamed: (records: readonly ImageRecord[], options: SourceOptions & { seed: number }) => BatchSource;
  backend: string;
}

/** Trains (or resumes) run `runId`, whose record the caller created with status 'training'. */
export async function trainRun(db: WorkbenchDb, runId: string, options: TrainRunOptions): Promise<RunRecord> {
  const stored = await getRecord(db, 'runs', runId);
  if (!isRunRecord(stored)) throw new GmfError('RUN_MISSING', `There is no training run '${runId}'.`);
  const { config } = stored;
  const plan = await planRun(db, config);
  const resume = ((await getRecord(db, 'models', checkpointKey(runId))) as CheckpointRecord | undefined) ?? null;
  const model = buildRunModel(config, plan.dataset.spec.resolution, plan.targets);
  let run: RunRecord = {
    ...stored,
    status: 'training',
    targets: plan.targets,
    query: plan.query,
    images: { training: plan.training.length, validation: plan.validation.length },
    summary: modelSummary(model).rows,
    backend: options.backend,
    history: resume?.history ?? [],
    // Kept from the first start: a resume in a newer app version does not rewrite where the run came from.
    provenance: stored.provenance ?? provenanceOf(plan.dataset),
  };
  delete run.error;
  delete run.diverged;
  await putRecord(db, 'runs', run);
  options.emit({
    type: 'started',
    run,
    resumedFrom: resume ? { epoch: resume.epoch, batch: resume.batch } : null,
    batches: resume?.batches ?? [],
  });
  const sourceOptions = {
    spec: plan.dataset.spec,
    targets: plan.targets,
    stereo: architectureInfo(config.architecture).binocular,
  };
  const training: BatchSource =
    config.data === 'streamed'
      ? options.streamed(plan.training, { ...sourceOptions, seed: config.seed })
      : storedSource(plan.training, sourceOptions);
  const events: LoopEvents = {
    batch: (point) => {
      options.emit({ type: 'batch', ...point });
    },
    epoch: (row) => {
      options.emit({ type: 'epoch', row });
    },
    checkpoint: async (state) => {
      const checkpoint: CheckpointRecord = { key: checkpointKey(runId), owner: runId, ...state };
      run = { ...run, history: state.history };
      // The checkpoint and the run's history change together.
      await writeTransaction(db, ['models', 'runs'], `saving a checkpoint of '${run.name}'`, async (tx) => {
        await tx.objectStore('models').put(checkpoint);
        await tx.objectStore('runs').put(run);
      });
    },
    progress: options.progress,
  };
  try {
    const { history, note } = await trainLoop({
      model,
      config,
      targets: plan.targets,
      resume,
      signal: options.signal,
      events,
      training: { source: training, count: plan.training.length },
      validation: { source: storedSource(plan.validation, sourceOptions), count: plan.validation.length },
    });
    await saveModelArtifacts(db, runId, model);
    run = { ...run, status: 'complete', history, finishedAt: Date.now(), ...(note ? { note } : {}) };
    await putRecord(db, 'runs', run);
    return run;
  } catch (error) {
    // A diverged run fails (the job runner stores the message) and says where, so the Train tab can offer its last good checkpoint.
    if (error instanceof TrainingDivergedError) {
      const { epoch, batch, lastGood } = error.divergence;
      const failed: RunRecord = {
        ...run,
        status: 'failed',
        error: error.message,
        diverged: { epoch, batch, lastGood },
      };
      await putRecord(db, 'runs', failed);
    }
    throw error;
  } finally {
    model.dispose();
    training.dispose?.();
  }
}

/**
 * A run stopped by the user, or one that diverged (its last good checkpoint): the checkpoint's
 * weights are saved as its model, and the run ends 'stopped', never 'complete'.
 */
export async function finalizeStoppedRun(db: WorkbenchDb, runId: string): Promise<void> {
  const stored = await getRecord(db, 'runs', runId);
  if (!isRunRecord(stored)) throw new GmfError('RUN_MISSING', `There is no training run '${runId}'.`);
  const checkpoint = (await getRecord(db, 'models', checkpointKey(runId))) as CheckpointRecord | undefined;
  if (!checkpoint) throw new GmfError('RUN_NO_CHECKPOINT', `Run '${stored.name}' stopped before its first checkpoint.`);
  const plan = await planRun(db, stored.config);
  const model = buildRunModel(stored.config, plan.dataset.spec.resolution, plan.targets);
  try {
    setWeightsFrom(model, checkpoint.weights);
    await saveModelArtifacts(db, runId, model);
    const stopped: RunRecord = { ...stored, status: 'stopped', finishedAt: Date.now(), history: checkpoint.history };
    if (stored.diverged) {
      stopped.note = `Training diverged at epoch ${stored.diverged.epoch + 1}, batch ${stored.diverged.batch + 1}; this model is its last good checkpoint (${checkpointPlace(checkpoint)}).`;
      delete stopped.error;
    }
    await putRecord(db, 'runs', stopped);
  } finally {
    model.dispose();
  }
}
