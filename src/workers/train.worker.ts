/** The training worker: tfjs and the training data pipeline (streamed data comes from a render worker it starts). */
import type * as tf from '@tensorflow/tfjs';
import type { ImageRecord } from '../pipeline/dataset/records';
import { getRecord, openWorkbenchDb, putRecord, putRecords, type WorkbenchDb } from '../lib/storage';
import { GmfError } from '../lib/errors';
import { createJobClient } from '../lib/jobs/client';
import type { BatchSource, SourceOptions } from '../pipeline/train/data/batchSource';
import { renderAheadSource } from '../pipeline/train/data/renderAheadSource';
import type { StreamRenderJobs } from '../pipeline/train/data/streamJobs';
import { modelSummary } from '../pipeline/train/architectures';
import { initTfjsRuntime, ensureSomeBackend, switchToBackend, TFJS_VERSION } from '../lib/tfjs/runtime';
import { isTfjsBackendName } from '../lib/tfjs/backendKinds';
import type { H5FileSystem } from '../lib/formats/hdf5';
import {
  importModelFiles,
  loadRunModel,
  modelJson,
  modelKey,
  modelToArtifacts,
  type ModelArtifactsRecord,
} from '../pipeline/train/modelArtifacts';
import { DEFAULT_TRAIN_CONFIG } from '../pipeline/train/runConfig';
import { isRunRecord, type RunRecord } from '../pipeline/train/runRecords';
import { runReferenceActivations } from '../pipeline/train/reference';
import { referenceH5Bytes } from '../pipeline/train/referenceH5';
import { describeRun, finalizeStoppedRun, trainRun } from '../pipeline/train/runTraining';
import type { ModelReferenceFile, TrainJobs } from '../pipeline/train/jobs';
import { serveJobs } from '../lib/jobs/runtime';
import { measureStepSpeed } from '../pipeline/train/stepSpeed';

let db: Promise<WorkbenchDb> | undefined;
const database = () => (db ??= openWorkbenchDb());

initTfjsRuntime();

// Training jobs in progress: while one runs, other jobs use its backend rather than switch it.
let training = 0;

/** A run's reference activations are computed on its own backend when nothing is training. */
async function referenceBackend(run: RunRecord): Promise<void> {
  if (training === 0 && isTfjsBackendName(run.backend)) {
    try {
      await switchToBackend(run.backend);
      return;
    } catch {
      // Not available here now: the file's `backend` attribute says which one computed it.
    }
  }
  await ensureSomeBackend();
}

/** reference.h5 through h5wasm, loaded only when a reference is first asked for. */
async function referenceFile(db: WorkbenchDb, run: RunRecord, model: tf.LayersModel): Promise<ModelReferenceFile> {
  const activations = await runReferenceActivations(db, run, model);
  const { default: h5wasm } = await import('h5wasm');
  const module = await h5wasm.ready;
  const fs = module.FS as unknown as H5FileSystem;
  const meta = { run: run.name, runId: run.id, tfjsVersion: TFJS_VERSION };
  const h5 = referenceH5Bytes(h5wasm, fs, '/reference.h5', activations, meta);
  return { h5, source: activations.source, backend: activations.backend };
}

/** Streamed training renders in a worker of its own (one per run), beside the training steps. */
function streamedFor(records: readonly ImageRecord[], options: SourceOptions & { seed: number }): BatchSource {
  const client = createJobClient<StreamRenderJobs>(
    () => new Worker(new URL('./streamRender.worker.ts', import.meta.url), { type: 'module', name: 'stream-render' }),
    { idleTimeoutMs: Infinity },
  );
  return renderAheadSource(client, records, options);
}

async function storedRun(db: WorkbenchDb, runId: string): Promise<RunRecord> {
  const run = await getRecord(db, 'runs', runId);
  if (!isRunRecord(run)) throw new GmfError('RUN_MISSING', `There is no training run '${runId}'.`);
  return run;
}

serveJobs<TrainJobs>({
  describeRun: async ({ config }) => {
    // Any backend builds the model summary; never switch one that a training job may be using.
    await ensureSomeBackend();
    return describeRun(await database(), config);
  },
  train: async ({ runId, backend }, ctx) => {
    training++;
    try {
      const report = await switchToBackend(backend);
      const run = await trainRun(await database(), runId, {
        signal: ctx.signal,
        emit: (event) => {
          ctx.emit(event);
        },
        progress: (done, total) => {
          ctx.progress(done, total);
        },
        streamed: streamedFor,
        backend: report.backend,
      });
      return { run, backend: report };
    } finally {
      training--;
    }
  },
  finalizeRun: async ({ runId }) => {
    await ensureSomeBackend();
    await finalizeStoppedRun(await database(), runId);
    return { ok: true as const };
  },
  exportModel: async ({ runId, reference }) => {
    const workbench = await database();
    const run = reference === true ? await storedRun(workbench, runId) : null;
    await (run ? referenceBackend(run) : ensureSomeBackend());
    const model = await loadRunModel(workbench, runId);
    try {
      const artifacts = await modelToArtifacts(model);
      const weightsFile = 'weights.bin';
      const files = { json: modelJson(artifacts, weightsFile), weights: artifacts.weightData, weightsFile };
      return run ? { ...files, reference: await referenceFile(workbench, run, model) } : files;
    } finally {
      model.dispose();
    }
  },
  measureTrainingSpeed: async ({ architecture, size, batch, classes, backend }) => {
    if (training > 0)
      throw new GmfError(
        'SPEED_PROBE_BUSY',
        'A run is training: measure the training speed once it has ended (both would share the processor, and the number would be wrong).',
      );
    const report = await switchToBackend(backend);
    const speed = await measureStepSpeed({ architecture, size, batch, classes, steps: 4, budgetMs: 4000 });
    return { ...speed, backend: report.backend };
  },
  importModel: async ({ json, weights, name, runId }) => {
    await ensureSomeBackend();
    const { artifacts, model } = await importModelFiles(json, weights);
    try {
      const now = Date.now();
      const run: RunRecord = {
        id: runId,
        name,
        createdAt: now,
        finishedAt: now,
        imported: true,
        status: 'complete',
        config: { ...DEFAULT_TRAIN_CONFIG, name, architecture: DEFAULT_TRAIN_CONFIG.architecture, targets: [] },
        targets: [],
        query: null,
        images: { training: 0, validation: 0 },
        history: [],
        summary: modelSummary(model).rows,
        backend: 'imported',
      };
      const record: ModelArtifactsRecord = { key: modelKey(runId), owner: runId, ...artifacts };
      await putRecord(await database(), 'runs', run);
      await putRecords(await database(), 'models', [record]);
      return { run };
    } finally {
      model.dispose();
    }
  },
});
