import { createHash } from 'node:crypto';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchFeaturesH5, storeTinyDataset, tinySpec } from '../../../test/support/tinyDataset';
import type { FeaturesH5Bytes } from '../dataset/featuresH5';

import {
  getOwnedRecords,
  getRecord,
  getTypedArray,
  listStoredItems,
  openWorkbenchDb,
  putRecord,
  putRecords,
  putTypedArray,
  type WorkbenchDb,
} from '../../lib/storage';
import type { AnalysisRecord } from '../analyze/records';
import { DEFAULT_TRAIN_CONFIG } from '../train/runConfig';
import type { RunRecord } from '../train/runRecords';
import { exportExperiment } from './exportExperiment';
import { openExperiment } from './importExperiment';
import { ExperimentFileError, parseExperimentManifest } from './manifest';
import { decodeRecord, encodeRecord } from './recordCodec';

const spec = tinySpec('tiny exp', false);
let h5: FeaturesH5Bytes;
let dbCount = 0;

beforeAll(async () => {
  h5 = await scratchFeaturesH5('gmf-exp-');
});

const freshDb = () => openWorkbenchDb({ name: `exp${dbCount++}`, factory: new IDBFactory() });
const W = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i));
const perf = [
  { corr: 0.5, factor: 'yr', feature_nr: 0, layername: 'layer01_conv', layer: 1, operation: 'conv', op_nr: 0 },
].map((r) => ({ ...r, p_value: NaN, ci_low: -Infinity, ci_high: -0 }));

/** A dataset with images, a finished run with its model and checkpoint, and a complete analysis with arrays. */
async function seeded(): Promise<WorkbenchDb> {
  const db = await freshDb();
  await storeTinyDataset(db, 'd1', spec);
  const run: RunRecord = {
    id: 'r1',
    name: 'net',
    createdAt: 10,
    config: { ...DEFAULT_TRAIN_CONFIG, name: 'net', datasetId: 'd1', epochs: 1 },
    status: 'complete',
    targets: [],
    query: null,
    images: { training: 2, validation: 2 },
    history: [{ epoch: 0, loss: 1.5, val_loss: 1.25 }],
    summary: [],
    backend: 'wasm',
    provenance: { appVersion: '0.1.0', datasetName: spec.name, faceModel: { id: 'ict-facekit', version: 1 } },
  };
  await putRecord(db, 'runs', run);
  await putRecords(db, 'models', [
    { key: 'r1/model', owner: 'r1', modelTopology: { layers: [] }, weightSpecs: [], weightData: W.buffer.slice(0) },
    { key: 'r1/checkpoint', owner: 'r1', weights: [{ name: 'k', shape: [4, 6], data: W }], history: run.history },
  ] as never[]);
  const analysis = {
    id: 'a1',
    name: 'net analysis',
    createdAt: 20,
    runId: 'r1',
    runName: 'net',
    datasetId: 'd1',
    query: null,
    options: { nComponents: 4, nBatches: 1, batchSize: 2, maxFeatures: 512, permutations: 0, bootstraps: 0, seed: 1 },
    status: 'complete',
    stage: 'done',
    layers: [],
    samples: { training: 2, validation: 2, testing: 2 },
    decomposed: ['training', 'validation', 'testing'],
    decodedLayers: ['layer01_conv'],
    perf,
    skipped: [],
  } as unknown as AnalysisRecord;
  await putRecord(db, 'results', analysis);
  await putTypedArray(db, { key: 'a1/pca/layer01_conv/W', owner: 'a1', array: W, shape: [6, 4], chunkBytes: 40 });
  await putRecords(db, 'activations', [
    { key: 'a1/factors/training', owner: 'a1', split: 'training', numbers: { yr: Float64Array.of(-30, 30) } },
  ] as never[]);
  return db;
}

async function exportBytes(db: WorkbenchDb, images = true): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await exportExperiment(
    db,
    'r1',
    h5,
    { write: (c) => chunks.push(c) },
    {
      images,
      signal: new AbortController().signal,
      progress: () => undefined,
    },
  );
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

const open = (db: WorkbenchDb, bytes: Uint8Array, stamp = 'x') =>
  openExperiment(db, new Blob([bytes as BlobPart]), {
    h5,
    signal: new AbortController().signal,
    progress: () => undefined,
    stamp,
  });

/** Rewrites the zip: `change` edits its entries (name -> bytes) before they are zipped again. */
function rezip(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files);
}

function editManifest(bytes: Uint8Array, edit: (m: Record<string, unknown>) => void): Uint8Array {
  return rezip(bytes, (files) => {
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
    edit(manifest);
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
  });
}

