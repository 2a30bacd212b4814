import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageError, StorageQuotaError } from './errors';
import { openWorkbenchDb } from './open';
import { estimateStorage, requestPersistentStorage } from './quota';
import { putRecords } from './records';
import type { WorkbenchDb } from './schema';
import { getArrayHeader, getTypedArray, putTypedArray } from './typedArrays';

const CHUNK = 1024;
const quotaError = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

type Put = (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest<IDBValidKey>;

/** fake-indexeddb internals used to fail a request or a transaction the way a browser does. */
interface FakeTransaction {
  _execRequestAsync(request: { operation: () => unknown; source: IDBObjectStore }): IDBRequest<IDBValidKey>;
  _abort(errorName: string): void;
}

/** How the quota failure surfaces: thrown by put(), as the request's error, or only as an abort. */
type Failure = (store: IDBObjectStore, put: Put, value: unknown) => IDBRequest<IDBValidKey>;
const failures: Record<'thrown' | 'request' | 'abort', Failure> = {
  thrown: () => {
    throw quotaError();
  },
  request: (store) => {
    const tx = store.transaction as unknown as FakeTransaction;
    return tx._execRequestAsync({
      operation: () => {
        throw quotaError();
      },
      source: store,
    });
  },
  abort: (store, put, value) => {
    const request = put.call(store, value);
    (store.transaction as unknown as FakeTransaction)._abort('QuotaExceededError');
    return request;
  },
};
type FailureMode = keyof typeof failures;

/** Makes the `failAt`-th put into arrayChunks (1-based) fail with a quota error. */
function failChunkPut(failAt: number, mode: FailureMode): void {
  // Called with each store as `this` below, exactly like the method itself.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const put: Put = FakeObjectStore.prototype.put;
  let calls = 0;
  vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
    if (this.name === 'arrayChunks' && ++calls === failAt) return failures[mode](this, put, value);
    return put.call(this, value, key);
  });
}

const A = Float32Array.from({ length: 3000 }, (_, i) => i * 0.5);
let db: WorkbenchDb | undefined;

async function dbWithA(): Promise<WorkbenchDb> {
  db = await openWorkbenchDb({ name: 'quota', factory: new IDBFactory() });
  await putTypedArray(db, { key: 'A', owner: 'run', array: A, chunkBytes: CHUNK });
  return db;
}

async function expectAIntact(database: WorkbenchDb): Promise<void> {
  expect(await getTypedArray(database, 'A')).toEqual(A);
  expect(await database.count('arrayChunks')).toBe(Math.ceil(A.byteLength / CHUNK));
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  db?.close();
  db = undefined;
});

describe('quota errors', () => {
  it.each(['thrown', 'request', 'abort'] as const)(
    'a quota failure (%s) midway through a new array saves nothing of it',
    async (mode) => {
      const database = await dbWithA();
      failChunkPut(3, mode);
      const B = new Float64Array(2000);
      const failure = putTypedArray(database, { key: 'B', owner: 'run', array: B, chunkBytes: CHUNK });
      await expect(failure).rejects.toBeInstanceOf(StorageQuotaError);
      await expect(failure).rejects.toMatchObject({ code: 'STORAGE_QUOTA' });
      await expect(failure).rejects.toThrow(
        "The browser's storage quota is full: writing array 'B' (16.0 kB) was cancelled and nothing was saved.",
      );
      vi.restoreAllMocks();
      expect(await getArrayHeader(database, 'B')).toBeUndefined();
      expect(await database.count('arrayChunks', IDBKeyRange.bound(['B', 0], ['B', Infinity]))).toBe(0);
      await expectAIntact(database);
    },
  );

  it.each(['thrown', 'request', 'abort'] as const)('a failed overwrite (%s) keeps the old array', async (mode) => {
    const database = await dbWithA();
    failChunkPut(2, mode);
    const longer = new Float32Array(5000).fill(7);
    const failure = putTypedArray(database, { key: 'A', owner: 'run', array: longer, chunkBytes: CHUNK });
    await expect(failure).rejects.toBeInstanceOf(StorageQuotaError);
    vi.restoreAllMocks();
    expect((await getArrayHeader(database, 'A'))?.length).toBe(A.length);
    await expectAIntact(database);
  });

  it('maps other failures to StorageError with the cause attached', async () => {
    const database = await dbWithA();
    const cause = new DOMException('disk on fire', 'UnknownError');
    vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(() => {
      throw cause;
    });
    const failure = putRecords(database, 'datasets', [{ id: 'd', name: 'D', createdAt: 0 }]);
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toMatchObject({ code: 'STORAGE_FAILED', cause });
    await expect(failure).rejects.toThrow(/Writing a record to 'datasets' .* failed: UnknownError: disk on fire/);
  });
});

describe('storage estimate', () => {
  it('reports usage, quota and persistence from navigator.storage', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', {
      storage: {
        estimate: () => Promise.resolve({ usage: 1200, quota: 5000 }),
        persisted: () => Promise.resolve(false),
        persist,
      },
    });
    expect(await estimateStorage()).toEqual({ usage: 1200, quota: 5000, persisted: false });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('says "unknown" rather than failing where there is no storage manager', async () => {
    vi.stubGlobal('navigator', {});
    expect(await estimateStorage()).toEqual({ usage: undefined, quota: undefined, persisted: undefined });
    expect(await requestPersistentStorage()).toBe(false);
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.reject(new Error('private mode')) } });
    expect(await estimateStorage()).toEqual({ usage: undefined, quota: undefined, persisted: undefined });
  });
});
