import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeTinyDataset, tinySpec } from '../../../test/support/tinyDataset';
import type { Matrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import {
  getOwnedRecords,
  getRecord,
  openWorkbenchDb,
  putRecord,
  putRecords,
  type WorkbenchDb,
} from '../../lib/storage';
import type { AnalysisRecord } from '../analyze/records';
import { identitySplits } from '../dataset/exportCsv';
import { type DatasetRecord, type ImageRecord, imageKey, isImageRecord } from '../dataset/records';
import { decodeToRgb } from '../train/data/decodeImages';
import { buildModel } from '../train/architectures';
import { saveModelArtifacts } from '../train/modelArtifacts';
import { DEFAULT_TRAIN_CONFIG } from '../train/runConfig';
import type { RunRecord } from '../train/runRecords';
import { identifyByCentroids, wilsonInterval } from './caricature';
import { caricatureKey, runCaricature, storedCaricature } from './caricatureRun';
import { caricatureDatasetId, caricatureSpec } from './caricatureSpec';

// Node has no createImageBitmap: each stored "image" (a distinct byte string) decodes to pixels seeded by its bytes.
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

/** A typed put: putRecord takes any item record, so an object literal would miss DatasetRecord's checks. */
const putDataset = (database: WorkbenchDb, record: DatasetRecord) => putRecord(database, 'datasets', record);
const SIDE = 16;
let dbCount = 0;
const models: tf.LayersModel[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  for (const m of models.splice(0)) m.dispose();
});

/** Level `scale` of `dataset` stored as generation would, each image its own bytes. */
async function storeLevel(db: WorkbenchDb, dataset: DatasetRecord, scale: number, images: readonly ImageRecord[]) {
  const id = caricatureDatasetId(dataset.id, scale);
  const spec = caricatureSpec(dataset.spec, scale);
  await putDataset(db, {
    id,
    name: spec.name,
    createdAt: 9,
    spec,
    status: 'complete',
  });
  await putRecords(
    db,
    'images',
    images.map((r) => ({
      ...r,
      key: imageKey(id, r.identity, r.variation),
      owner: id,
      centre: new Blob([`caricature ${scale} ${r.identity} ${r.variation}`]),
    })),
  );
}

/** 4 identities × 6 views (testing: 2 identities), an untrained ResNet6 and an analysis of it. */
async function seeded() {
  const db = await openWorkbenchDb({ name: `caricature${dbCount++}`, factory: new IDBFactory() });
  const spec = { ...tinySpec('tiny', false), identities: 4, variationsPerIdentity: 6, resolution: SIDE };
  const stored = await storeTinyDataset(db, 'd1', spec);
  const dataset = { ...stored, split: { counts: { training: 1, validation: 1, testing: 2 }, seed: 7 } };
  await putRecord(db, 'datasets', dataset);
  const model = buildModel({
    architecture: 'ResNet6',
    inputShape: [SIDE, SIDE, 3],
    targets: [{ name: 'id', units: 4, activation: 'softmax' }],
    seed: 3,
  });
  models.push(model);
  await saveModelArtifacts(db, 'r1', model);
  const config = { ...DEFAULT_TRAIN_CONFIG, name: 'net', datasetId: 'd1', architecture: 'ResNet6' as const };
  const run = {
    id: 'r1',
    name: 'net',
    createdAt: 1,
    config,
    status: 'complete',
    targets: [],
    query: null,
    images: { training: 6, validation: 6 },
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
    query: null,
    stage: 'done',
    layers: [],
  };
  await putRecord(db, 'results', analysis as unknown as AnalysisRecord);
  const splits = identitySplits(dataset);
  const all = (await getOwnedRecords(db, 'images', 'd1')).filter(isImageRecord);
  const testing = all
    .filter((r) => splits.get(r.identity) === 'testing')
    .sort((a, b) => a.identity - b.identity || a.variation - b.variation);
  return { db, model, dataset, all, testing };
}