async function expectRefusedAndEmpty(db: WorkbenchDb, bytes: Uint8Array, message: RegExp): Promise<void> {
  const opened = open(db, bytes);
  await expect(opened).rejects.toBeInstanceOf(ExperimentFileError);
  await expect(opened).rejects.toThrow(message);
  expect(await listStoredItems(db)).toEqual([]);
  for (const store of ['images', 'models', 'activations', 'arrays'] as const)
    expect(await db.count(store), store).toBe(0);
  expect(await db.count('arrayChunks')).toBe(0);
}

describe('record codec', () => {
  it('gives back typed arrays, buffers, blobs and the numbers JSON cannot hold', async () => {
    const value = {
      a: Float64Array.of(1.5, NaN),
      b: [new Uint8Array([1, 2]).buffer, -0, Infinity],
      c: new Blob(['hi'], { type: 't/x' }),
    };
    const { json, bin } = await encodeRecord(value);
    const back = decodeRecord(json, bin) as typeof value;
    expect(back.a).toEqual(value.a);
    expect(back.b[0]).toEqual(value.b[0]);
    expect(Object.is(back.b[1], -0)).toBe(true);
    expect(back.b[2]).toBe(Infinity);
    expect(await back.c.text()).toBe('hi');
    expect(back.c.type).toBe('t/x');
    expect(() => decodeRecord(json, bin.subarray(0, 3))).toThrow(/outside its 3-byte file/);
  });
});

