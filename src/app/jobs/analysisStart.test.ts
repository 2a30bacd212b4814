// Issue 14: an analysis whose run's dataset was deleted is refused before it starts, with a message
// naming the dataset, and leaves no "failed … Resume" record behind.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageChannelClient } from '../../../test/support/messageChannelWorker';
import { openWorkbenchDb, putRecord, type WorkbenchDb } from '../../lib/storage';
import type { TfjsBackendName } from '../../lib/tfjs/backendKinds';
import { DEFAULT_GENERATOR_SPEC } from '../../model/gmf/generatorSpec';
import type { AnalysisJobs } from '../../pipeline/analysisJobs/jobs';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../pipeline/analyze/options';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { AnalysisRefusedError, createAnalysisJobs } from './analysis';
import { useJobsStore } from './jobsStore';

let db: WorkbenchDb;
beforeEach(async () => {
  db = await openWorkbenchDb({ name: 'analysis-start', factory: new IDBFactory() });
  useJobsStore.setState(useJobsStore.getInitialState());
});
afterEach(() => {
  db.close();
});

const run = {
  id: 'run-1',
  name: 'resnet on faces',
  createdAt: 1,
  status: 'complete',
  query: null,
  config: { datasetId: 'dataset-1' },
  history: [],
  images: { training: 512, validation: 64 },
  provenance: { appVersion: '1', datasetName: 'faces', faceModel: { id: 'ict-facekit', version: 1 } },
} as unknown as RunRecord;

const dataset = {
  id: 'dataset-1',
  name: 'faces',
  createdAt: 1,
  spec: DEFAULT_GENERATOR_SPEC,
  status: 'complete',
  split: { counts: { training: 8, validation: 1, testing: 1 } },
} as unknown as DatasetRecord;

function jobs() {
  const started: string[] = [];
  const client = messageChannelClient<AnalysisJobs>({
    analyze: ({ analysisId }) => {
      started.push(analysisId);
      return Promise.reject(new Error('the worker would fail here'));
    },
    importOriginal: () => Promise.reject(new Error('unused')),
    exportAnalysis: () => Promise.reject(new Error('unused')),
    crossRunCka: () => Promise.reject(new Error('unused')),
    unitAuc: () => Promise.reject(new Error('unused')),
    caricature: () => Promise.reject(new Error('unused')),
  });
  const api = createAnalysisJobs({
    db: () => Promise.resolve(db),
    analysis: client,
    preference: () => 'cpu',
    backendFor: (p) => Promise.resolve(p as TfjsBackendName),
  });
  return { api, started, client };
}

describe('starting an analysis', () => {
  it("is refused when the run's dataset was deleted, naming it, with no record left", async () => {
    await putRecord(db, 'runs', run);
    const { api, started, client } = jobs();
    const refusal = api.start(run, 'dataset-1', DEFAULT_ANALYSIS_OPTIONS);
    await expect(refusal).rejects.toBeInstanceOf(AnalysisRefusedError);
    await expect(refusal).rejects.toThrow(
      "Not started: The dataset 'faces' that 'resnet on faces' was trained on has been deleted, and an analysis reads its images. Import or regenerate it (with the same settings), or analyse another run.",
    );
    expect(useJobsStore.getState().error.analyze).toMatch(/^Not started: The dataset 'faces'/);
    expect(started).toEqual([]);
    expect(await db.getAll('results')).toEqual([]);
    client.terminate();
  });

  it('is refused for PCA batches the training split cannot hold (1e6), with no record left', async () => {
    await putRecord(db, 'runs', run);
    await putRecord(db, 'datasets', dataset);
    const { api, client } = jobs();
    await expect(api.start(run, 'dataset-1', { ...DEFAULT_ANALYSIS_OPTIONS, nBatches: 1e6 })).rejects.toThrow(
      /PCA batches/,
    );
    expect(await db.getAll('results')).toEqual([]);
    client.terminate();
  });

  it('starts when the dataset is there, under a unique name', async () => {
    await putRecord(db, 'runs', run);
    await putRecord(db, 'datasets', dataset);
    const { api, started, client } = jobs();
    await api.start(run, 'dataset-1', DEFAULT_ANALYSIS_OPTIONS);
    await api.start(run, 'dataset-1', DEFAULT_ANALYSIS_OPTIONS);
    expect(started).toHaveLength(2);
    const names = (await api.runner.list()).map((a) => a.name).sort();
    expect(names).toEqual(['resnet on faces analysis', 'resnet on faces analysis (2)']);
    client.terminate();
  });
});

describe('resuming an analysis', () => {
  it("is refused when its dataset was deleted since, and the record keeps its status (no 'failed')", async () => {
    await putRecord(db, 'runs', run);
    await putRecord(db, 'datasets', dataset);
    const { api, client } = jobs();
    await api.start(run, 'dataset-1', DEFAULT_ANALYSIS_OPTIONS); // the fake worker fails: status 'failed'
    const [stored] = await api.runner.list();
    if (!stored) throw new Error('no analysis stored');
    await putRecord(db, 'results', { ...stored, status: 'paused', error: undefined } as typeof stored);
    await db.delete('datasets', 'dataset-1');
    await expect(api.resume(stored.id)).rejects.toThrow(/^Not started: The dataset 'faces' that 'resnet on faces'/);
    expect((await api.runner.list()).map((a) => a.status)).toEqual(['paused']);
    client.terminate();
  });
});
