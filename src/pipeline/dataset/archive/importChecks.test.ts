/**
 * Issue 14: what a dataset zip's manifest says is checked with the form's rules before anything
 * is written, and a zip holding more or bigger entries than its manifest describes is refused
 * before they are inflated.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchFeaturesH5, storeTinyDataset, tinySpec } from '../../../../test/support/tinyDataset';
import type { FeaturesH5Bytes } from '../featuresH5';
import type { DatasetRecord } from '../records';
import { getOwnedRecords, listStoredItems, openWorkbenchDb, type WorkbenchDb } from '../../../lib/storage';
import { exportDatasetZip } from './exportZip';
import { importDatasetZip } from './importZip';
import { DatasetZipError } from './manifest';
import { maxImageBytes } from './zipLimits';

const spec = tinySpec('tiny zip', false);
const MANIFEST = 'tiny_zip/gmf-dataset.json';
let h5: FeaturesH5Bytes;

beforeAll(async () => {
  h5 = await scratchFeaturesH5('gmf-zip-checks-');
});

async function seeded(): Promise<{ db: WorkbenchDb; record: DatasetRecord; files: Record<string, Uint8Array> }> {
  const db = await openWorkbenchDb({ name: 'zip-checks', factory: new IDBFactory() });
  const record = await storeTinyDataset(db, 'd1', spec);
  const chunks: Uint8Array[] = [];
  await exportDatasetZip(db, record, h5, { write: (c) => chunks.push(c) }, new AbortController().signal, () => {});
  const files = unzipSync(new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer()));
  return { db, record, files };
}

const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });

function importBytes(db: WorkbenchDb, bytes: Uint8Array, datasetId: string, existingNames = new Set<string>()) {
  const renamed: [string, string][] = [];
  const done = importDatasetZip(db, streamOf(bytes), {
    datasetId,
    h5,
    signal: new AbortController().signal,
    progress: () => undefined,
    existingNames,
    onRenamed: (from, to) => renamed.push([from, to]),
  });
  return { done, renamed };
}

/** The zip with its manifest changed by `patch`. */
function withManifest(files: Record<string, Uint8Array>, patch: (m: Record<string, unknown>) => void): Uint8Array {
  const manifest = JSON.parse(new TextDecoder().decode(files[MANIFEST])) as Record<string, unknown>;
  patch(manifest);
  return zipSync({ ...files, [MANIFEST]: strToU8(JSON.stringify(manifest)) });
}

describe('dataset zip import checks (issue 14)', () => {
  it('refuses a manifest the forms would refuse, and writes nothing', async () => {
    const { db, files } = await seeded();
    const cases: [string, (m: Record<string, unknown>) => void, RegExp][] = [
      [
        'a split of -5 / 11 / 2',
        (m) => (m.split = { counts: { training: -5, validation: 11, testing: 2 }, seed: 7 }),
        /its saved split is invalid \(A split needs at least 1 training identity .*got -5\.\)/,
      ],
      [
        'a split without validation identities',
        (m) => (m.split = { counts: { training: 3, validation: 0, testing: 0 }, seed: 7 }),
        /at least 1 validation identity/,
      ],
      [
        'an unparsable saved query',
        (m) => (m.queries = { broken: 'age < ' }),
        /its saved query 'broken' cannot be read \(/,
      ],
      ['a query on an unknown column', (m) => (m.queries = { nose: 'nose > 3' }), /saved query 'nose' cannot be read/],
      [
        'a 5,000-character query name',
        (m) => (m.queries = { ['q'.repeat(5000)]: 'age < 40' }),
        /a saved query's name is not allowed \(A query name has at most 80 characters/,
      ],
      [
        'ages up to 100000',
        (m) => ((m.spec as { age: unknown }).age = { min: 25, max: 100000 }),
        /generator settings are invalid \(Age must lie between 0 and 100 years/,
      ],
      [
        'shape SD 1e308',
        (m) => ((m.spec as { shape: unknown }).shape = { mu: 0, sd: 1e308 }),
        /Shape SD must be between 0 and 5/,
      ],
    ];
    for (const [what, patch, message] of cases) {
      const attempt = importBytes(db, withManifest(files, patch), `bad-${what}`).done;
      await expect(attempt, what).rejects.toThrow(DatasetZipError);
      await expect(importBytes(db, withManifest(files, patch), `bad2-${what}`).done, what).rejects.toThrow(message);
      expect(await getOwnedRecords(db, 'images', `bad-${what}`), what).toEqual([]);
    }
    expect((await listStoredItems(db)).map((item) => item.id)).toEqual(['d1']);
  });

  it('renames a taken or overlong name as a form would suggest, and says so', async () => {
    const { db, files } = await seeded();
    const clash = importBytes(db, zipSync(files), 'd2', new Set(['tiny zip']));
    expect((await clash.done).name).toBe('tiny zip (2)');
    expect(clash.renamed).toEqual([['tiny zip', 'tiny zip (2)']]);
    const long = 'n'.repeat(10_000);
    const legacy = importBytes(
      db,
      withManifest(files, (m) => {
        m.name = long;
        (m.spec as { name: string }).name = long;
      }),
      'd3',
    );
    const record = await legacy.done;
    expect(record.name).toBe('n'.repeat(80));
    expect(record.spec.name).toBe('n'.repeat(80));
    expect(legacy.renamed).toEqual([[long, 'n'.repeat(80)]]);
  });

  it('refuses an image declared bigger than the resolution allows, before inflating it', async () => {
    const { db, files } = await seeded();
    const image = Object.keys(files).find((n) => n.endsWith('0_image.jpg')) ?? '';
    const big = zipSync({ ...files, [image]: new Uint8Array(1 << 20) });
    const attempt = importBytes(db, big, 'big').done;
    // Declared in its header; a zip small enough to arrive in one piece is checked as it is handed on.
    const limit = maxImageBytes(spec).toLocaleString('en');
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `'${image}' (declares|unpacks to) 1,048,576 bytes( unpacked)?, more than the ${limit} such an entry can have\\. Nothing was imported\\.$`,
      ),
    );
    expect((await listStoredItems(db)).map((item) => item.id)).toEqual(['d1']);
  });

  it('refuses more entries than the manifest describes, with no stack overflow', async () => {
    const { db, files } = await seeded();
    // Folder entries, which the importer itself would pass over.
    const extra = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`tiny_zip/f${i}/`, new Uint8Array(0)]));
    const attempt = importBytes(db, zipSync({ ...files, ...extra }), 'many').done;
    // 6 records x (image + features) + 3 identity folders + root + manifest, table and audit files.
    await expect(attempt).rejects.toThrow(/holds more than the 20 entries it can hold\. Nothing was imported\./);
  }, 30_000);
});
