/**
 * Starts, pauses, resumes and stops training in the train worker. A run is 'training' while a
 * worker trains it; pause saves a checkpoint mid-epoch and marks it 'paused'; a reload leaves
 * 'training', which `resumeInterruptedTraining` picks up when the app starts again.
 */
import { getRecord, putRecord } from '../../lib/storage';
import { GmfError } from '../../lib/errors';
import { useTrainingStore } from '../trainingStore';
import type { BackendPreference } from '../../lib/tfjs/backendKinds';
import type { TrainConfig } from '../../pipeline/train/runConfig';
import { isRunRecord, type RunRecord, type RunStatus } from '../../pipeline/train/runRecords';
import type { TrainEvent } from '../../pipeline/train/runTraining';
import { JobCancelledError } from '../../lib/jobs/protocol';
import { refreshStorageSummary } from '../../ui/storage/useStorageSummary';
import { workbenchDb } from '../db';
import { liveCurves } from '../train/liveCurves';
import { trainJobs } from '../workers/trainClient';

let controller: AbortController | null = null;
// Set by pause/stop before the abort; an object so reads after awaits are not narrowed to the initial value.
const cancelIntent: { status: RunStatus } = { status: 'paused' };
const intendedStatus = (): RunStatus => cancelIntent.status;

async function setStatus(runId: string, status: RunStatus, error?: string): Promise<void> {
  const db = await workbenchDb();
  const record = await getRecord(db, 'runs', runId);
  if (!isRunRecord(record)) return;
  const updated: RunRecord = { ...record, status, ...(error === undefined ? {} : { error }) };
  await putRecord(db, 'runs', updated);
}

function onEvent(event: unknown): void {
  const e = event as TrainEvent;
  const store = useTrainingStore.getState();
  switch (e.type) {
    case 'started':
      liveCurves.reset(e.batches);
      store.patchActive({ state: 'training', epochs: e.run.history, backend: e.run.backend });
      store.touch();
      return;
    case 'batch':
      liveCurves.push({ epoch: e.epoch, batch: e.batch, step: e.step, values: e.values });
      if (store.active?.state === 'starting' || store.active?.state === 'training') {
        store.patchActive({ learningRate: e.learningRate, imagesPerSecond: e.imagesPerSecond, epoch: e.epoch, batch: e.batch, batches: e.batches });
      }
      return;
    case 'epoch':
      store.patchActive({ epochs: [...(store.active?.epochs ?? []), e.row] });
      return;
  }
}

async function run(record: RunRecord, backend: BackendPreference): Promise<void> {
  const store = useTrainingStore.getState();
  if (store.active) throw new GmfError('TRAINING_BUSY', `'${store.active.name}' is training; pause or stop it first.`);
  controller = new AbortController();
  cancelIntent.status = 'paused';
  store.setError(null);
  liveCurves.reset();
  store.setActive({ runId: record.id, name: record.name, state: 'starting', progress: null, learningRate: null, imagesPerSecond: null, epoch: 0, batch: 0, batches: 0, epochs: record.history, backend: null });
  try {
    await trainJobs.run('train', { runId: record.id, backend }, {
      signal: controller.signal,
      onEvent,
      onProgress: (progress) => {
        useTrainingStore.getState().patchActive({ progress });
      },
    });
  } catch (error) {
    if (error instanceof JobCancelledError) {
      const status = intendedStatus();
      await setStatus(record.id, status);
      if (status === 'stopped') await trainJobs.run('finalizeRun', { runId: record.id }).catch(() => undefined);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      useTrainingStore.getState().setError(message);
      await setStatus(record.id, 'failed', message);
    }
  } finally {
    controller = null;
    useTrainingStore.getState().setActive(null);
    useTrainingStore.getState().touch();
    void refreshStorageSummary();
  }
}

export async function startTraining(config: TrainConfig, backend: BackendPreference): Promise<void> {
  const record: RunRecord = {
    id: `run-${Date.now().toString(36)}`,
    name: config.name,
    createdAt: Date.now(),
    config,
    status: 'training',
    targets: [],
    query: null,
    images: { training: 0, validation: 0 },
    history: [],
    summary: [],
    backend: '',
  };
  await putRecord(await workbenchDb(), 'runs', record);
  useTrainingStore.getState().touch();
  await run(record, backend);
}

export async function resumeTraining(runId: string, backend: BackendPreference): Promise<void> {
  const record = await getRecord(await workbenchDb(), 'runs', runId);
  if (!isRunRecord(record)) return;
  await setStatus(runId, 'training');
  await run({ ...record, status: 'training' }, backend);
}

/** Pause: the worker stops after the current batch and saves a checkpoint there. */
export function pauseTraining(): void {
  cancelIntent.status = 'paused';
  useTrainingStore.getState().patchActive({ state: 'pausing' });
  controller?.abort();
}

/** Stop: like pause, then the weights so far become the run's model. */
export function stopTraining(): void {
  cancelIntent.status = 'stopped';
  useTrainingStore.getState().patchActive({ state: 'stopping' });
  controller?.abort();
}

export async function resumeInterruptedTraining(backend: BackendPreference): Promise<void> {
  const db = await workbenchDb();
  const interrupted = (await db.getAll('runs')).filter(isRunRecord).find((r) => r.status === 'training');
  if (interrupted && !useTrainingStore.getState().active) await run(interrupted, backend);
}

export async function listRuns(): Promise<RunRecord[]> {
  const db = await workbenchDb();
  return (await db.getAll('runs')).filter(isRunRecord).sort((a, b) => b.createdAt - a.createdAt);
}
