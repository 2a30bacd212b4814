/**
 * Training as a job: the train worker trains and checkpoints; the record is the run. A run
 * trains on the backend it was started on, and resumes there (no new measurement). Several
 * seeds of one config train in turn (seedQueue.ts).
 */
import { GmfError } from '../../lib/errors';
import type { JobClient } from '../../lib/jobs/client';
import type { JobProgress } from '../../lib/jobs/progress';
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import { type BackendPreference, isTfjsBackendName, type TfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { TrainJobs } from '../../pipeline/train/jobs';
import type { TrainConfig } from '../../pipeline/train/runConfig';
import { isRunRecord, type RunRecord } from '../../pipeline/train/runRecords';
import type { TrainEvent } from '../../pipeline/train/runTraining';
import { applyTrainEvent, resetTrainingLive } from '../train/trainingLive';
import { createJobRunner, type JobRunner } from './jobRunner';
import { useJobsStore } from './jobsStore';
import { trainingProgress } from './progressUnits';
import { type RecordSpeed, recordTrainingSpeed } from './workMeasurements';
import { recordMeasurement } from '../speedMemory';
import { createSeedQueue, queuedRuns, seedConfigs, seedCountIssue } from './seedQueue';

export interface TrainingJobs {
  /** The runner; its resume and resumeInterrupted also continue seed queues. */
  runner: JobRunner<RunRecord>;
  /**
   * Trains `config`; with `seeds` > 1 (at most MAX_SEEDS), that many runs with seeds seed,
   * seed + 1, …, stored at once and trained in turn.
   */
  start: (config: TrainConfig, backend: BackendPreference, seeds?: number) => Promise<void>;
  /** A diverged run's last good checkpoint becomes its model (the run ends 'stopped', never 'complete'). */
  useLastGoodCheckpoint: (runId: string) => Promise<void>;
}

export interface TrainingDeps {
  db: () => Promise<WorkbenchDb>;
  train: JobClient<TrainJobs>;
  /** The concrete backend for a preference (app/compute.ts). */
  backendFor: (preference: BackendPreference) => Promise<TfjsBackendName>;
  onStored?: () => void;
  stallAfterMs?: number;
  /** Remembers a run's images/s (default: speedMemory's localStorage). */
  recordSpeed?: RecordSpeed;
}

export function createTrainingJobs(deps: TrainingDeps): TrainingJobs {
  const recordSpeed = deps.recordSpeed ?? recordMeasurement;
  const base = createJobRunner<RunRecord>(
    {
      kind: 'train',
      store: 'runs',
      isRecord: isRunRecord,
      statuses: { running: 'training', paused: 'paused', failed: 'failed', stopped: 'stopped' },
      execute: async (record, { signal, onProgress, onEvent }) => {
        const backend = isTfjsBackendName(record.backend)
          ? record.backend
          : await deps.backendFor(record.backendPreference ?? 'auto');
        let first: JobProgress | undefined;
        let last: JobProgress | undefined;
        try {
          await deps.train.run(
            'train',
            { runId: record.id, backend },
            {
              signal,
              onEvent,
              onProgress: (p) => {
                last = trainingProgress(p, record);
                first ??= last;
                onProgress(last);
              },
            },
          );
        } finally {
          // Finished, paused or failed: a long enough stretch is a measurement of this machine's speed.
          if (first && last) await recordTrainingSpeed(deps.db, record, backend, { first, last }, recordSpeed);
        }
      },
      afterStop: async (record) => {
        await deps.train.run('finalizeRun', { runId: record.id });
      },
      onStart: resetTrainingLive,
      onEvent: (event) => {
        // The run's stored history changes at each epoch: lists re-read it.
        if (applyTrainEvent(event as TrainEvent)) useJobsStore.getState().touch('train');
      },
    },
    deps,
  );
  const queue = createSeedQueue(base, deps);
  return {
    runner: {
      ...queue.runner,
      // Refused up front when the run's dataset is gone: a resume would only fail and leave a
      // "failed … Resume" record that can never succeed. The run keeps its status.
      resume: async (id) => {
        const db = await deps.db();
        const record = await getRecord(db, 'runs', id);
        if (isRunRecord(record) && !record.imported) {
          const dataset = await getRecord(db, 'datasets', record.config.datasetId);
          if (!dataset) {
            const refused = new GmfError(
              'RUN_DATASET_DELETED',
              `Run '${record.name}' cannot continue: the dataset '${record.provenance?.datasetName ?? record.config.datasetId}' it trains on has been deleted. Import or regenerate it (with the same settings), or start a new run.`,
            );
            useJobsStore.getState().setError('train', refused.message);
            throw refused;
          }
        }
        await queue.runner.resume(id);
      },
    },
    useLastGoodCheckpoint: async (runId) => {
      const record = await getRecord(await deps.db(), 'runs', runId);
      if (!isRunRecord(record) || record.status !== 'failed' || !record.diverged?.lastGood)
        throw new GmfError('RUN_NO_GOOD_CHECKPOINT', `Run '${record?.name ?? runId}' has no good checkpoint to keep.`);
      await deps.train.run('finalizeRun', { runId });
      useJobsStore.getState().touch('train');
      deps.onStored?.();
    },
    start: (config, backend, seeds = 1) => {
      const issue = seedCountIssue(seeds);
      if (issue !== null) return Promise.reject(new GmfError('SEED_COUNT', issue));
      const first: RunRecord = {
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
        backendPreference: backend,
      };
      return queue.startQueue(queuedRuns(first, seedConfigs(config, seeds)));
    },
  };
}