/** The global pool of `model` on `blobs` in one pass: the reference, with no batching or storage. */
async function pool(model: tf.LayersModel, blobs: readonly Blob[]): Promise<Matrix> {
  const x = tf.tensor4d(await decodeToRgb(blobs, SIDE), [blobs.length, SIDE, SIDE, 3]);
  const out = tf
    .model({ inputs: model.inputs, outputs: model.getLayer('layer06_globalpool').output })
    .predict(x) as tf.Tensor;
  const data = Float64Array.from(await out.data());
  tf.dispose([x, out]);
  return { rows: blobs.length, cols: data.length / blobs.length, data };
}

describe('runCaricature', () => {
  it('scores each level on its own images of the testing identities and variations, against veridical centroids, and stores it', async () => {
    const { db, model, dataset, all, testing } = await seeded();
    await storeLevel(db, dataset, 2, all);
    await storeLevel(db, dataset, 0.5, all);
    const stages = new Set<string>();
    const record = await runCaricature(db, 'a1', [2, 1, 0.5], new AbortController().signal, (stage) =>
      stages.add(stage),
    );
    expect(record.layer).toBe('layer06_globalpool');
    expect([record.identities, record.images, record.chance, record.droppedIdentities]).toEqual([2, 12, 0.5, []]);
    expect(record.levels.map((l) => [l.scale, l.kind, l.datasetId])).toEqual([
      [0.5, 'anti-caricature', 'd1-caricature-x0.5'],
      [1, 'veridical', 'd1'],
      [2, 'caricature', 'd1-caricature-x2'],
    ]);
    expect([...stages]).toEqual([
      'top layer: veridical images',
      'top layer: caricatures ×0.5',
      'top layer: caricatures ×2',
    ]);
    const ids = testing.map((r) => r.identity);
    const veridical = await pool(
      model,
      testing.map((r) => r.centre),
    );
    for (const level of record.levels) {
      const probes =
        level.scale === 1
          ? veridical
          : await pool(
              model,
              testing.map((r) => new Blob([`caricature ${level.scale} ${r.identity} ${r.variation}`])),
            );
      const correct = identifyByCentroids(veridical, ids, probes).reduce((a, b) => a + b, 0);
      expect([level.probes, level.correct], `×${level.scale}`).toEqual([12, correct]);
      expect(level.accuracy).toBe(correct / 12);
      expect([level.ciLow, level.ciHigh]).toEqual(Object.values(wilsonInterval(correct, 12)));
    }
    expect(await storedCaricature(db, 'a1')).toEqual(record);
    expect((await getRecord(db, 'activations', caricatureKey('a1')))?.owner).toBe('a1');
  });

  it('says when a level is not rendered, was made from other settings, or misses an image', async () => {
    const { db, dataset, all } = await seeded();
    const run = () => runCaricature(db, 'a1', [1, 2], new AbortController().signal, () => undefined);
    await expect(run()).rejects.toMatchObject({ code: 'CARICATURE_NOT_RENDERED' });
    await storeLevel(db, dataset, 2, all.slice(1));
    await expect(run()).rejects.toMatchObject({ code: 'CARICATURE_IMAGE_MISSING' });
    const id = caricatureDatasetId(dataset.id, 2);
    const spec = { ...caricatureSpec(dataset.spec, 2), seed: 99 };
    await putDataset(db, { id, name: 'x', createdAt: 9, spec, status: 'complete' });
    await expect(run()).rejects.toMatchObject({ code: 'CARICATURE_SETTINGS' });
    await putDataset(db, {
      id,
      name: 'x',
      createdAt: 9,
      spec: caricatureSpec(dataset.spec, 2),
      status: 'paused',
    });
    await expect(run()).rejects.toThrow(/not fully rendered yet/);
    await expect(runCaricature(db, 'a1', [1], new AbortController().signal, () => undefined)).rejects.toMatchObject({
      code: 'CARICATURE_LEVELS',
    });
  });
});
