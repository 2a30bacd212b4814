// A diverged run's "use the last good checkpoint": headless, fake-indexeddb and a fake train worker.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageChannelClient } from '../../../test/support/messageChannelWorker';
import { getRecord, openWorkbenchDb, putRecord, type WorkbenchDb } from '../../lib/storage';
import type { TrainJobs } from '../../pipeline/train/jobs';
import { DEFAULT_TRAIN_CONFIG } from '../../pipeline/train/runConfig';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { createTrainingJobs } from './training';

let db: WorkbenchDb;
beforeEach(async () => {
  db = await openWorkbenchDb({ name: 'training', factory: new IDBFactory() });
});
afterEach(() => {
  db.close();
});

const failedRun = (diverged: RunRecord['diverged']): RunRecord => ({
  id: 'run-1',
  name: 'lr too high',
  createdAt: 1,
  config: { ...DEFAULT_TRAIN_CONFIG, name: 'lr too high', datasetId: 'd', learningRate: 1 },
  status: 'failed',
  error: 'Training diverged at epoch 3, batch 12: the loss became NaN.',
  targets: [],
  query: null,
  images: { training: 0, validation: 0 },
  history: [],
  summary: [],
  backend: 'cpu',
  ...(diverged ? { diverged } : {}),
});

function jobs() {
  const finalized: string[] = [];
  const client = messageChannelClient<TrainJobs>({
    finalizeRun: async ({ runId }) => {
      finalized.push(runId);
      const run = (await getRecord(db, 'runs', runId)) as RunRecord;
      const stopped: RunRecord = { ...run, status: 'stopped' };
      await putRecord(db, 'runs', stopped);
      return { ok: true as const };
    },
    train: () => Promise.reject(new Error('unused')),
    describeRun: () => Promise.reject(new Error('unused')),
    exportModel: () => Promise.reject(new Error('unused')),
    measureTrainingSpeed: () => Promise.reject(new Error('unused')),
    importModel: () => Promise.reject(new Error('unused')),
  });
  const training = createTrainingJobs({
    db: () => Promise.resolve(db),
    train: client,
    backendFor: () => Promise.resolve('cpu'),
  });
  return { training, client, finalized };
}

describe('a diverged run', () => {
  it('keeps its last good checkpoint as the model on request, ending stopped (never complete)', async () => {
    await putRecord(db, 'runs', failedRun({ epoch: 2, batch: 11, lastGood: { epoch: 2, batch: 0 } }));
    const { training, client, finalized } = jobs();
    await training.useLastGoodCheckpoint('run-1');
    expect(finalized).toEqual(['run-1']);
    expect(await getRecord(db, 'runs', 'run-1')).toMatchObject({ status: 'stopped' });
    client.terminate();
  });

  it('refuses when it stored no checkpoint before diverging', async () => {
    await putRecord(db, 'runs', failedRun({ epoch: 0, batch: 3, lastGood: null }));
    const { training, client, finalized } = jobs();
    await expect(training.useLastGoodCheckpoint('run-1')).rejects.toThrow(
      "Run 'lr too high' has no good checkpoint to keep.",
    );
    expect(finalized).toEqual([]);
    client.terminate();
  });
});

describe('a run whose dataset was deleted', () => {
  it('is refused on resume before the worker runs, keeping its status (no new "failed" record)', async () => {
    const paused: RunRecord = { ...failedRun(undefined), status: 'paused' };
    delete paused.error;
    await putRecord(db, 'runs', paused);
    const { training, client } = jobs();
    await expect(training.runner.resume('run-1')).rejects.toThrow(
      "Run 'lr too high' cannot continue: the dataset 'd' it trains on has been deleted.",
    );
    expect(await getRecord(db, 'runs', 'run-1')).toMatchObject({ status: 'paused' });
    expect(await getRecord(db, 'runs', 'run-1')).not.toHaveProperty('error');
    client.terminate();
  });
});
