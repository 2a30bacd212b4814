/**
 * When a training run or an analysis ends (finished, paused or failed), a long enough stretch
 * of it is a measurement of this machine's speed at its settings (app/workSpeed.ts): the guided
 * experiment's estimates read them. Reading the settings must never break a job, so anything
 * missing or failing (a deleted dataset, an imported model, storage) just means no measurement:
 * these never throw.
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

async function datasetOf(db: () => Promise<WorkbenchDb>, id: string) {
  try {
    const dataset = await getRecord(await db(), 'datasets', id);
    return isDatasetRecord(dataset) ? dataset : undefined;
  } catch {
    return undefined;
  }
}

/** A stored-data run's images/s between its first and last progress report on `backend`. */
export async function recordTrainingSpeed(
  db: () => Promise<WorkbenchDb>,
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
  db: () => Promise<WorkbenchDb>,
  analysisId: string,
  backend: string,
  run: { first: JobProgress | undefined; seconds: number; completed: boolean },
  record: RecordSpeed,
): Promise<void> {
  const fromStart = run.first?.message === 'compress' && run.first.done <= 1;
  if (!run.completed || !fromStart || !isTfjsBackendName(backend)) return;
  try {
    const workbench = await db();
    const analysis = await getRecord(workbench, 'results', analysisId);
    if (!isAnalysisRecord(analysis) || analysis.origin) return;
    const trained = await getRecord(workbench, 'runs', analysis.runId);
    const dataset = await datasetOf(db, analysis.datasetId);
    if (!isRunRecord(trained) || !dataset) return;
    const images = Object.values(analysis.samples).reduce((sum, n) => sum + n, 0);
    const measured = analysisMeasurement(images, run.seconds, Date.now());
    if (!measured) return;
    const { architecture } = trained.config;
    record(analysisSpeedKey({ architecture, resolution: dataset.spec.resolution, backend }), measured);
  } catch {
    return; // Only an estimate rests on it.
  }
}