describe('experiment file', () => {
  it('opens in an empty profile as the same dataset, run and analysis, under fresh ids', async () => {
    const bytes = await exportBytes(await seeded());
    const names = Object.keys(unzipSync(bytes));
    expect(names[0]).toBe('dataset/tiny_exp/gmf-dataset.json');
    expect(names.at(-1)).toBe('manifest.json');
    expect(names).toEqual(expect.arrayContaining(['run.json', 'run.bin', 'analyses/0.json', 'analyses/0.bin']));
    const manifest = parseExperimentManifest(new TextDecoder().decode(unzipSync(bytes)['manifest.json']));
    expect(manifest).toMatchObject({ format: 'gmf-workbench-experiment', version: 1, images: true });
    expect(manifest.entries).toHaveLength(names.length - 1);

    const db = await freshDb();
    const opened = await open(db, bytes, 's1');
    expect(opened.dataset).toMatchObject({
      id: 'dataset-s1',
      name: 'tiny exp',
      status: 'complete',
      queries: { young: 'age < 40' },
    });
    expect(await getOwnedRecords(db, 'images', 'dataset-s1')).toHaveLength(6);
    const run = (await getRecord(db, 'runs', 'run-s1')) as RunRecord;
    expect(run).toMatchObject({ name: 'net', config: { datasetId: 'dataset-s1' }, history: [{ epoch: 0, loss: 1.5 }] });
    expect(run.provenance?.appVersion).toBe('0.1.0');
    const model = (await getRecord(db, 'models', 'run-s1/model')) as unknown as {
      weightData: ArrayBuffer;
      owner: string;
    };
    expect(new Float32Array(model.weightData)).toEqual(W);
    expect(model.owner).toBe('run-s1');
    const analysis = (await getRecord(db, 'results', 'analysis-s1-0')) as AnalysisRecord;
    expect(analysis).toMatchObject({ runId: 'run-s1', datasetId: 'dataset-s1', runName: 'net' });
    expect(analysis.perf).toEqual(perf);
    expect(Object.is(analysis.perf[0]?.ci_high, -0)).toBe(true);
    expect(await getTypedArray(db, 'analysis-s1-0/pca/layer01_conv/W')).toEqual(W);
    const factors = (await getRecord(db, 'activations', 'analysis-s1-0/factors/training')) as unknown as {
      numbers: { yr: Float64Array };
    };
    expect(factors.numbers.yr).toEqual(Float64Array.of(-30, 30));

    // Opened again in the same profile: new ids, names marked, nothing overwritten.
    const again = await open(db, bytes, 's2');
    expect(((await getRecord(db, 'runs', 'run-s2')) as RunRecord).name).toBe('net (2)');
    expect(again.renamed).toEqual([
      { from: again.dataset.name.replace(/ \(2\)$/, ''), to: again.dataset.name },
      { from: 'net', to: 'net (2)' },
    ]);
    expect(await listStoredItems(db)).toHaveLength(6);
  });

  it('without images: the dataset keeps its settings, split and queries and waits to be generated again', async () => {
    const bytes = await exportBytes(await seeded(), false);
    expect(Object.keys(unzipSync(bytes)).filter((n) => n.startsWith('dataset/'))).toEqual([
      'dataset/tiny_exp/gmf-dataset.json',
    ]);
    const db = await freshDb();
    const opened = await open(db, bytes);
    expect(opened.images).toBe(false);
    expect(opened.dataset).toMatchObject({ status: 'paused', split: { seed: 7 }, spec: { identities: 3 } });
    expect(await getOwnedRecords(db, 'images', opened.dataset.id)).toEqual([]);
    expect((await getRecord(db, 'results', 'analysis-x-0')) as AnalysisRecord).toMatchObject({ perf });
  });

  it('refuses a damaged, incomplete or foreign file with a clear message and writes nothing', async () => {
    const bytes = await exportBytes(await seeded());
    const db = await freshDb();
    await expectRefusedAndEmpty(
      db,
      rezip(bytes, (files) => {
        const bin = files['analyses/0.bin'];
        if (bin) bin[0] = (bin[0] ?? 0) ^ 1;
      }),
      /'analyses\/0.bin' does not match its checksum/,
    );
    await expectRefusedAndEmpty(
      db,
      rezip(bytes, (files) => {
        delete files['run.bin'];
      }),
      /'run.bin' is listed in manifest.json but missing/,
    );
    await expectRefusedAndEmpty(
      db,
      rezip(bytes, (files) => {
        files['notes.txt'] = strToU8('hello');
      }),
      /'notes.txt' is not listed in manifest.json/,
    );
    await expectRefusedAndEmpty(
      db,
      editManifest(bytes, (m) => (m.version = 2)),
      /format version 2; this app .* cannot read it/,
    );
    await expectRefusedAndEmpty(
      db,
      editManifest(bytes, (m) => {
        const entries = m.entries as { bytes: number }[];
        if (entries[0]) entries[0].bytes = 2 ** 40;
      }),
      /declared as 1099511627776 bytes, more than the .* allowed/,
    );
    await expectRefusedAndEmpty(
      db,
      editManifest(bytes, (m) => {
        const entries = m.entries as { bytes: number }[];
        if (entries[1]) entries[1].bytes += 1;
      }),
      /has \d+ bytes; manifest.json says \d+/,
    );
    await expectRefusedAndEmpty(
      db,
      rezip(bytes, (files) => {
        delete files['manifest.json'];
      }),
      /manifest.json is missing/,
    );
    const truncated = bytes.slice(0, Math.floor(bytes.length / 2));
    await expectRefusedAndEmpty(db, truncated, /not an experiment exported by GMF Workbench/);
    const corrupt = bytes.slice();
    for (let i = 200; i < 260; i++) corrupt[i] = 0xff;
    await expectRefusedAndEmpty(db, corrupt, /not an experiment exported by GMF Workbench/);
    await expectRefusedAndEmpty(db, strToU8('not a zip at all'), /not an experiment exported by GMF Workbench/);
  });

  it('refuses a dataset whose settings the forms would refuse (issue 14): split -5 / 11 / 2, an unreadable query', async () => {
    const bytes = await exportBytes(await seeded(), false);
    const db = await freshDb();
    const tampered = (edit: (m: Record<string, unknown>) => void) =>
      rezip(bytes, (files) => {
        const path = 'dataset/tiny_exp/gmf-dataset.json';
        const dataset = JSON.parse(new TextDecoder().decode(files[path])) as Record<string, unknown>;
        edit(dataset);
        const data = strToU8(JSON.stringify(dataset));
        files[path] = data;
        // Checksums made to match: only the dataset's own checks can refuse it.
        const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
          entries: { path: string; bytes: number; sha256: string }[];
        };
        const entry = manifest.entries.find((e) => e.path === path);
        if (entry)
          Object.assign(entry, { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
        files['manifest.json'] = strToU8(JSON.stringify(manifest));
      });
    await expectRefusedAndEmpty(
      db,
      tampered((m) => (m.split = { counts: { training: -5, validation: 11, testing: 2 }, seed: 7 })),
      /its dataset is refused \(.*its saved split is invalid \(A split needs at least 1 training identity/,
    );
    await expectRefusedAndEmpty(
      db,
      tampered((m) => (m.queries = { young: 'age <<< 40' })),
      /its dataset is refused \(.*its saved query 'young' cannot be read/,
    );
  });

  it('refuses to export a run that is still training', async () => {
    const db = await seeded();
    const run = (await getRecord(db, 'runs', 'r1')) as RunRecord;
    const paused: RunRecord = { ...run, status: 'paused' };
    await putRecord(db, 'runs', paused);
    await expect(exportBytes(db)).rejects.toThrow(
      /'net' is paused; export it when training has finished or been stopped/,
    );
  });
});
