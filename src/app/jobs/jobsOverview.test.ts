import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../lib/jobs/progress';
import { openWorkbenchDb, putRecords } from '../../lib/storage';
import { DEFAULT_GENERATOR_SPEC } from '../../model/gmf/generatorSpec';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { DEFAULT_TRAIN_CONFIG } from '../../pipeline/train/runConfig';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { jobEntries, loadJobRecords, runningJobCount, type StoredJobRecords } from './jobsOverview';
import type { ActiveJob, JobKind } from './jobsStore';
import { generationProgress } from './progressUnits';

const dataset = (id: string, status: string, extra: object = {}): DatasetRecord =>
  ({
    id,
    name: id,
    createdAt: 10,
    status,
    spec: { ...DEFAULT_GENERATOR_SPEC, identities: 10, variationsPerIdentity: 4, binocular: true },
    ...extra,
  }) as DatasetRecord;

const run = (id: string, status: string, createdAt: number, extra: Partial<RunRecord> & object = {}): RunRecord =>
  ({
    id,
    name: id,
    createdAt,
    status,
    config: { ...DEFAULT_TRAIN_CONFIG, epochs: 10 },
    history: [{ loss: 1 }, { loss: 0.5 }],
    ...extra,
  }) as RunRecord;

const analysis = (id: string, status: string, stage: string, extra: object = {}): AnalysisRecord =>
  ({ id, name: id, createdAt: 5, status, stage, ...extra }) as AnalysisRecord;

const none: Record<JobKind, ActiveJob | null> = { generate: null, train: null, analyze: null };
const empty: StoredJobRecords = { datasets: [], runs: [], analyses: [] };

const progress: JobProgress = { done: 8, total: 40, rate: 2, etaSeconds: 16, elapsedSeconds: 4 };
const activeJob = (id: string, extra: Partial<ActiveJob> = {}): ActiveJob => ({
  id,
  name: id,
  state: 'running',
  progress: null,
  resumed: false,
  stalled: null,
  ...extra,
});

describe('runningJobCount', () => {
  it('counts every kind with an active job, in this tab or another', () => {
    expect(runningJobCount(none)).toBe(0);
    expect(runningJobCount({ ...none, generate: activeJob('d'), analyze: activeJob('a', { elsewhere: true }) })).toBe(
      2,
    );
  });
});

describe('jobEntries', () => {
  it('lists a running generation with its progress in images, rate, time left and where it runs', () => {
    const p = generationProgress(progress, { binocular: true });
    const [entry, ...rest] = jobEntries({ ...none, generate: activeJob('d1', { progress: p }) }, empty);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ kind: 'generate', state: 'running', where: 'this tab' });
    expect(entry?.detail).toBe('8 / 40 parameter records (24 / 120 images) · 6.0 images/s · 16 s left');
    expect(entry?.actions).toEqual({ pause: true, stop: false, resume: false });
  });

  it('offers Stop for training only, and nothing while a job is already pausing', () => {
    const entries = jobEntries(
      { generate: activeJob('d', { state: 'pausing' }), train: activeJob('r', { elsewhere: true }), analyze: null },
      empty,
    );
    expect(entries.map((e) => [e.id, e.where, e.actions.pause, e.actions.stop])).toEqual([
      ['d', 'this tab', false, false],
      ['r', 'another tab', true, true],
    ]);
  });

  it("prefixes an analysis's progress with its stage", () => {
    const [entry] = jobEntries(
      { ...none, analyze: activeJob('a', { progress: { ...progress, message: 'decode' } }) },
      empty,
    );
    expect(entry?.detail).toMatch(/^decode: 8 \/ 40/);
  });

  it('lists stored paused, interrupted, failed and queued jobs, not finished ones nor the running one twice', () => {
    const stored: StoredJobRecords = {
      datasets: [
        dataset('d-done', 'complete'),
        dataset('d-paused', 'paused'),
        dataset('d-cut', 'generating'),
        dataset('d-failed', 'generating', { error: 'GPU lost' }),
        dataset('d-running', 'generating'),
      ],
      runs: [
        run('r-paused', 'paused', 3),
        run('r-failed', 'failed', 4, { error: 'NaN loss' }),
        run('r-stopped', 'stopped', 5),
        run('r-queued', 'paused', 6, { history: [], seedQueue: { after: 'r-paused' } } as object),
        run('r-imported', 'complete', 7, { imported: true }),
      ],
      analyses: [analysis('a-cut', 'running', 'decompose'), analysis('a-done', 'complete', 'done')],
      storedRecords: { 'd-paused': 7 },
    };
    const entries = jobEntries({ ...none, generate: activeJob('d-running') }, stored);
    expect(entries.map((e) => [e.id, e.state])).toEqual([
      ['d-running', 'running'],
      ['d-cut', 'interrupted'],
      ['a-cut', 'interrupted'],
      ['d-failed', 'failed'],
      ['r-failed', 'failed'],
      ['d-paused', 'paused'],
      ['r-paused', 'paused'],
      ['r-queued', 'queued'],
    ]);
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get('d-paused')?.detail).toBe('21 / 120 images stored');
    expect(byId.get('d-cut')?.detail).toBe('120 images');
    expect(byId.get('r-paused')?.detail).toBe('2 / 10 epochs done');
    expect(byId.get('a-cut')?.detail).toBe('next: decomposing');
    expect(byId.get('r-failed')?.note).toBe('NaN loss');
    expect(byId.get('d-failed')?.note).toBe('GPU lost');
    // Resume for every stored job except a queued run, which starts by itself.
    expect(entries.filter((e) => e.actions.resume).map((e) => e.id)).not.toContain('r-queued');
    expect(byId.get('r-paused')).toMatchObject({ where: null, actions: { pause: false, stop: false, resume: true } });
  });
});

describe('loadJobRecords', () => {
  it('counts the parameter records each unfinished dataset has stored', async () => {
    const db = await openWorkbenchDb({ name: 'overview', factory: new IDBFactory() });
    await putRecords(db, 'images', [
      { key: 'd1/0/0', owner: 'd1' },
      { key: 'd1/0/1', owner: 'd1' },
      { key: 'd2/0/0', owner: 'd2' },
    ] as never);
    const datasets = [dataset('d1', 'paused'), dataset('d2', 'complete')];
    const loaded = await loadJobRecords(db, {
      datasets: () => Promise.resolve(datasets),
      runs: () => Promise.resolve([]),
      analyses: () => Promise.resolve([]),
    });
    expect(loaded.storedRecords).toEqual({ d1: 2 });
    db.close();
  });
});
