// The app layer's job lifecycles, headless: real IndexedDB semantics (fake-indexeddb), real
// worker protocol (MessageChannel), fake job handlers that store and report like the real ones.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep, until } from '../../../test/support/until';
import { plainBackendReport } from '../../../test/support/backendReport';
import { messageChannelClient } from '../../../test/support/messageChannelWorker';
import { GmfError } from '../../lib/errors';
import type { JobContext } from '../../lib/jobs/runtime';
import {
  getRecord,
  openWorkbenchDb,
  type OwnedRecord,
  putRecord,
  putRecords,
  type WorkbenchDb,
} from '../../lib/storage';
import type { TfjsBackendName } from '../../lib/tfjs/backendKinds';
import { DEFAULT_GENERATOR_SPEC, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { AnalysisJobs } from '../../pipeline/analysisJobs/jobs';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../pipeline/analyze/options';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import type { FaceJobs } from '../../pipeline/generate/faceJobs';
import type { TrainJobs } from '../../pipeline/train/jobs';
import { DEFAULT_TRAIN_CONFIG } from '../../pipeline/train/runConfig';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { useTrainingLive } from '../train/trainingLive';
import { createAnalysisJobs } from './analysis';
import type { SpeedMeasurement } from '../speedMemory';
import { createGenerationJobs } from './generation';
import { JobBusyError } from './jobRunner';
import { JOB_KINDS, useJobsStore } from './jobsStore';
import { createTrainingJobs } from './training';

let db: WorkbenchDb;
let factory: IDBFactory;
const database = () => Promise.resolve(db);
/** The fake worker's own connection, as a real worker opens its own. */
const workerDb = () => openWorkbenchDb({ name: 'jobs', factory });
beforeEach(async () => {
  factory = new IDBFactory();
  db = await openWorkbenchDb({ name: 'jobs', factory });
  useJobsStore.setState(useJobsStore.getInitialState());
});
afterEach(() => {
  db.close();
});

const spec = (name: string, identities = 6): GeneratorSpec => ({
  ...(structuredClone(DEFAULT_GENERATOR_SPEC) as GeneratorSpec),
  name,
  identities,
  variationsPerIdentity: 2,
});

/** Like the real generateDataset: one stored record per identity, skips stored ones, marks the dataset complete. */
function fakeGenerator(options: { gate?: () => Promise<void>; failAt?: number } = {}) {
  const calls: string[] = [];
  const handler = async ({ datasetId, spec: s }: FaceJobs['generateDataset']['input'], ctx: JobContext) => {
    calls.push(datasetId);
    const wdb = await workerDb();
    try {
      let done = 0;
      for (let id = 0; id < s.identities; id++) {
        const key = `${datasetId}/${id}`;
        if (await getRecord(wdb, 'images', key)) {
          done++;
          continue;
        }
        if (ctx.signal.aborted) throw ctx.signal.reason;
        if (id === options.failAt) throw new GmfError('RENDER_FAILED', `identity ${id} could not be rendered`);
        await options.gate?.();
        await putRecords(wdb, 'images', [{ key, owner: datasetId, identity: id } as OwnedRecord]);
        ctx.progress(++done, s.identities);
      }
      const record = (await getRecord(wdb, 'datasets', datasetId)) as DatasetRecord;
      const complete: DatasetRecord = { ...record, status: 'complete' };
      await putRecord(wdb, 'datasets', complete);
      return { images: done, resumedIdentities: 0 };
    } finally {
      wdb.close();
    }
  };
  const client = messageChannelClient<FaceJobs>({
    generateDataset: handler,
    init: () => Promise.reject(new Error('unused')),
    geometry: () => Promise.reject(new Error('unused')),
    textures: () => Promise.reject(new Error('unused')),
    factorAudit: () => Promise.reject(new Error('unused')),
    measureSpeed: () => Promise.reject(new Error('unused')),
    renderFaces: () => Promise.reject(new Error('unused')),
  });
  return { client, calls };
}

/** A gate the test opens one step at a time. */
function gate() {
  let release: (() => void) | null = null;
  return {
    wait: () => new Promise<void>((resolve) => (release = resolve)),
    open: () => {
      const r = release;
      release = null;
      r?.();
    },
    get waiting() {
      return release !== null;
    },
  };
}

describe('generation job', () => {
  it('stores the dataset before the worker starts, reports progress and ends complete', async () => {
    const { client } = fakeGenerator();
    const jobs = createGenerationJobs({ db: database, face: client });
    await jobs.start(spec('faces'));
    const [dataset] = await jobs.runner.list();
    expect(dataset).toMatchObject({ name: 'faces', status: 'complete' });
    expect(useJobsStore.getState().active.generate).toBeNull();
    expect(useJobsStore.getState().version.generate).toBeGreaterThanOrEqual(2);
    client.terminate();
  });

  it('remembers a long enough generation as a measurement of images/s at its settings', async () => {
    const { client } = fakeGenerator();
    const recorded: { spec: GeneratorSpec; measurement: SpeedMeasurement }[] = [];
    const recordSpeed = (s: GeneratorSpec, measurement: SpeedMeasurement) => recorded.push({ spec: s, measurement });
    const jobs = createGenerationJobs({ db: database, face: client, recordSpeed });
    await jobs.start(spec('long', 25));
    // The fake reports from its first stored identity: 24 more images after it, one per record.
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.spec.name).toBe('long');
    expect(recorded[0]?.measurement).toMatchObject({ images: 24, source: 'generation' });
    expect(recorded[0]?.measurement.imagesPerSecond).toBeGreaterThan(0);
    await jobs.start(spec('short', 8));
    expect(recorded).toHaveLength(1);
    client.terminate();
  });

  it('pauses mid-run keeping what was stored, and resumes from it to the same records', async () => {
    const g = gate();
    const { client } = fakeGenerator({ gate: g.wait });
    const jobs = createGenerationJobs({ db: database, face: client });
    const running = jobs.start(spec('faces'));
    for (let i = 0; i < 3; i++) {
      await until(() => g.waiting);
      g.open();
    }
    await until(() => useJobsStore.getState().active.generate?.progress?.done === 3);
    await until(() => g.waiting);
    jobs.runner.pause();
    expect(useJobsStore.getState().active.generate?.state).toBe('pausing');
    g.open();
    await running;
    const [paused] = await jobs.runner.list();
    expect(paused?.status).toBe('paused');
    const stored = await db.getAll('images');
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(stored.length).toBeLessThan(6);

    const resumed = jobs.runner.resume(paused?.id ?? '');
    await until(() => useJobsStore.getState().active.generate?.resumed === true);
    while (useJobsStore.getState().active.generate) {
      if (g.waiting) g.open();
      await sleep(2);
    }
    await resumed;
    expect((await jobs.runner.list())[0]?.status).toBe('complete');
    expect((await db.getAll('images')).map((r) => r.key).sort()).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `${paused?.id ?? ''}/${i}`).sort(),
    );
    client.terminate();
  });

  it('after a reload, continues the dataset whose record still says generating', async () => {
    const { client, calls } = fakeGenerator();
    const cut: DatasetRecord = { id: 'dataset-x', name: 'cut', createdAt: 1, spec: spec('cut'), status: 'generating' };
    await putRecord(db, 'datasets', cut);
    const paused: DatasetRecord = {
      id: 'dataset-p',
      name: 'paused on purpose',
      createdAt: 2,
      spec: spec('p'),
      status: 'paused',
    };
    await putRecord(db, 'datasets', paused);
    const jobs = createGenerationJobs({ db: database, face: client });
    await jobs.resumeInterrupted();
    expect(calls).toEqual(['dataset-x']);
    expect(await getRecord(db, 'datasets', 'dataset-x')).toMatchObject({ status: 'complete' });
    expect(await getRecord(db, 'datasets', 'dataset-p')).toMatchObject({ status: 'paused' });
    client.terminate();
  });

  it('a failure is shown with the worker message and leaves the dataset resumable', async () => {
    const { client } = fakeGenerator({ failAt: 2 });
    const jobs = createGenerationJobs({ db: database, face: client });
    await jobs.start(spec('broken'));
    expect(useJobsStore.getState().error.generate).toBe('identity 2 could not be rendered');
    expect((await jobs.runner.list())[0]?.status).toBe('generating');
    client.terminate();
  });

  it('refuses a second generation while one runs', async () => {
    const g = gate();
    const { client } = fakeGenerator({ gate: g.wait });
    const jobs = createGenerationJobs({ db: database, face: client });
    const first = jobs.start(spec('one', 1));
    await until(() => g.waiting);
    await expect(jobs.start(spec('two', 1))).rejects.toBeInstanceOf(JobBusyError);
    g.open();
    await first;
    expect((await jobs.runner.list()).map((d) => d.name)).toEqual(['one']);
    client.terminate();
  });

  it('says so when the worker goes silent, and clears the notice when it reports again', async () => {
    const g = gate();
    const { client } = fakeGenerator({ gate: g.wait });
    const jobs = createGenerationJobs({ db: database, face: client, stallAfterMs: 40 });
    const running = jobs.start(spec('slow', 2));
    await until(() => g.waiting);
    await until(() =>
      (useJobsStore.getState().active.generate?.stalled ?? '').startsWith('No progress from the worker'),
    );
    g.open();
    await until(
      () =>
        useJobsStore.getState().active.generate?.stalled === null || useJobsStore.getState().active.generate === null,
    );
    await until(() => g.waiting || useJobsStore.getState().active.generate === null);
    g.open();
    await running;
    client.terminate();
  });
});

