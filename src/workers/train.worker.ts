/** The training worker: tfjs, the training data pipeline and (for streamed data) a face renderer. */
import type { DatasetRecord } from '../pipeline/generate/datasetRecords';
import { openWorkbenchDb, putRecord, putRecords, type WorkbenchDb } from '../lib/storage';
import { buildFaceModel, type FaceModel } from '../model/gmf/face/faceModel';
import { loadCanonicalMesh } from '../model/gmf/mesh/loadCanonicalMesh';
import { FacePipeline } from '../model/render/facePipeline';
import { OffscreenRenderer } from '../model/render/offscreenRenderer';
import { modelSummary } from '../pipeline/train/architectures';
import type { BackendPreference, BackendReport } from '../lib/tfjs/backendKinds';
import { selectTfjsBackend } from '../lib/tfjs/backends';
import { type BackendTiming, selectFastestTrainingBackend } from '../lib/tfjs/fastestBackend';
import { importModelFiles, loadRunModel, modelJson, modelKey, modelToArtifacts, type ModelArtifactsRecord } from '../pipeline/train/modelArtifacts';
import { DEFAULT_TRAIN_CONFIG } from '../pipeline/train/runConfig';
import type { RunRecord } from '../pipeline/train/runRecords';
import { describeRun, finalizeStoppedRun, trainRun } from '../pipeline/train/runTraining';
import type { TrainJobs } from '../pipeline/train/jobs';
import { serveJobs } from '../lib/jobs/runtime';

let db: Promise<WorkbenchDb> | undefined;
const database = () => (db ??= openWorkbenchDb());

// Measured once per worker: the probe costs seconds on slow backends.
let fastest: Promise<{ report: BackendReport; timings: BackendTiming[] }> | undefined;
let current: BackendPreference | null = null;
async function ensureBackend(preference: BackendPreference): Promise<{ report: BackendReport; timings: BackendTiming[] }> {
  if (preference === 'auto') {
    fastest ??= selectFastestTrainingBackend();
    const chosen = await fastest;
    if (current !== 'auto') await selectTfjsBackend(chosen.report.backend);
    current = 'auto';
    return chosen;
  }
  current = preference;
  return { report: await selectTfjsBackend(preference), timings: [] };
}

let faceModel: FaceModel | undefined;
async function pipelineFor(dataset: DatasetRecord): Promise<FacePipeline> {
  faceModel ??= buildFaceModel(loadCanonicalMesh());
  const { spec } = dataset;
  const renderer = await OffscreenRenderer.create(spec.resolution, spec.resolution, { scale: spec.renderScale });
  return new FacePipeline(faceModel, renderer, spec.seed, spec.cameraDistance);
}

serveJobs<TrainJobs>({
  describeRun: async ({ config }) => {
    await ensureBackend(current ?? 'cpu');
    return describeRun(await database(), config);
  },
  train: async ({ runId, backend }, ctx) => {
    const { report, timings } = await ensureBackend(backend);
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
    return { run, backend: report, timings };
  },
  finalizeRun: async ({ runId }) => {
    await ensureBackend(current ?? 'cpu');
    await finalizeStoppedRun(await database(), runId);
    return { ok: true as const };
  },
  exportModel: async ({ runId }) => {
    await ensureBackend(current ?? 'cpu');
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
    await ensureBackend(current ?? 'cpu');
    const { artifacts, model } = await importModelFiles(json, weights);
    try {
      const now = Date.now();
      const run: RunRecord = {
        id: runId, name, createdAt: now, finishedAt: now, imported: true, status: 'complete',
        config: { ...DEFAULT_TRAIN_CONFIG, name, architecture: DEFAULT_TRAIN_CONFIG.architecture, targets: [] },
        targets: [], query: null, images: { training: 0, validation: 0 }, history: [],
        summary: modelSummary(model).rows, backend: 'imported',
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
