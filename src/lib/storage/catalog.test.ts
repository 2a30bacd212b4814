import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteOrphanedRecords, deleteStoredItem, listStoredItems } from './catalog';
import { openWorkbenchDb } from './open';
import { estimateBytes, getOwnedRecords, getRecord, putRecord, putRecords } from './records';
import type { OwnedRecord, WorkbenchDb } from './schema';
import { getTypedArray, putTypedArray } from './typedArrays';

interface ImageRecord extends OwnedRecord {
  index: number;
  jpeg: Blob;
}

interface ActivationRecord extends OwnedRecord {
  mean: Float64Array;
}

let db: WorkbenchDb | undefined;

/** Dataset d1 (two images, one array) and run r1 (an activation record, one array). */
async function seeded(): Promise<WorkbenchDb> {
  db = await openWorkbenchDb({ name: 'catalog', factory: new IDBFactory() });
  await putRecord(db, 'datasets', { id: 'd1', name: 'Faces', createdAt: 100 });
  await putRecord(db, 'runs', { id: 'r1', name: 'Run 1', createdAt: 200 });
  const images: ImageRecord[] = [0, 1].map((index) => ({
    key: `d1/img${index}`,
    owner: 'd1',
    index,
    jpeg: new Blob([new Uint8Array(50_000)], { type: 'image/jpeg' }),
  }));
  await putRecords(db, 'images', images);
  await putTypedArray(db, { key: 'd1/params', owner: 'd1', array: new Float32Array(25_000), chunkBytes: 16_384 });
  const activation: ActivationRecord = { key: 'r1/conv1', owner: 'r1', mean: new Float64Array(1000) };
  await putRecord(db, 'activations', activation);
  await putTypedArray(db, { key: 'r1/conv1/pcs', owner: 'r1', array: new Float64Array(30_000), chunkBytes: 16_384 });
  return db;
}

afterEach(() => {
  db?.close();
  db = undefined;
});

describe('storage catalog', () => {
  it('lists top-level items, newest first, with the bytes they own', async () => {
    const items = await listStoredItems(await seeded());
    expect(items.map(({ store, id, name, createdAt }) => ({ store, id, name, createdAt }))).toEqual([
      { store: 'runs', id: 'r1', name: 'Run 1', createdAt: 200 },
      { store: 'datasets', id: 'd1', name: 'Faces', createdAt: 100 },
    ]);
    // Payloads: d1 = 2 x 50 kB blobs + 100 kB of floats; r1 = 8 kB inline + 240 kB of floats.
    // Records, keys and headers add well under 1 kB each.
    const [run, dataset] = items;
    expect(dataset?.bytes).toBeGreaterThanOrEqual(200_000);
    expect(dataset?.bytes).toBeLessThan(201_000);
    expect(run?.bytes).toBeGreaterThanOrEqual(248_000);
    expect(run?.bytes).toBeLessThan(249_000);
  });

  it('deletes an item with everything it owns and nothing else', async () => {
    const database = await seeded();
    expect(await deleteStoredItem(database, 'datasets', 'd1')).toBe(true);

    expect(await getRecord(database, 'datasets', 'd1')).toBeUndefined();
    expect(await getOwnedRecords(database, 'images', 'd1')).toEqual([]);
    expect(await getTypedArray(database, 'd1/params')).toBeUndefined();
    expect(await database.count('arrayChunks', IDBKeyRange.bound(['d1/params', 0], ['d1/params', Infinity]))).toBe(0);

    expect(await getRecord(database, 'runs', 'r1')).toBeDefined();
    expect(await getOwnedRecords(database, 'activations', 'r1')).toHaveLength(1);
    expect(await getTypedArray(database, 'r1/conv1/pcs')).toEqual(new Float64Array(30_000));
    expect(await database.count('arrayChunks')).toBe(Math.ceil(240_000 / 16_384));
    expect((await listStoredItems(database)).map((item) => item.id)).toEqual(['r1']);

    expect(await deleteStoredItem(database, 'datasets', 'd1')).toBe(false);
  });

  it('refuses a top-level id that another top-level store already uses', async () => {
    const database = await seeded();
    await expect(putRecord(database, 'results', { id: 'r1', name: 'Clash', createdAt: 300 })).rejects.toThrow(
      "Cannot save 'r1' in 'results': that id is already used in 'runs'.",
    );
    expect(await getRecord(database, 'results', 'r1')).toBeUndefined();
    await putRecord(database, 'runs', { id: 'r1', name: 'Renamed', createdAt: 200 }); // same store: an update
    expect((await getRecord(database, 'runs', 'r1'))?.name).toBe('Renamed');
  });
});

describe('estimateBytes', () => {
  it('counts binary payloads by size and the rest roughly', () => {
    expect(estimateBytes(new Float64Array(10))).toBe(80);
    expect(estimateBytes(new Blob(['abcd']))).toBe(4);
    expect(estimateBytes({ ab: 'xyz', n: 1, flag: true, none: null })).toBe(4 + 6 + 2 + 8 + 8 + 4 + 8);
    const shared = new ArrayBuffer(100);
    expect(estimateBytes([shared, shared, new Map([['k', 1]])])).toBe(100 + 2 + 8);
  });

  it('clears records whose owner item is gone (an interrupted import) and keeps every owned record of live items', async () => {
    const store = await seeded();
    const half: ImageRecord = { key: 'half-import/0', owner: 'half-import', index: 0, jpeg: new Blob(['x']) };
    await putRecords(store, 'images', [half]);
    await putTypedArray(store, { key: 'half-import/arr', owner: 'half-import', array: new Float32Array(10) });
    expect(await deleteOrphanedRecords(store)).toBe(1);
    expect(await getOwnedRecords(store, 'images', 'half-import')).toEqual([]);
    expect(await getOwnedRecords(store, 'arrays', 'half-import')).toEqual([]);
    expect(await getOwnedRecords(store, 'images', 'd1')).toHaveLength(2);
    expect(await getOwnedRecords(store, 'activations', 'r1')).toHaveLength(1);
    expect(await deleteOrphanedRecords(store)).toBe(0);
  });
});
