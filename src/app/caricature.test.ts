// The caricature effect's lifecycle, headless: the real generation job runner over a fake face
// worker (MessageChannel), a fake analysis worker, fake-indexeddb.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageChannelClient } from '../../test/support/messageChannelWorker';
import { GmfError, JobCancelledError } from '../lib/errors';
import type { JobContext } from '../lib/jobs/runtime';
import { getRecord, openWorkbenchDb, putRecord, putRecords, type WorkbenchDb } from '../lib/storage';
import { DEFAULT_GENERATOR_SPEC, type GeneratorSpec } from '../model/gmf/generatorSpec';
import type { AnalysisJobs } from '../pipeline/analysisJobs/jobs';
import type { AnalysisRecord } from '../pipeline/analyze/records';
import type { DatasetRecord } from '../pipeline/dataset/records';
import type { FaceJobs } from '../pipeline/generate/faceJobs';
import type { CaricatureRecord } from '../pipeline/reproductions/caricatureRun';
import { caricatureSpec } from '../pipeline/reproductions/caricatureSpec';
import { type CaricatureStep, runCaricatureEffect } from './caricature';
import { createGenerationJobs } from './jobs/generation';
import { useJobsStore } from './jobs/jobsStore';

/** A typed put: putRecord takes any item record, so an object literal would miss DatasetRecord's checks. */
const putDataset = (database: WorkbenchDb, record: DatasetRecord) => putRecord(database, 'datasets', record);
let db: WorkbenchDb;
let factory: IDBFactory;
beforeEach(async () => {
  factory = new IDBFactory();
  db = await openWorkbenchDb({ name: 'caricature', factory });
  useJobsStore.setState(useJobsStore.getInitialState());
});
afterEach(() => {
  db.close();
});

const SPEC: GeneratorSpec = {
  ...(structuredClone(DEFAULT_GENERATOR_SPEC) as GeneratorSpec),
  name: 'faces',
  identities: 3,
  variationsPerIdentity: 2,
};

/** Stores one image per identity like the real generator, or fails / waits for a cancel at identity `stopAt`. */
function fakeFace(options: { failAt?: number; stopAt?: number } = {}) {
  const calls: string[] = [];
  const generateDataset = async ({ datasetId, spec }: FaceJobs['generateDataset']['input'], ctx: JobContext) => {
    calls.push(datasetId);
    const wdb = await openWorkbenchDb({ name: 'caricature', factory });
    try {
      for (let id = 0; id < spec.identities; id++) {
        if (await getRecord(wdb, 'images', `${datasetId}/${id}`)) continue;
        if (id === options.failAt) throw new GmfError('RENDER_FAILED', `identity ${id} could not be rendered`);
        if (id === options.stopAt)
          await new Promise((_, reject) => {
            ctx.signal.addEventListener('abort', () => {
              reject(new JobCancelledError());
            });
          });
        await putRecords(wdb, 'images', [{ key: `${datasetId}/${id}`, owner: datasetId }]);
        ctx.progress(id + 1, spec.identities);
      }
      const record = (await getRecord(wdb, 'datasets', datasetId)) as DatasetRecord;
      await putDataset(wdb, { ...record, status: 'complete' });
      return { images: spec.identities, resumedIdentities: 0 };
    } finally {
      wdb.close();
    }
  };
  const unused = () => Promise.reject(new Error('unused'));
  const client = messageChannelClient<FaceJobs>({
    generateDataset,
    init: unused,
    geometry: unused,
    textures: unused,
    factorAudit: unused,
    measureSpeed: unused,
    renderFaces: unused,
  });
  return { client, calls };
}

function fakeAnalysis() {
  const inputs: AnalysisJobs['caricature']['input'][] = [];
  const client = messageChannelClient<Pick<AnalysisJobs, 'caricature'>>({
    caricature: (input) => {
      inputs.push(input);
      return Promise.resolve({
        key: 'k',
        owner: input.analysisId,
        layer: 'top',
        levels: [],
      } as unknown as CaricatureRecord);
    },
  });
  return { client, inputs };
}

async function seed(): Promise<void> {
  await putDataset(db, {
    id: 'd1',
    name: 'faces',
    createdAt: 1,
    spec: SPEC,
    status: 'complete',
  });
  const analysis = {
    id: 'a1',
    name: 'net analysis',
    runId: 'r1',
    runName: 'net',
    datasetId: 'd1',
    query: null,
    stage: 'done',
    layers: [],
  };
  await putRecord(db, 'results', analysis as unknown as AnalysisRecord);
}

