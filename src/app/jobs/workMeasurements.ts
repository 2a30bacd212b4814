/**
 * When a training run or an analysis ends (finished, paused or failed), a long enough stretch
 * of it is a measurement of this machine's speed at its settings (app/workSpeed.ts): the guided
 * experiment's estimates read them. Reading the settings must never break a job, so anything
 * missing (a deleted dataset, an imported model) just means no measurement.
 */
import type { JobProgress } from '../../lib/jobs/progress';
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import { isTfjsBackendName } from '../../lib/tfjs/backendKinds';
import { isAnalysisRecord } from '../../pipeline/analyze/records';
import { isDatasetRecord } from '../../pipeline/dataset/records';
import { isRunRecord, type RunRecord } from '../../pipeline/train/runRecords';
import { progressMeasurement, type SpeedMeasurement } from '../speedMemory';
import { analysisMeasurement, analysisSpeedKey, MIN_TRAINING_IMAGES, trainingSpeedKey } from '../workSpeed';

export type RecordSpeed = (key: string, measurement: SpeedMeasurement) => void;

async function datasetOf(db: WorkbenchDb, id: string) {
  const dataset = await getRecord(db, 'datasets', id);
  return isDatasetRecord(dataset) ? dataset : undefined;
}

/** A stored-data run's images/s between its first and last progress report on `backend`. */
export async function recordTrainingSpeed(
  db: WorkbenchDb,
  run: RunRecord,
  backend: string,
  reports: { first: JobProgress; last: JobProgress },
  record: RecordSpeed,
): Promise<void> {
  // Streamed runs render as they train: their speed is the renderer's as much as the network's.
  if (run.config.data !== 'stored' || !isTfjsBackendName(backend)) return;
  const measured = progressMeasurement(reports.first, reports.last, Date.now(), 'training', MIN_TRAINING_IMAGES);
  const dataset = measured ? await datasetOf(db, run.config.datasetId) : undefined;
  if (!measured || !dataset) return;
  const { architecture, batchSize } = run.config;
  record(trainingSpeedKey({ architecture, resolution: dataset.spec.resolution, batchSize, backend }), measured);
}

/**
 * An analysis that ran every stage in this one go (its first report was compression's first
 * batch, and it completed): the images it analysed (every split, after its query) over its seconds.
 */
export async function recordAnalysisSpeed(
  db: WorkbenchDb,
  analysisId: string,
  backend: string,
  run: { first: JobProgress | undefined; seconds: number; completed: boolean },
  record: RecordSpeed,
): Promise<void> {
  const fromStart = run.first?.message === 'compress' && run.first.done <= 1;
  if (!run.completed || !fromStart || !isTfjsBackendName(backend)) return;
  const analysis = await getRecord(db, 'results', analysisId);
  if (!isAnalysisRecord(analysis) || analysis.origin) return;
  const [trained, dataset] = await Promise.all([
    getRecord(db, 'runs', analysis.runId),
    datasetOf(db, analysis.datasetId),
  ]);
  if (!isRunRecord(trained) || !dataset) return;
  const images = Object.values(analysis.samples).reduce((sum, n) => sum + n, 0);
  const measured = analysisMeasurement(images, run.seconds, Date.now());
  if (!measured) return;
  const key = analysisSpeedKey({
    architecture: trained.config.architecture,
    resolution: dataset.spec.resolution,
    backend,
  });
  record(key, measured);
}