/** A train worker that trains `epochs` "epochs" (events + history), or pauses/stops on cancel. */
function fakeTrainer(options: { epochMs?: number } = {}) {
  const backends: TfjsBackendName[] = [];
  const finalized: string[] = [];
  const client = messageChannelClient<TrainJobs>({
    train: async ({ runId, backend }, ctx) => {
      backends.push(backend);
      const wdb = await workerDb();
      try {
        let run = (await getRecord(wdb, 'runs', runId)) as RunRecord;
        run = { ...run, backend };
        await putRecord(wdb, 'runs', run);
        ctx.emit({ type: 'started', run, resumedFrom: null, batches: [] });
        for (let epoch = run.history.length; epoch < run.config.epochs; epoch++) {
          await sleep(options.epochMs ?? 1);
          if (ctx.signal.aborted) throw ctx.signal.reason;
          const row = { epoch: epoch + 1, loss: 1 / (epoch + 1) };
          run = { ...run, history: [...run.history, row] };
          await putRecord(wdb, 'runs', run);
          ctx.emit({ type: 'epoch', row });
          ctx.progress(epoch + 1, run.config.epochs);
        }
        run = { ...run, status: 'complete' };
        await putRecord(wdb, 'runs', run);
        return {
          run,
          backend: plainBackendReport(backend),
        };
      } finally {
        wdb.close();
      }
    },
    finalizeRun: ({ runId }) => {
      finalized.push(runId);
      return Promise.resolve({ ok: true as const });
    },
    describeRun: () => Promise.reject(new Error('unused')),
    exportModel: () => Promise.reject(new Error('unused')),
    measureTrainingSpeed: () => Promise.reject(new Error('unused')),
    importModel: () => Promise.reject(new Error('unused')),
  });
  return { client, backends, finalized };
}