function setup(face = fakeFace()) {
  const generation = createGenerationJobs({ db: () => Promise.resolve(db), face: face.client });
  const analysis = fakeAnalysis();
  const deps = {
    db: () => Promise.resolve(db),
    generation: generation.runner,
    analysis: analysis.client,
    backend: () => Promise.resolve('cpu' as const),
  };
  return { deps, face, analysis };
}

describe('runCaricatureEffect', () => {
  it('renders each missing level as a dataset of the scaled settings, reuses a rendered one, then scores every level', async () => {
    await seed();
    const { deps, face, analysis } = setup();
    const done = caricatureSpec(SPEC, 2);
    await putDataset(db, {
      id: 'd1-caricature-x2',
      name: done.name,
      createdAt: 2,
      spec: done,
      status: 'complete',
    });
    const steps: CaricatureStep[] = [];
    const record = await runCaricatureEffect(deps, 'a1', [2, 1, 0.5, 1.5], {
      signal: new AbortController().signal,
      onStep: (s) => steps.push(s),
      onProgress: () => undefined,
    });
    expect(face.calls).toEqual(['d1-caricature-x0.5', 'd1-caricature-x1.5']);
    expect(steps).toEqual([
      { step: 'render', scale: 0.5, datasetName: 'faces caricature ×0.5', index: 0, count: 2 },
      { step: 'render', scale: 1.5, datasetName: 'faces caricature ×1.5', index: 1, count: 2 },
      { step: 'model' },
    ]);
    const level = await getRecord(db, 'datasets', 'd1-caricature-x0.5');
    expect(level).toMatchObject({ name: 'faces caricature ×0.5', status: 'complete', spec: caricatureSpec(SPEC, 0.5) });
    expect(analysis.inputs).toEqual([{ analysisId: 'a1', backend: 'cpu', levels: [0.5, 1, 1.5, 2] }]);
    expect(record.layer).toBe('top');
  });

  it("says why rendering failed (the worker's message) and does not run the model", async () => {
    await seed();
    const { deps, analysis } = setup(fakeFace({ failAt: 1 }));
    const run = runCaricatureEffect(deps, 'a1', [1, 2], {
      signal: new AbortController().signal,
      onStep: () => undefined,
      onProgress: () => undefined,
    });
    await expect(run).rejects.toMatchObject({ code: 'CARICATURE_RENDER_FAILED' });
    await expect(run).rejects.toThrow(
      "Rendering 'faces caricature ×2' did not finish: identity 1 could not be rendered.",
    );
    expect(analysis.inputs).toEqual([]);
  });

  it('a cancel pauses the rendering; the next run resumes that dataset where it stopped', async () => {
    await seed();
    const first = setup(fakeFace({ stopAt: 1 }));
    const controller = new AbortController();
    const run = runCaricatureEffect(first.deps, 'a1', [1, 2], {
      signal: controller.signal,
      onStep: () => undefined,
      onProgress: (p) => {
        if (p.done === 1) controller.abort(new JobCancelledError());
      },
    });
    await expect(run).rejects.toBeInstanceOf(JobCancelledError);
    expect(await getRecord(db, 'datasets', 'd1-caricature-x2')).toMatchObject({ status: 'paused' });
    expect(await db.count('images')).toBe(1);
    const second = setup();
    await runCaricatureEffect(second.deps, 'a1', [1, 2], {
      signal: new AbortController().signal,
      onStep: () => undefined,
      onProgress: () => undefined,
    });
    expect(await getRecord(db, 'datasets', 'd1-caricature-x2')).toMatchObject({ status: 'complete' });
    expect(await db.count('images')).toBe(3);
    expect(first.analysis.inputs).toEqual([]);
    expect(second.analysis.inputs).toHaveLength(1);
  });

  it('refuses bad levels and a level dataset made from other settings before rendering anything', async () => {
    await seed();
    const { deps, face } = setup();
    const options = { signal: new AbortController().signal, onStep: () => undefined, onProgress: () => undefined };
    await expect(runCaricatureEffect(deps, 'a1', [2], options)).rejects.toMatchObject({ code: 'CARICATURE_LEVELS' });
    const other = { ...caricatureSpec(SPEC, 2), seed: 5 };
    await putDataset(db, {
      id: 'd1-caricature-x2',
      name: 'x',
      createdAt: 2,
      spec: other,
      status: 'complete',
    });
    await expect(runCaricatureEffect(deps, 'a1', [0.5, 1, 2], options)).rejects.toMatchObject({
      code: 'CARICATURE_SETTINGS',
    });
    expect(face.calls).toEqual([]);
  });
});
