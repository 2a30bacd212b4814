// "Train N seeds" headless: real IndexedDB semantics (fake-indexeddb), the real worker protocol
// (MessageChannel) and a fake train handler that stores history like the real one.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep, until } from '../../../test/support/until';
import { messageChannelClient } from '../../../test/support/messageChannelWorker';
import { getRecord, openWorkbenchDb, putRecord, type WorkbenchDb } from '../../lib/storage';
import type { TfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { TrainJobs } from '../../pipeline/train/jobs';
import { DEFAULT_TRAIN_CONFIG } from '../../pipeline/train/runConfig';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { useJobsStore } from './jobsStore';
import { MAX_SEEDS, type QueuedRunRecord, queuedRuns, seedConfigs, seedCountIssue } from './seedQueue';
import { createTrainingJobs } from './training';

let db: WorkbenchDb;
let factory: IDBFactory;
const database = () => Promise.resolve(db);
beforeEach(async () => {
  factory = new IDBFactory();
  db = await openWorkbenchDb({ name: 'seeds', factory });
  useJobsStore.setState(useJobsStore.getInitialState());
});
afterEach(() => {
  db.close();
});

/** Trains `config.epochs` fake epochs, storing history as it goes; records which run trained on what, in order. */
function fakeTrainer(epochMs = 1) {
  const trained: { name: string; seed: number; backend: TfjsBackendName; stored: string[] }[] = [];
  const client = messageChannelClient<TrainJobs>({
    train: async ({ runId, backend }, ctx) => {
      const wdb = await openWorkbenchDb({ name: 'seeds', factory });
      try {
        let run = (await getRecord(wdb, 'runs', runId)) as RunRecord;
        // Which runs were already stored when this one started: a reload must find them all.
        trained.push({
          name: run.name,
          seed: run.config.seed,
          backend,
          stored: ((await wdb.getAll('runs')) as RunRecord[]).map((r) => r.name).sort(),
        });
        run = { ...run, backend };
        await putRecord(wdb, 'runs', run);
        for (let epoch = run.history.length; epoch < run.config.epochs; epoch++) {
          await sleep(epochMs);
          if (ctx.signal.aborted) throw ctx.signal.reason;
          run = { ...run, history: [...run.history, { epoch: epoch + 1, loss: 1 }] };
          await putRecord(wdb, 'runs', run);
          ctx.progress(epoch + 1, run.config.epochs);
        }
        run = { ...run, status: 'complete' };
        await putRecord(wdb, 'runs', run);
        const report = {
          attempts: [],
          webgpuAdapter: null,
          wasmThreads: null,
          convKernels: null,
          crossOriginIsolated: false,
        };
        return { run, backend: { backend, preference: backend, ...report } };
      } finally {
        wdb.close();
      }
    },
    finalizeRun: () => Promise.resolve({ ok: true as const }),
    describeRun: () => Promise.reject(new Error('unused')),
    exportModel: () => Promise.reject(new Error('unused')),
    measureTrainingSpeed: () => Promise.reject(new Error('unused')),
    importModel: () => Promise.reject(new Error('unused')),
  });
  return { client, trained };
}

const config = (epochs: number) => ({ ...DEFAULT_TRAIN_CONFIG, name: 'net', datasetId: 'd', epochs, seed: 5 });
const runs = async () => ((await db.getAll('runs')) as QueuedRunRecord[]).sort((a, b) => a.createdAt - b.createdAt);

describe('seed count and configs', () => {
  it('accepts whole numbers 1 to 16 and says what is wrong otherwise', () => {
    expect(seedCountIssue(1)).toBeNull();
    expect(seedCountIssue(MAX_SEEDS)).toBeNull();
    for (const bad of [0, 17, 2.5, -1, Number.NaN])
      expect(seedCountIssue(bad), String(bad)).toMatch(/^Seeds must be a whole number from 1 to 16/);
    expect(seedCountIssue(Number.NaN)).toContain('got nothing');
  });

  it('counts seeds up from the form seed and names each run by its seed; one seed leaves the config as it is', () => {
    const c = config(1);
    expect(seedConfigs(c, 1)).toEqual([c]);
    expect(seedConfigs(c, 3).map((x) => [x.name, x.seed])).toEqual([
      ['net seed 5', 5],
      ['net seed 6', 6],
      ['net seed 7', 7],
    ]);
    const records = queuedRuns({ id: 'run-x', createdAt: 10 } as RunRecord, seedConfigs(c, 3));
    expect(records.map((r) => [r.id, r.status, r.seedQueue?.after ?? null])).toEqual([
      ['run-x-s1', undefined, null],
      ['run-x-s2', 'paused', 'run-x-s1'],
      ['run-x-s3', 'paused', 'run-x-s2'],
    ]);
  });
});

describe('Train N seeds', () => {
  // A run resumes only while its dataset exists (any record with the id will do here).
  beforeEach(async () => {
    await putRecord(db, 'datasets', { id: 'd', name: 'd', createdAt: 1, status: 'complete' } as never);
  });

  it('stores every run up front and trains them one after another on the first one’s backend', async () => {
    const { client, trained } = fakeTrainer();
    let measured: TfjsBackendName = 'wasm';
    const jobs = createTrainingJobs({ db: database, train: client, backendFor: () => Promise.resolve(measured) });
    const queue = jobs.start(config(2), 'auto', 3);
    await until(() => trained.length === 1);
    // The fastest backend measured differently now: later seeds keep the first one's.
    measured = 'cpu';
    await queue;
    expect(trained.map((t) => [t.name, t.seed, t.backend])).toEqual([
      ['net seed 5', 5, 'wasm'],
      ['net seed 6', 6, 'wasm'],
      ['net seed 7', 7, 'wasm'],
    ]);
    expect(trained[0]?.stored).toEqual(['net seed 5', 'net seed 6', 'net seed 7']);
    const stored = await runs();
    expect(stored.map((r) => [r.status, r.history.length, r.seedQueue, r.note])).toEqual([
      ['complete', 2, undefined, undefined],
      ['complete', 2, undefined, undefined],
      ['complete', 2, undefined, undefined],
    ]);
    client.terminate();
  });

  it('after a reload mid-queue, resumes the interrupted run and then trains the ones still waiting', async () => {
    const { client, trained } = fakeTrainer();
    const [first, ...rest] = queuedRuns(
      {
        id: 'run-q',
        name: 'net',
        createdAt: 1,
        config: config(3),
        status: 'training',
        targets: [],
        query: null,
        images: { training: 0, validation: 0 },
        history: [],
        summary: [],
        backend: 'webgl',
        backendPreference: 'auto',
      },
      seedConfigs(config(3), 3),
    );
    // As a reload finds it: seed 5 cut after one epoch, seeds 6 and 7 waiting.
    // A variable, not a literal: history is a run's field, not an ItemRecord's.
    const cut = first && { ...first, history: [{ epoch: 1, loss: 1 }] };
    if (cut) await putRecord(db, 'runs', cut);
    for (const r of rest) await putRecord(db, 'runs', r);
    const jobs = createTrainingJobs({ db: database, train: client, backendFor: () => Promise.resolve('cpu') });
    await jobs.runner.resumeInterrupted();
    expect(trained.map((t) => [t.name, t.backend])).toEqual([
      ['net seed 5', 'webgl'],
      ['net seed 6', 'webgl'],
      ['net seed 7', 'webgl'],
    ]);
    expect((await runs()).map((r) => [r.status, r.history.length])).toEqual([
      ['complete', 3],
      ['complete', 3],
      ['complete', 3],
    ]);
    client.terminate();
  });

  it('a reload between two seeds starts the next one', async () => {
    const { client, trained } = fakeTrainer();
    const records = queuedRuns(
      { id: 'run-b', createdAt: 1, status: 'training', history: [], backend: 'cpu' } as unknown as RunRecord,
      seedConfigs(config(1), 2),
    );
    const [done, waiting] = records;
    if (!done || !waiting) throw new Error('two records expected');
    const complete = { ...done, status: 'complete', history: [{ epoch: 1, loss: 1 }] };
    await putRecord(db, 'runs', complete);
    await putRecord(db, 'runs', waiting);
    const jobs = createTrainingJobs({ db: database, train: client, backendFor: () => Promise.resolve('cpu') });
    await jobs.runner.resumeInterrupted();
    expect(trained.map((t) => t.name)).toEqual(['net seed 6']);
    client.terminate();
  });

  it('Pause holds the queue until the paused run is resumed and completes', async () => {
    const { client, trained } = fakeTrainer(20);
    const jobs = createTrainingJobs({ db: database, train: client, backendFor: () => Promise.resolve('cpu') });
    const queue = jobs.start(config(30), 'cpu', 2);
    await until(() => (useJobsStore.getState().active.train?.progress?.done ?? 0) >= 1);
    jobs.runner.pause();
    await queue;
    let stored = await runs();
    expect(stored.map((r) => [r.status, r.seedQueue?.after ?? null])).toEqual([
      ['paused', null],
      ['paused', stored[0]?.id],
    ]);
    expect(trained.map((t) => t.name)).toEqual(['net seed 5']);
    await jobs.runner.resume(stored[0]?.id ?? '');
    stored = await runs();
    expect(stored.map((r) => r.status)).toEqual(['complete', 'complete']);
    expect(trained.map((t) => t.name)).toEqual(['net seed 5', 'net seed 5', 'net seed 6']);
    client.terminate();
  });

  it('Stop ends the queue: the seeds still waiting are left unstarted with a note', async () => {
    const { client, trained } = fakeTrainer(20);
    const jobs = createTrainingJobs({ db: database, train: client, backendFor: () => Promise.resolve('cpu') });
    const queue = jobs.start(config(30), 'cpu', 3);
    await until(() => (useJobsStore.getState().active.train?.progress?.done ?? 0) >= 1);
    jobs.runner.stop();
    await queue;
    const stored = await runs();
    expect(stored.map((r) => r.status)).toEqual(['stopped', 'paused', 'paused']);
    for (const r of stored.slice(1)) {
      expect(r.seedQueue).toBeUndefined();
      expect(r.history).toEqual([]);
      expect(r.note).toBe(
        "Not started: 'net seed 5' was stopped early, so the seed queue ended. Resume trains it from the start.",
      );
    }
    expect(trained.map((t) => t.name)).toEqual(['net seed 5']);
    client.terminate();
  });

  it('refuses a seed count out of range before storing anything', async () => {
    const { client } = fakeTrainer();
    const jobs = createTrainingJobs({ db: database, train: client, backendFor: () => Promise.resolve('cpu') });
    await expect(jobs.start(config(1), 'cpu', 17)).rejects.toMatchObject({ code: 'SEED_COUNT' });
    expect(await runs()).toEqual([]);
    client.terminate();
  });
});