const config = (epochs: number) => ({ ...DEFAULT_TRAIN_CONFIG, name: 'run', datasetId: 'd', epochs });

describe('training job', () => {
  // A run resumes only while its dataset exists (issue 14: no "failed … Resume" left behind).
  beforeEach(async () => {
    const dataset: DatasetRecord = { id: 'd', name: 'd', createdAt: 1, spec: spec('d'), status: 'complete' };
    await putRecord(db, 'datasets', dataset);
  });

  it('resolves "automatic" once at the start, trains on it, and feeds the live view', async () => {
    const { client, backends } = fakeTrainer();
    const backendFor = vi.fn(() => Promise.resolve<TfjsBackendName>('wasm'));
    const jobs = createTrainingJobs({ db: database, train: client, backendFor });
    await jobs.start(config(3), 'auto');
    expect(backendFor).toHaveBeenCalledWith('auto');
    expect(backends).toEqual(['wasm']);
    const [run] = await jobs.runner.list();
    expect(run).toMatchObject({ status: 'complete', backend: 'wasm' });
    expect(useTrainingLive.getState().epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(useTrainingLive.getState().backend).toBe('wasm');
    client.terminate();
  });

  it('resumes an interrupted run on its own backend, without asking again', async () => {
    const { client, backends } = fakeTrainer();
    const backendFor = vi.fn(() => Promise.resolve<TfjsBackendName>('cpu'));
    const record: RunRecord = {
      id: 'run-1',
      name: 'cut',
      createdAt: 1,
      config: config(4),
      status: 'training',
      targets: [],
      query: null,
      images: { training: 0, validation: 0 },
      history: [{ epoch: 1, loss: 1 }],
      summary: [],
      backend: 'webgl',
      backendPreference: 'auto',
    };
    await putRecord(db, 'runs', record);
    const jobs = createTrainingJobs({ db: database, train: client, backendFor });
    await jobs.runner.resumeInterrupted();
    expect(backendFor).not.toHaveBeenCalled();
    expect(backends).toEqual(['webgl']);
    expect(await getRecord(db, 'runs', 'run-1')).toMatchObject({
      status: 'complete',
      history: [{ epoch: 1 }, { epoch: 2 }, { epoch: 3 }, { epoch: 4 }],
    });
    client.terminate();
  });

  it('pause keeps the run resumable; stop ends it and turns its checkpoint into the model', async () => {
    const { client, finalized } = fakeTrainer({ epochMs: 20 });
    const jobs = createTrainingJobs({ db: database, train: client, backendFor: () => Promise.resolve('cpu') });
    const paused = jobs.start(config(50), 'cpu');
    await until(() => (useJobsStore.getState().active.train?.progress?.done ?? 0) >= 1);
    jobs.runner.pause();
    await paused;
    const [run] = await jobs.runner.list();
    expect(run?.status).toBe('paused');
    expect(finalized).toEqual([]);

    const stopped = jobs.runner.resume(run?.id ?? '');
    await until(() => (useJobsStore.getState().active.train?.progress?.done ?? 0) > (run?.history.length ?? 0));
    jobs.runner.stop();
    expect(useJobsStore.getState().active.train?.state).toBe('stopping');
    await stopped;
    expect((await jobs.runner.list())[0]?.status).toBe('stopped');
    expect(finalized).toEqual([run?.id]);
    client.terminate();
  });

  it('a run whose backend cannot start fails with the worker message and can be resumed', async () => {
    const client = messageChannelClient<TrainJobs>({
      train: () =>
        Promise.reject(new GmfError('BACKEND_SWITCH', 'The WASM compute backend could not be started here: x.')),
      finalizeRun: () => Promise.resolve({ ok: true as const }),
      describeRun: () => Promise.reject(new Error('unused')),
      exportModel: () => Promise.reject(new Error('unused')),
      measureTrainingSpeed: () => Promise.reject(new Error('unused')),
      importModel: () => Promise.reject(new Error('unused')),
    });
    const jobs = createTrainingJobs({ db: database, train: client, backendFor: () => Promise.resolve('wasm') });
    await jobs.start(config(2), 'wasm');
    expect(useJobsStore.getState().error.train).toContain('could not be started');
    expect((await jobs.runner.list())[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('WASM') as unknown,
    });
    client.terminate();
  });
});

describe('analysis job', () => {
  it('runs each analysis on the backend chosen in Settings at that moment', async () => {
    const seen: TfjsBackendName[] = [];
    const client = messageChannelClient<AnalysisJobs>({
      analyze: async ({ analysisId, backend }) => {
        seen.push(backend);
        const wdb = await workerDb();
        const record = (await getRecord(wdb, 'results', analysisId)) as AnalysisRecord;
        const done: AnalysisRecord = { ...record, status: 'complete', stage: 'done' };
        await putRecord(wdb, 'results', done);
        wdb.close();
        return { analysis: done };
      },
      importOriginal: () => Promise.reject(new Error('unused')),
      exportAnalysis: () => Promise.reject(new Error('unused')),
      crossRunCka: () => Promise.reject(new Error('unused')),
      unitAuc: () => Promise.reject(new Error('unused')),
      caricature: () => Promise.reject(new Error('unused')),
    });
    let preference: 'webgl' | 'cpu' = 'webgl';
    const jobs = createAnalysisJobs({
      db: database,
      analysis: client,
      preference: () => preference,
      backendFor: (p) => Promise.resolve(p as TfjsBackendName),
    });
    const run = {
      id: 'r',
      name: 'r',
      query: null,
      status: 'complete',
      config: { datasetId: 'd' },
      history: [],
      images: { training: 1000, validation: 0 },
    } as unknown as RunRecord;
    // The start is checked against stored records (issue 14): a finished run and its complete, split dataset.
    await putRecord(db, 'runs', run);
    const dataset = { id: 'd', name: 'd', createdAt: 1, spec: spec('d'), status: 'complete', split: { counts: {} } };
    await putRecord(db, 'datasets', dataset as unknown as DatasetRecord);
    await jobs.start(run, 'd', DEFAULT_ANALYSIS_OPTIONS);
    preference = 'cpu';
    await jobs.start(run, 'd', DEFAULT_ANALYSIS_OPTIONS);
    expect(seen).toEqual(['webgl', 'cpu']);
    expect((await jobs.runner.list()).map((a) => a.status)).toEqual(['complete', 'complete']);
    client.terminate();
  });
});

it('the jobs store keeps one active job per kind', () => {
  expect(JOB_KINDS).toEqual(['generate', 'train', 'analyze']);
});
