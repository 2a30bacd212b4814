/**
 * Starts, cancels and resumes analyses in the analysis worker. 'running' after a reload means
 * interrupted: `resumeInterruptedAnalysis` continues it at its stored stage when the app starts.
 */
import { type AnalysisOptions, type AnalysisRecord, isAnalysisRecord } from '../../pipeline/analyze/records';
import { getRecord, putRecord } from '../../lib/storage';
import { GmfError } from '../../lib/errors';
import { useAnalysisStore } from '../analysisStore';
import type { BackendPreference } from '../../lib/tfjs/backendKinds';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { JobCancelledError } from '../../lib/jobs/protocol';
import { refreshStorageSummary } from '../../ui/storage/useStorageSummary';
import { workbenchDb } from '../db';
import { analysisJobs } from '../workers/analysisClient';

let controller: AbortController | null = null;

async function setStatus(id: string, status: AnalysisRecord['status'], error?: string): Promise<void> {
  const db = await workbenchDb();
  const record = await getRecord(db, 'results', id);
  if (!isAnalysisRecord(record)) return;
  const updated: AnalysisRecord = { ...record, status, ...(error === undefined ? {} : { error }) };
  await putRecord(db, 'results', updated);
}

async function run(record: AnalysisRecord, backend: BackendPreference): Promise<void> {
  const store = useAnalysisStore.getState();
  if (store.active) throw new GmfError('ANALYSIS_BUSY', `'${store.active.name}' is being analysed; wait for it or cancel it first.`);
  controller = new AbortController();
  store.setError(null);
  store.setActive({ id: record.id, name: record.name, progress: null, cancelling: false });
  try {
    await analysisJobs.run('analyze', { analysisId: record.id, backend }, {
      signal: controller.signal,
      onProgress: (progress) => {
        const s = useAnalysisStore.getState();
        if (s.active) s.setActive({ ...s.active, progress });
        s.touch();
      },
    });
  } catch (error) {
    if (error instanceof JobCancelledError) await setStatus(record.id, 'paused');
    else {
      const message = error instanceof Error ? error.message : String(error);
      useAnalysisStore.getState().setError(message);
      await setStatus(record.id, 'failed', message);
    }
  } finally {
    controller = null;
    useAnalysisStore.getState().setActive(null);
    useAnalysisStore.getState().touch();
    void refreshStorageSummary();
  }
}

/** `datasetId` is the run's own dataset, or the one chosen for an imported model. */
export async function startAnalysis(runRecord: RunRecord, datasetId: string, options: AnalysisOptions, backend: BackendPreference): Promise<void> {
  const record: AnalysisRecord = {
    id: `analysis-${Date.now().toString(36)}`,
    name: `${runRecord.name} analysis`,
    createdAt: Date.now(),
    runId: runRecord.id,
    runName: runRecord.name,
    datasetId,
    query: runRecord.query,
    options,
    status: 'running',
    stage: 'compress',
    layers: [],
    samples: { training: 0, validation: 0, testing: 0 },
    decomposed: [],
    decodedLayers: [],
    perf: [],
    skipped: [],
  };
  await putRecord(await workbenchDb(), 'results', record);
  useAnalysisStore.getState().touch();
  await run(record, backend);
}

export async function resumeAnalysis(id: string, backend: BackendPreference): Promise<void> {
  const record = await getRecord(await workbenchDb(), 'results', id);
  if (isAnalysisRecord(record)) await run(record, backend);
}

export function cancelAnalysis(): void {
  const s = useAnalysisStore.getState();
  if (s.active) s.setActive({ ...s.active, cancelling: true });
  controller?.abort();
}

export async function resumeInterruptedAnalysis(backend: BackendPreference): Promise<void> {
  const db = await workbenchDb();
  const interrupted = (await db.getAll('results')).filter(isAnalysisRecord).find((r) => r.status === 'running');
  if (interrupted && !useAnalysisStore.getState().active) await run(interrupted, backend);
}

export async function listAnalyses(): Promise<AnalysisRecord[]> {
  const db = await workbenchDb();
  return (await db.getAll('results')).filter(isAnalysisRecord).sort((a, b) => b.createdAt - a.createdAt);
}
