// A training run's end records its speed (workMeasurements.ts): headless, fake-indexeddb and a
// fake train worker that reports a step at a time.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sleep } from '../../../test/support/until';
import { plainBackendReport } from '../../../test/support/backendReport';
import { messageChannelClient } from '../../../test/support/messageChannelWorker';
import { getRecord, openWorkbenchDb, putRecord, type WorkbenchDb } from '../../lib/storage';
import type { TfjsBackendName } from '../../lib/tfjs/backendKinds';
import { DEFAULT_GENERATOR_SPEC, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import type { TrainJobs } from '../../pipeline/train/jobs';
import { DEFAULT_TRAIN_CONFIG } from '../../pipeline/train/runConfig';
import type { RunRecord } from '../../pipeline/train/runRecords';
import type { SpeedMeasurement } from '../speedMemory';
import { useJobsStore } from './jobsStore';
import { createTrainingJobs } from './training';

let db: WorkbenchDb;
const spec: GeneratorSpec = { ...(structuredClone(DEFAULT_GENERATOR_SPEC) as GeneratorSpec), name: 'd' };
beforeEach(async () => {
  db = await openWorkbenchDb({ name: 'training-speed', factory: new IDBFactory() });
  const dataset: DatasetRecord = { id: 'd', name: 'd', createdAt: 1, spec, status: 'complete' };
  await putRecord(db, 'datasets', dataset);
  useJobsStore.setState(useJobsStore.getInitialState());
});
afterEach(() => {
  db.close();
});

/** Trains `steps` steps, reporting each, and ends complete. */
function fakeTrainer(steps: number) {
  const unused = () => Promise.reject(new Error('unused'));
  return messageChannelClient<TrainJobs>({
    train: async ({ runId, backend }, ctx) => {
      for (let s = 1; s <= steps; s++) {
        await sleep(5);
        ctx.progress(s, steps);
      }
      const run = { ...((await getRecord(db, 'runs', runId)) as RunRecord), backend, status: 'complete' as const };
      await putRecord(db, 'runs', run);
      return {
        run,
        backend: plainBackendReport(backend),
      };
    },
    finalizeRun: () => Promise.resolve({ ok: true as const }),
    describeRun: unused,
    exportModel: unused,
    measureTrainingSpeed: unused,
    importModel: unused,
  });
}

it('remembers a stored-data run as images/s at its architecture, resolution, batch and backend', async () => {
  const client = fakeTrainer(6);
  const recorded: [string, SpeedMeasurement][] = [];
  const jobs = createTrainingJobs({
    db: () => Promise.resolve(db),
    train: client,
    backendFor: () => Promise.resolve<TfjsBackendName>('wasm'),
    recordSpeed: (key, m) => recorded.push([key, m]),
  });
  const config = { ...DEFAULT_TRAIN_CONFIG, name: 'run', datasetId: 'd', epochs: 1, batchSize: 8 };
  await jobs.start(config, 'auto');
  // Progress counts steps of 8 images (the record knows no image count yet): 5 after the first report.
  expect(recorded).toEqual([
    [`train:ResNet6:${spec.resolution}px:batch8:wasm`, expect.objectContaining({ images: 40, source: 'training' })],
  ]);
  // Streamed runs render as they train: not a measurement of training.
  await jobs.start({ ...config, data: 'streamed' }, 'auto');
  expect(recorded).toHaveLength(1);
  client.terminate();
});
