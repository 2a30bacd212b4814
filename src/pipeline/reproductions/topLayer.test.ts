import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeTinyDataset, tinySpec } from '../../../test/support/tinyDataset';
import { JobCancelledError } from '../../lib/errors';
import { createRng } from '../../lib/random';
import { getOwnedRecords, openWorkbenchDb, putRecord, type WorkbenchDb } from '../../lib/storage';
import type { AnalysisRecord } from '../analyze/records';
import { identitySplits } from '../dataset/exportCsv';
import { type ImageRecord, isImageRecord } from '../dataset/records';
import { buildModel } from '../train/architectures';
import { loadRunModel, saveModelArtifacts } from '../train/modelArtifacts';
import { DEFAULT_TRAIN_CONFIG } from '../train/runConfig';
import type { RunRecord } from '../train/runRecords';
import { TOP_LAYER_BATCH, topLayerActivations, topLayerOf } from './topLayer';

// Node has no createImageBitmap: each stored "image" (a distinct byte string) decodes to pixels
// seeded by its bytes, so every eye of every image has its own input.
vi.mock('../train/data/decodeImages', () => ({
  decodeToRgb: async (blobs: readonly Blob[], size: number) => {
    const texts = await Promise.all(blobs.map((b) => b.text()));
    const out = new Float32Array(blobs.length * size * size * 3);
    texts.forEach((text, n) => {
      const rng = createRng(text, 'fake-pixels');
      for (let i = 0; i < size * size * 3; i++) out[n * size * size * 3 + i] = rng.next();
    });
    return out;
  },
}));

const SIDE = 16;
const ID_HEAD = { name: 'id', units: 4, activation: 'softmax' } as const;
let dbCount = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const models: tf.LayersModel[] = [];
afterEach(() => {
  for (const m of models.splice(0)) m.dispose();
});

/** 4 identities × 35 views (testing: 2 identities, 70 images, two batches), a saved model and an analysis of it. */
async function seeded(stereo: boolean, query: string | null = null) {
  const db = await openWorkbenchDb({ name: `top${dbCount++}`, factory: new IDBFactory() });
  const spec = { ...tinySpec('tiny top', stereo), identities: 4, variationsPerIdentity: 35, resolution: SIDE };
  const stored = await storeTinyDataset(db, 'd1', spec);
  const dataset = { ...stored, split: { counts: { training: 1, validation: 1, testing: 2 }, seed: 7 } };
  await putRecord(db, 'datasets', dataset);
  const architecture = stereo ? 'StereoResNet6' : 'ResNet6';
  const model = buildModel({ architecture, inputShape: [SIDE, SIDE, 3], targets: [ID_HEAD], seed: 3 });
  models.push(model);
  await saveModelArtifacts(db, 'r1', model);
  const run = {
    id: 'r1',
    name: 'net',
    createdAt: 1,
    config: { ...DEFAULT_TRAIN_CONFIG, name: 'net', datasetId: 'd1', architecture },
    status: 'complete',
    targets: [],
    query: null,
    images: { training: 35, validation: 35 },
    history: [],
    summary: [],
    backend: 'cpu',
  } satisfies RunRecord;
  await putRecord(db, 'runs', run);
  const analysis = {
    id: 'a1',
    name: 'net analysis',
    createdAt: 2,
    runId: 'r1',
    runName: 'net',
    datasetId: 'd1',
    query: query === null ? null : { name: 'q', text: query },
    stage: 'done',
    layers: [],
  } as unknown as AnalysisRecord;
  await putRecord(db, 'results', analysis);
  const splits = identitySplits(dataset);
  const testing = (await getOwnedRecords(db, 'images', 'd1'))
    .filter(isImageRecord)
    .filter((r) => splits.get(r.identity) === 'testing')
    .sort((a, b) => a.identity - b.identity || a.variation - b.variation);
  return { db, model, testing };
}

