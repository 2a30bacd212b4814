import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbenchDb } from './open';
import type { WorkbenchDb } from './schema';
import {
  deleteTypedArray,
  deleteTypedArraysWithPrefix,
  getArrayHeader,
  getTypedArray,
  putTypedArray,
  type StorableTypedArray,
} from './typedArrays';

const CHUNK = 64 * 1024;
let db: WorkbenchDb | undefined;

async function freshDb(): Promise<WorkbenchDb> {
  db = await openWorkbenchDb({ name: 'typed-arrays', factory: new IDBFactory() });
  return db;
}

async function chunkCount(database: WorkbenchDb, key: string): Promise<number> {
  return database.count('arrayChunks', IDBKeyRange.bound([key, 0], [key, Infinity]));
}

/** Deterministic values that exercise sign, fractions and the full range of each type. */
function ramp(make: (n: number) => StorableTypedArray, n: number, scale: number): StorableTypedArray {
  const array = make(n);
  for (let i = 0; i < n; i++) array[i] = Math.sin(i * 0.37) * scale + i * 1e-3;
  return array;
}

afterEach(() => {
  db?.close();
  db = undefined;
});

describe('chunked typed arrays', () => {
  it('round-trips a Float32Array over several chunks with a partial last chunk', async () => {
    const database = await freshDb();
    const array = ramp((n) => new Float32Array(n), 100_003, 1e4);
    const header = await putTypedArray(database, { key: 'x', owner: 'run-1', array, chunkBytes: CHUNK });

    const expectedChunks = Math.ceil((100_003 * 4) / CHUNK); // 7: six full, one partial
    expect(header.chunkCount).toBe(expectedChunks);
    expect(await chunkCount(database, 'x')).toBe(expectedChunks);
    expect(await getArrayHeader(database, 'x')).toEqual({
      key: 'x',
      owner: 'run-1',
      dtype: 'float32',
      length: 100_003,
      shape: [100_003],
      byteLength: 400_012,
      chunkCount: expectedChunks,
      chunkBytes: CHUNK,
    });
    const back = await getTypedArray(database, 'x');
    expect(back).toBeInstanceOf(Float32Array);
    expect(back).toEqual(array);
  });

  it.each([
    ['float64', (n: number) => new Float64Array(n), 1e12, Float64Array],
    ['uint8', (n: number) => new Uint8Array(n), 255, Uint8Array],
    ['int32', (n: number) => new Int32Array(n), 2 ** 31, Int32Array],
    ['int16', (n: number) => new Int16Array(n), 2 ** 15, Int16Array],
  ] as const)('round-trips %s with its type', async (dtype, make, scale, type) => {
    const database = await freshDb();
    const array = ramp(make, 50_001, scale);
    await putTypedArray(database, { key: dtype, owner: 'd', array, shape: [3, 16_667], chunkBytes: 10_000 });
    const back = await getTypedArray(database, dtype, dtype);
    expect(back).toBeInstanceOf(type);
    expect(back).toEqual(array);
    expect((await getArrayHeader(database, dtype))?.shape).toEqual([3, 16_667]);
  });

  it('stores a view into a larger buffer by its own bytes only', async () => {
    const database = await freshDb();
    const whole = ramp((n) => new Float64Array(n), 1000, 5);
    const view = whole.subarray(100, 350);
    await putTypedArray(database, { key: 'view', owner: 'd', array: view, chunkBytes: 512 });
    expect(await getTypedArray(database, 'view')).toEqual(new Float64Array(whole.slice(100, 350)));
  });

  it('overwrites with a shorter array and leaves no stale chunks', async () => {
    const database = await freshDb();
    const longer = new Float32Array(100_003).fill(1);
    await putTypedArray(database, { key: 'x', owner: 'd', array: longer, chunkBytes: CHUNK });
    await putTypedArray(database, { key: 'other', owner: 'd', array: new Uint8Array(10), chunkBytes: CHUNK });
    const shorter = ramp((n) => new Int32Array(n), 20_000, 1000);
    await putTypedArray(database, { key: 'x', owner: 'd', array: shorter, chunkBytes: CHUNK });

    expect(await chunkCount(database, 'x')).toBe(2);
    expect(await database.count('arrayChunks')).toBe(3);
    expect(await getTypedArray(database, 'x')).toEqual(shorter);
    expect(await getTypedArray(database, 'other')).toEqual(new Uint8Array(10));
  });

  it('handles empty arrays, missing keys and deletion', async () => {
    const database = await freshDb();
    await putTypedArray(database, { key: 'empty', owner: 'd', array: new Float32Array(0) });
    expect(await getTypedArray(database, 'empty')).toEqual(new Float32Array(0));
    expect(await getTypedArray(database, 'nothing')).toBeUndefined();

    await putTypedArray(database, { key: 'gone', owner: 'd', array: new Uint16Array(5000), chunkBytes: 1000 });
    await deleteTypedArray(database, 'gone');
    expect(await getTypedArray(database, 'gone')).toBeUndefined();
    expect(await chunkCount(database, 'gone')).toBe(0);
  });

  it('rejects a wrong dtype, a wrong shape and a damaged array with typed errors', async () => {
    const database = await freshDb();
    await putTypedArray(database, { key: 'x', owner: 'd', array: new Int8Array(300), chunkBytes: 100 });
    await expect(getTypedArray(database, 'x', 'float32')).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      message: "Array 'x' holds int8 values, not float32.",
    });
    await expect(
      putTypedArray(database, { key: 'y', owner: 'd', array: new Int8Array(10), shape: [3, 3] }),
    ).rejects.toThrow("Array 'y' has 10 values but shape [3, 3] holds 9.");

    await database.delete('arrayChunks', ['x', 1]);
    await expect(getTypedArray(database, 'x')).rejects.toThrow(/damaged \(chunk 2 of 3 is missing/);
  });

  it('deletes the arrays under a key prefix, chunks included, and nothing that merely starts alike', async () => {
    const database = await freshDb();
    const keys = ['a/1/x', 'a/1/y/z', 'a/10/x', 'a/1', 'a/2/x', 'b/1/x'];
    for (const key of keys)
      await putTypedArray(database, { key, owner: 'o', array: new Float64Array(3 * (CHUNK / 8)), chunkBytes: CHUNK });
    await deleteTypedArraysWithPrefix(database, 'a/1/');
    expect((await database.getAllKeys('arrays')).map(String).sort()).toEqual(['a/1', 'a/10/x', 'a/2/x', 'b/1/x']);
    expect(await chunkCount(database, 'a/1/x')).toBe(0);
    expect(await chunkCount(database, 'a/1/y/z')).toBe(0);
    expect(await chunkCount(database, 'a/10/x')).toBe(3);
    expect(await chunkCount(database, 'a/1')).toBe(3);
    await expect(deleteTypedArraysWithPrefix(database, '')).rejects.toThrow(/prefix is empty/);
  });
});
