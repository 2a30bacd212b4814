import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../lib/jobs/progress';
import { openWorkbenchDb, putRecord, type WorkbenchDb } from '../../lib/storage';
import { DEFAULT_GENERATOR_SPEC, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { DEFAULT_TRAIN_CONFIG } from '../../pipeline/train/runConfig';
import type { RunRecord } from '../../pipeline/train/runRecords';
import type { SpeedMeasurement } from '../speedMemory';
import { recordAnalysisSpeed } from './workMeasurements';

let db: WorkbenchDb;
beforeEach(async () => {
  db = await openWorkbenchDb({ name: 'speeds', factory: new IDBFactory() });
  const spec = { ...(structuredClone(DEFAULT_GENERATOR_SPEC) as GeneratorSpec), resolution: 64 };
  const dataset: DatasetRecord = { id: 'd', name: 'd', createdAt: 1, spec, status: 'complete' };
  const run = {
    id: 'r',
    name: 'r',
    config: { ...DEFAULT_TRAIN_CONFIG, architecture: 'VGG16' },
    history: [],
    status: 'complete',
  };
  const analysis = {
    id: 'a',
    name: 'a',
    createdAt: 1,
    runId: 'r',
    datasetId: 'd',
    layers: [],
    stage: 'done',
    status: 'complete',
    samples: { training: 40, validation: 20, testing: 20 },
  };
  await putRecord(db, 'datasets', dataset);
  await putRecord(db, 'runs', run as unknown as RunRecord);
  await putRecord(db, 'results', analysis as unknown as AnalysisRecord);
});
afterEach(() => {
  db.close();
});

const report = (message: string, done: number): JobProgress => ({
  done,
  total: 7,
  rate: 0,
  etaSeconds: null,
  elapsedSeconds: 0,
  message,
});

describe('recordAnalysisSpeed', () => {
  it('remembers an analysis run from its first batch to the end: its images over its seconds', async () => {
    const recorded: [string, SpeedMeasurement][] = [];
    await recordAnalysisSpeed(
      () => Promise.resolve(db),
      'a',
      'wasm',
      { first: report('compress', 1), seconds: 40, completed: true },
      (k, m) => recorded.push([k, m]),
    );
    // 40 + 20 + 20 images in 40 s.
    expect(recorded).toEqual([
      ['analyse:VGG16:64px:wasm', expect.objectContaining({ imagesPerSecond: 2, images: 80 })],
    ]);
  });

  it('remembers nothing for a resumed, unfinished or imported analysis, nor when storage fails', async () => {
    const recorded: unknown[] = [];
    const record = (k: string) => recorded.push(k);
    const workbench = () => Promise.resolve(db);
    const cases: [() => Promise<WorkbenchDb>, string, string, string, number, boolean][] = [
      [workbench, 'a', 'wasm', 'compress', 3, true], // resumed mid-compression
      [workbench, 'a', 'wasm', 'decode', 0, true], // resumed at decoding
      [workbench, 'a', 'wasm', 'compress', 0, false], // paused or failed
      [workbench, 'a', 'imported', 'compress', 0, true], // no backend
      [workbench, 'gone', 'wasm', 'compress', 0, true], // deleted
      [() => Promise.reject(new Error('blocked')), 'a', 'wasm', 'compress', 0, true], // storage fails
    ];
    for (const [dbOf, id, backend, stage, done, completed] of cases)
      await recordAnalysisSpeed(dbOf, id, backend, { first: report(stage, done), seconds: 40, completed }, record);
    expect(recorded).toEqual([]);
  });
});
