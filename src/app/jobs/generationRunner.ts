/**
 * Starts, cancels and resumes dataset generation in the face worker. A run marks its dataset
 * 'generating'; a deliberate cancel marks it 'paused'; a reload or crash leaves 'generating',
 * which `resumeInterruptedGeneration` picks up when the app starts again.
 */
import type { DatasetRecord } from '../../pipeline/generate/datasetRecords';
import { deleteOrphanedRecords, getRecord, putRecord } from '../../lib/storage';
import { GmfError } from '../../lib/errors';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import { useGenerationStore } from '../generationStore';
import { JobCancelledError } from '../../lib/jobs/protocol';
import { faceJobs } from '../workers/faceClient';
import { refreshStorageSummary } from '../../ui/storage/useStorageSummary';
import { workbenchDb } from '../db';

let controller: AbortController | null = null;

function isDatasetRecord(value: unknown): value is DatasetRecord {
  const r = value as Partial<DatasetRecord> | undefined;
  return typeof r?.id === 'string' && typeof r.spec === 'object' && (r.status === 'generating' || r.status === 'complete' || r.status === 'paused');
}

async function setStatus(datasetId: string, status: DatasetRecord['status']): Promise<void> {
  const db = await workbenchDb();
  const record = await getRecord(db, 'datasets', datasetId);
  if (!isDatasetRecord(record)) return;
  const updated: DatasetRecord = { ...record, status };
  await putRecord(db, 'datasets', updated);
}

async function run(datasetId: string, spec: GeneratorSpec, resumed: boolean): Promise<void> {
  const store = useGenerationStore.getState();
  if (store.run) throw new GmfError('GENERATION_BUSY', `'${store.run.name}' is still being generated; wait for it or cancel it first.`);
  controller = new AbortController();
  store.setError(null);
  store.setRun({ datasetId, name: spec.name, progress: null, resumed });
  try {
    await faceJobs.run('generateDataset', { datasetId, spec }, {
      signal: controller.signal,
      onProgress: (progress) => {
        const state = useGenerationStore.getState();
        // The worker has written the dataset record by its first report: let lists show it.
        if (!state.run?.progress) state.touch();
        state.setRun({ datasetId, name: spec.name, progress, resumed });
      },
    });
  } catch (error) {
    if (error instanceof JobCancelledError) await setStatus(datasetId, 'paused');
    else useGenerationStore.getState().setError(error instanceof Error ? error.message : String(error));
  } finally {
    controller = null;
    useGenerationStore.getState().setRun(null);
    useGenerationStore.getState().touch();
    void refreshStorageSummary();
  }
}

export function startGeneration(spec: GeneratorSpec): Promise<void> {
  const datasetId = `dataset-${Date.now().toString(36)}`;
  return run(datasetId, structuredClone(spec), false);
}

export async function resumeGeneration(datasetId: string): Promise<void> {
  const record = await getRecord(await workbenchDb(), 'datasets', datasetId);
  if (!isDatasetRecord(record)) throw new GmfError('DATASET_MISSING', `No stored dataset '${datasetId}' to resume.`);
  await setStatus(datasetId, 'generating');
  await run(datasetId, record.spec, true);
}

export function cancelGeneration(): void {
  controller?.abort();
}

/** After a reload: continue the dataset whose generation was interrupted (not paused on purpose). */
export async function resumeInterruptedGeneration(): Promise<void> {
  const db = await workbenchDb();
  // A zip import cut short leaves images without a dataset record: nothing to resume, so clear them.
  if ((await deleteOrphanedRecords(db)) > 0) void refreshStorageSummary();
  const datasets = (await db.getAll('datasets')).filter(isDatasetRecord);
  const interrupted = datasets.find((d) => d.status === 'generating');
  if (interrupted && !useGenerationStore.getState().run) await run(interrupted.id, interrupted.spec, true);
}

export async function listDatasets(): Promise<DatasetRecord[]> {
  const db = await workbenchDb();
  return (await db.getAll('datasets')).filter(isDatasetRecord).sort((a, b) => b.createdAt - a.createdAt);
}
