/** The training worker: tfjs, the training data pipeline and (for streamed data) a face renderer. */
import type { DatasetRecord } from '../pipeline/dataset/records';
import { openWorkbenchDb, putRecord, putRecords, type WorkbenchDb } from '../lib/storage';
import { faceModelOf } from '../model/gmf/generatorSpec';
import { faceModels } from './faceModels';
import { FacePipeline } from '../model/render/facePipeline';
import { OffscreenRenderer } from '../model/render/offscreenRenderer';
import { modelSummary } from '../pipeline/train/architectures';
import { initTfjsRuntime, ensureSomeBackend, switchToBackend } from '../lib/tfjs/runtime';
import {
  importModelFiles,
  loadRunModel,
  modelJson,
  modelKey,
  modelToArtifacts,
  type ModelArtifactsRecord,
} from '../pipeline/train/modelArtifacts';
import { DEFAULT_TRAIN_CONFIG } from '../pipeline/train/runConfig';
import type { RunRecord } from '../pipeline/train/runRecords';
import { describeRun, finalizeStoppedRun, trainRun } from '../pipeline/train/runTraining';
import type { TrainJobs } from '../pipeline/train/jobs';
import { serveJobs } from '../lib/jobs/runtime';

let db: Promise<WorkbenchDb> | undefined;
const database = () => (db ??= openWorkbenchDb());

initTfjsRuntime();

/** Streamed training renders with the dataset's own face model. */
async function pipelineFor(dataset: DatasetRecord): Promise<FacePipeline> {
  const { spec } = dataset;
  const model = await faceModels.get(faceModelOf(spec).id);
  const renderer = await OffscreenRenderer.forFaceModel(model.info, spec.resolution, spec.resolution, spec.renderScale);
  return new FacePipeline(model, renderer, spec.seed, spec.cameraDistance);
}

serveJobs<TrainJobs>({
  describeRun: async ({ config }) => {
    // Any backend builds the model summary; never switch one that a training job may be using.
    await ensureSomeBackend();
    return describeRun(await database(), config);
  },
  train: async ({ runId, backend }, ctx) => {
    const report = await switchToBackend(backend);
    const run = await trainRun(await database(), runId, {
      signal: ctx.signal,
      emit: (event) => {
        ctx.emit(event);
      },
      progress: (done, total) => {
        ctx.progress(done, total);
      },
      pipeline: pipelineFor,
      backend: report.backend,
    });
    return { run, backend: report };
  },
  finalizeRun: async ({ runId }) => {
    await ensureSomeBackend();
    await finalizeStoppedRun(await database(), runId);
    return { ok: true as const };
  },
  exportModel: async ({ runId }) => {
    await ensureSomeBackend();
    const model = await loadRunModel(await database(), runId);
    try {
      const artifacts = await modelToArtifacts(model);
      const weightsFile = 'weights.bin';
      return { json: modelJson(artifacts, weightsFile), weights: artifacts.weightData, weightsFile };
    } finally {
      model.dispose();
    }
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
