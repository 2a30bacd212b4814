import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchFeaturesH5, storeTinyDataset, TINY_SDS, tinySpec } from '../../../../test/support/tinyDataset';
import { sampleIdentity } from '../../../model/gmf/sampling';
import type { FeaturesH5Bytes } from '../featuresH5';
import type { DatasetRecord, ImageRecord } from '../records';
import {
  getOwnedRecords,
  getRecord,
  listStoredItems,
  openWorkbenchDb,
  putRecord,
  type WorkbenchDb,
} from '../../../lib/storage';
import { exportDatasetZip } from './exportZip';
import { importDatasetZip } from './importZip';
import { DatasetZipError } from './manifest';
import type { FactorAuditResult } from '../../audit/record/auditRecord';

const spec = tinySpec('tiny zip', true);
let h5: FeaturesH5Bytes;

beforeAll(async () => {
  h5 = await scratchFeaturesH5('gmf-zip-');
});

/** A complete 3 x 2 binocular dataset whose "images" are distinct byte strings. */
/** A factor audit as runFactorAudit returns it (two of its rows). */
const audit: FactorAuditResult = {
  format: 'gmf-factor-audit',
  version: 1,
  modelId: 'ict-facekit',
  resolution: 112,
  renderScale: 4,
  background: false,
  base: 'mean',
  split: { training: 48, validation: 24, testing: 24 },
  components: 24,
  pixelSide: 56,
  seed: 42,
  createdAt: 1700000000000,
  seconds: 81.5,
  rows: [
    {
      factor: 'yr',
      group: 'pose',
      kind: 'continuous',
      metric: 'r2',
      value: 0.97,
      range: { kind: 'uniform', min: -30, max: 30, source: 'default' },
      images: 96,
      effect: 22.1,
    },
    {
      factor: 'emo',
      group: 'expression',
      kind: 'categorical',
      metric: 'auc',
      value: 1,
      accuracy: 0.875,
      range: {
        kind: 'levels',
        levels: ['happy', 'surprise', 'fear', 'disgust', 'anger', 'sad', 'neutral'],
        source: 'default',
      },
      images: 96,
      effect: 2.6,
    },
  ],
};

async function seeded(): Promise<{ db: WorkbenchDb; record: DatasetRecord }> {
  const db = await openWorkbenchDb({ name: 'zip', factory: new IDBFactory() });
  return { db, record: await storeTinyDataset(db, 'd1', spec) };
}

async function exportToBytes(db: WorkbenchDb, record: DatasetRecord): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await exportDatasetZip(
    db,
    record,
    h5,
    { write: (c) => chunks.push(c) },
    new AbortController().signal,
    () => undefined,
  );
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

const streamOf = (bytes: Uint8Array, chunk = 1000) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.slice(at, at + chunk));
      controller.close();
    },
  });

const importBytes = (db: WorkbenchDb, bytes: Uint8Array, datasetId = 'd2', existingNames = new Set<string>()) =>
  importDatasetZip(db, streamOf(bytes), {
    datasetId,
    h5,
    signal: new AbortController().signal,
    progress: () => undefined,
    existingNames,
  });

async function imageSummary(db: WorkbenchDb, owner: string) {
  const images = (await getOwnedRecords(db, 'images', owner)) as ImageRecord[];
  return Promise.all(
    images.map(async (r) => ({
      identity: r.identity,
      variation: r.variation,
      features: r.features,
      left: await r.left?.text(),
      centre: await r.centre.text(),
      right: await r.right?.text(),
    })),
  );
}