/** The global pool of `model` on `images` in one pass (the reference: no batching, no storage). */
async function expectedUnits(model: tf.LayersModel, images: readonly ImageRecord[], stereo: boolean) {
  const { decodeToRgb } = await import('../train/data/decodeImages');
  const eyes = stereo
    ? [images.map((r) => r.left ?? r.centre), images.map((r) => r.right ?? r.centre)]
    : [images.map((r) => r.centre)];
  const xs = await Promise.all(
    eyes.map(async (b) => tf.tensor4d(await decodeToRgb(b, SIDE), [b.length, SIDE, SIDE, 3])),
  );
  const pool = tf.model({
    inputs: model.inputs,
    outputs: model.getLayer('layer06_globalpool').output,
  });
  const out = pool.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor;
  const data = await out.data();
  tf.dispose([...xs, out]);
  return data;
}

/**
 * Tensors left by loading the run's model and disposing it, nothing else: 0 for a mono model; for
 * the stereo one tfjs keeps the weights of the stem both eyes share (2 tensors) — not ours to leak.
 */
async function loadLeak(db: WorkbenchDb): Promise<number> {
  const before = tf.memory().numTensors;
  (await loadRunModel(db, 'r1')).dispose();
  return tf.memory().numTensors - before;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] ?? 0) - (b[i] ?? NaN)));
  return d;
}

describe('topLayerActivations', () => {
  for (const stereo of [false, true]) {
    it(`gives the ${stereo ? 'stereo' : 'mono'} model's global pool for every testing image, in order, in batches, leaking no tensor`, async () => {
      const { db, model, testing } = await seeded(stereo);
      expect(testing.length).toBe(70);
      const expected = await expectedUnits(model, testing, stereo);
      const calls: [number, number][] = [];
      const leak = await loadLeak(db);
      const before = tf.memory().numTensors;
      const result = await topLayerActivations(db, 'a1', new AbortController().signal, (done, total) => {
        calls.push([done, total]);
      });
      expect(tf.memory().numTensors - before).toBe(leak);
      expect(result.layer).toBe('layer06_globalpool');
      expect([result.units.rows, result.units.cols]).toEqual([70, 256]);
      expect(maxAbsDiff(result.units.data, expected)).toBeLessThan(1e-6);
      expect(Array.from(result.ids)).toEqual(testing.map((r) => r.features.identity.id));
      expect(new Set(result.ids).size).toBe(2);
      expect(leak).toBe(stereo ? 2 : 0);
      expect(calls).toEqual([
        [TOP_LAYER_BATCH, 70],
        [70, 70],
      ]);
    });
  }

  it("keeps only the testing images that pass the analysis' query", async () => {
    const { db, model, testing } = await seeded(false, 'yr > 0');
    const kept = testing.filter((r) => r.features.variation.yr > 0);
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.length).toBeLessThan(testing.length);
    const result = await topLayerActivations(db, 'a1', new AbortController().signal, () => undefined);
    expect(result.units.rows).toBe(kept.length);
    expect(maxAbsDiff(result.units.data, await expectedUnits(model, kept, false))).toBeLessThan(1e-6);
  });

  it('refuses an imported analysis and stops on an aborted signal without leaking', async () => {
    const { db } = await seeded(false);
    const controller = new AbortController();
    controller.abort(new JobCancelledError());
    const before = tf.memory().numTensors;
    await expect(topLayerActivations(db, 'a1', controller.signal, () => undefined)).rejects.toThrow(JobCancelledError);
    expect(tf.memory().numTensors).toBe(before);
    const imported = {
      id: 'a2',
      name: 'old',
      runId: 'x',
      runName: 'x',
      datasetId: 'x',
      query: null,
      stage: 'done',
      layers: [],
      origin: { kind: 'original-perf', file: 'perf.tsv' },
    };
    await putRecord(db, 'results', imported as unknown as AnalysisRecord);
    await expect(topLayerActivations(db, 'a2', new AbortController().signal, () => undefined)).rejects.toMatchObject({
      code: 'REPRO_IMPORTED',
    });
  });
});

describe('topLayerOf', () => {
  it('picks the global pool under several heads, linear ones included', () => {
    const model = buildModel({
      architecture: 'ResNet6',
      inputShape: [SIDE, SIDE, 3],
      targets: [ID_HEAD, { name: 'shape', units: 5, activation: 'linear' }],
    });
    models.push(model);
    expect(topLayerOf(model).name).toBe('layer06_globalpool');
  });
});