describe('dataset zip', () => {
  it('is laid out like the original: manifest first, identity folders, features.h5, the CSV last', async () => {
    const { db, record } = await seeded();
    const files = unzipSync(await exportToBytes(db, record));
    const names = Object.keys(files);
    expect(names[0]).toBe('tiny_zip/gmf-dataset.json');
    expect(names.at(-1)).toBe('tiny_zip/tiny_zip.csv');
    const identity0 = sampleIdentity(spec, 0, TINY_SDS);
    const folder = `tiny_zip/id-0_gender-${identity0.gender}_ethn-${identity0.ethn}_age-${identity0.age}`;
    expect(names.slice(1, 5)).toEqual([
      `${folder}/0_imageleft.jpg`,
      `${folder}/0_image.jpg`,
      `${folder}/0_imageright.jpg`,
      `${folder}/0_features.h5`,
    ]);
    expect(names).toHaveLength(1 + 3 * 2 * 4 + 1);
    expect(new TextDecoder().decode(files[`${folder}/1_imageright.jpg`])).toBe('jpg R 0 1');
    const csv = new TextDecoder().decode(files['tiny_zip/tiny_zip.csv']).trim().split('\n');
    expect(csv).toHaveLength(1 + 6);
    expect(csv[1]).toContain(`${folder.slice('tiny_zip/'.length)}/0_features.h5`);
  });

  it('imports back to the same dataset: settings, split, queries, images and features', async () => {
    const { db, record } = await seeded();
    const imported = await importBytes(db, await exportToBytes(db, record));
    expect(imported).toMatchObject({
      id: 'd2',
      name: record.name,
      spec,
      status: 'complete',
      split: record.split,
      queries: record.queries,
    });
    expect(await getRecord(db, 'datasets', 'd2')).toEqual(imported);
    expect(await imageSummary(db, 'd2')).toEqual(await imageSummary(db, 'd1'));
    const again = await importBytes(
      db,
      await exportToBytes(db, record),
      'd3',
      new Set([record.name, `${record.name} (2)`]),
    );
    expect(again.name).toBe(`${record.name} (3)`);
  });

  it('refuses what is not such a zip, with a clear error, and keeps nothing', async () => {
    const { db, record } = await seeded();
    const good = unzipSync(await exportToBytes(db, record));
    const without = (predicate: (name: string) => boolean) =>
      zipSync(Object.fromEntries(Object.entries(good).filter(([n]) => !predicate(n))));
    const csvName = 'tiny_zip/tiny_zip.csv';
    const tampered = {
      ...good,
      [csvName]: strToU8(
        new TextDecoder()
          .decode(good[csvName])
          .replace(/,neutral,|,happy,|,sad,|,fear,|,anger,|,disgust,|,surprise,/, ',joy,'),
      ),
    };
    const cases: [string, Uint8Array, RegExp][] = [
      [
        'random bytes',
        Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251),
        /not a dataset exported|cannot be read|first entry/,
      ],
      ['no manifest', without((n) => n.endsWith('gmf-dataset.json')), /first entry/],
      ['a missing image', without((n) => n.endsWith('1_imageleft.jpg')), /left or right image/],
      ['no table', without((n) => n.endsWith('.csv')), /table .* is missing/],
      ['a table that disagrees with the files', zipSync(tampered), /emo is 'joy'/],
      [
        'a bad manifest',
        zipSync({
          ...good,
          'tiny_zip/gmf-dataset.json': strToU8(
            '{"format":"gmf-workbench-dataset","version":1,"name":"x","spec":{"identities":3}}',
          ),
        }),
        /spec\.name must be a string/,
      ],
    ];
    for (const [what, bytes, message] of cases) {
      const attempt = importBytes(db, bytes, `bad-${what}`);
      await expect(attempt, what).rejects.toThrow(DatasetZipError);
      await expect(importBytes(db, bytes, `bad2-${what}`), what).rejects.toThrow(message);
    }
    expect((await listStoredItems(db)).map((item) => item.id)).toEqual(['d1']);
    for (const [what] of cases) expect(await getOwnedRecords(db, 'images', `bad-${what}`), what).toEqual([]);
  });

  it('carries the factor audit: JSON and a pandas table next to the manifest, restored on import', async () => {
    const { db, record } = await seeded();
    const withAudit = { ...record, audit };
    await putRecord(db, 'datasets', withAudit);
    const bytes = await exportToBytes(db, withAudit);
    const files = unzipSync(bytes);
    expect(Object.keys(files).slice(0, 3)).toEqual([
      'tiny_zip/gmf-dataset.json',
      'tiny_zip/factor_audit.json',
      'tiny_zip/factor_audit.tsv',
    ]);
    const tsv = new TextDecoder().decode(files['tiny_zip/factor_audit.tsv']).trim().split('\n');
    expect(tsv[0]?.split('\t').slice(0, 5)).toEqual(['factor', 'kind', 'metric', 'value', 'accuracy']);
    expect(tsv[1]?.split('\t').slice(0, 5)).toEqual(['yr', 'continuous', 'r2', '0.97', '']);
    expect(tsv[2]?.split('\t').slice(0, 5)).toEqual(['emo', 'categorical', 'auc', '1', '0.875']);
    const imported = await importBytes(db, bytes);
    expect(imported.audit).toEqual(audit);
    expect(await getRecord(db, 'datasets', 'd2')).toEqual(imported);
    // Without an audit the zip has no audit files and the import none either.
    expect((await importBytes(db, await exportToBytes(db, record), 'd3')).audit).toBeUndefined();
  });

  it('refuses a malformed factor audit, saying what is wrong and how to import without it', async () => {
    const { db, record } = await seeded();
    const good = unzipSync(await exportToBytes(db, { ...record, audit }));
    const tamper = (text: string) => zipSync({ ...good, 'tiny_zip/factor_audit.json': strToU8(text) });
    const badValue = structuredClone(audit) as unknown as { rows: { value: unknown }[] };
    if (badValue.rows[0]) badValue.rows[0].value = 'high';
    const unknownFactor = structuredClone(audit) as unknown as { rows: { factor: unknown }[] };
    if (unknownFactor.rows[1]) unknownFactor.rows[1].factor = 'nose';
    const cases: [string, string, RegExp][] = [
      ['not JSON', '{"rows": [', /factor_audit\.json is malformed \(it is not valid JSON\)/],
      ['a value that is not a number', JSON.stringify(badValue), /rows\[0\]\.value must be a finite number/],
      ['an unknown factor', JSON.stringify(unknownFactor), /rows\[1\]\.factor 'nose' is not a factor/],
    ];
    for (const [what, text, message] of cases) {
      const attempt = importBytes(db, tamper(text), `bad-${what}`);
      await expect(attempt, what).rejects.toThrow(DatasetZipError);
      await expect(importBytes(db, tamper(text), `bad2-${what}`), what).rejects.toThrow(message);
      await expect(importBytes(db, tamper(text), `bad3-${what}`), what).rejects.toThrow(
        /delete factor_audit\.json from the zip to import the dataset without its factor audit/,
      );
    }
    expect((await listStoredItems(db)).map((item) => item.id)).toEqual(['d1']);
  });
});
