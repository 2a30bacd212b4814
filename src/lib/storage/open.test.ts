import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { StorageError, StorageVersionError } from './errors';
import { openWorkbenchDb } from './open';
import { getRecord, putRecord } from './records';
import { MIGRATIONS, TOP_LEVEL_STORES, type ItemRecord, type Migration, type WorkbenchDb } from './schema';
import { getTypedArray, putTypedArray } from './typedArrays';

const NAME = 'upgrade-test';
const initial = MIGRATIONS.at(0) ?? expect.unreachable('MIGRATIONS is empty');

/** Version 2 of a pretend future schema: a new store and an index on an old one. */
const addNotesAndNameIndex: Migration = (db, tx) => {
  db.createObjectStore('notes', { keyPath: 'id' });
  tx.objectStore('datasets').createIndex('byName', 'name');
};

const dataset: ItemRecord = { id: 'd1', name: 'Faces 1k', createdAt: 1 };

/** Store names as plain strings: the typed schema does not know the pretend future stores. */
function storeNames(db: WorkbenchDb): string[] {
  return [...db.objectStoreNames];
}

async function seedVersion1(factory: IDBFactory): Promise<void> {
  const db = await openWorkbenchDb({ name: NAME, factory, migrations: [initial] });
  await putRecord(db, 'datasets', dataset);
  await putTypedArray(db, { key: 'a', owner: 'd1', array: new Float64Array([1, 2, 3]), chunkBytes: 8 });
  db.close();
}

describe('openWorkbenchDb', () => {
  it('creates every store at version 1', async () => {
    const db = await openWorkbenchDb({ name: NAME, factory: new IDBFactory() });
    expect(db.version).toBe(MIGRATIONS.length);
    const expected = [...TOP_LEVEL_STORES, 'images', 'models', 'activations', 'arrays', 'arrayChunks', 'settings'];
    expect([...db.objectStoreNames].sort()).toEqual(expected.sort());
    expect([...db.transaction('arrays').store.indexNames]).toEqual(['byOwner']);
    db.close();
  });

  it('upgrades in place, running only the pending migration and keeping the data', async () => {
    const factory = new IDBFactory();
    const first = vi.fn(initial);
    const second = vi.fn(addNotesAndNameIndex);
    const db1 = await openWorkbenchDb({ name: NAME, factory, migrations: [first] });
    await putRecord(db1, 'datasets', dataset);
    await putTypedArray(db1, { key: 'a', owner: 'd1', array: new Float64Array([1, 2, 3]), chunkBytes: 8 });
    db1.close();

    const db2 = await openWorkbenchDb({ name: NAME, factory, migrations: [first, second] });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(db2.version).toBe(2);
    expect(storeNames(db2)).toContain('notes');
    expect(await getRecord(db2, 'datasets', 'd1')).toEqual(dataset);
    expect(await getTypedArray(db2, 'a')).toEqual(new Float64Array([1, 2, 3]));
    // The typed schema does not know the pretend index; look it up untyped.
    const untyped = db2 as unknown as IDBPDatabase;
    expect(await untyped.transaction('datasets').store.index('byName').getKey('Faces 1k')).toBe('d1');
    db2.close();
  });

  it('runs async migrations in order inside the upgrade transaction', async () => {
    const factory = new IDBFactory();
    await seedVersion1(factory);
    const order: string[] = [];
    const renameAll: Migration = async (_db, tx) => {
      const store = tx.objectStore('datasets');
      let cursor = await store.openCursor();
      while (cursor) {
        const record = cursor.value as ItemRecord;
        await cursor.update({ ...record, name: record.name.toUpperCase() });
        cursor = await cursor.continue();
      }
      order.push('rename');
    };
    const afterwards: Migration = (db) => {
      order.push('notes');
      db.createObjectStore('notes');
    };
    const db = await openWorkbenchDb({ name: NAME, factory, migrations: [initial, renameAll, afterwards] });
    expect(order).toEqual(['rename', 'notes']);
    expect((await getRecord(db, 'datasets', 'd1'))?.name).toBe('FACES 1K');
    db.close();
  });

  it('rolls back a failing migration and says which one failed', async () => {
    const factory = new IDBFactory();
    await seedVersion1(factory);
    const broken: Migration = (db) => {
      db.createObjectStore('half-done');
      throw new Error('bad field');
    };
    const failure = openWorkbenchDb({ name: NAME, factory, migrations: [initial, broken] });
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toThrow(/failed in migration 2 \(version 1 to 2\); nothing was changed\. bad field/);

    const db = await openWorkbenchDb({ name: NAME, factory, migrations: [initial] });
    expect(db.version).toBe(1);
    expect(storeNames(db)).not.toContain('half-done');
    expect(await getRecord(db, 'datasets', 'd1')).toEqual(dataset);
    db.close();
  });

  it('refuses to open a newer database with fewer migrations', async () => {
    const factory = new IDBFactory();
    const db = await openWorkbenchDb({ name: NAME, factory, migrations: [initial, addNotesAndNameIndex] });
    db.close();
    const older = openWorkbenchDb({ name: NAME, factory, migrations: [initial] });
    await expect(older).rejects.toBeInstanceOf(StorageVersionError);
    await expect(older).rejects.toMatchObject({ code: 'STORAGE_VERSION' });
    await expect(older).rejects.toThrow(/schema version 2; this page knows up to 1/);
  });

  it('closes on versionchange so that another tab can upgrade', async () => {
    const factory = new IDBFactory();
    const closed = vi.fn();
    const oldTab = await openWorkbenchDb({ name: NAME, factory, migrations: [initial], onClosedForUpgrade: closed });
    const blocked = vi.fn();
    const newTab = await openWorkbenchDb({
      name: NAME,
      factory,
      migrations: [initial, addNotesAndNameIndex],
      onBlocked: blocked,
    });
    expect(closed).toHaveBeenCalledTimes(1);
    expect(blocked).not.toHaveBeenCalled();
    expect(newTab.version).toBe(2);
    expect(() => oldTab.transaction('datasets')).toThrow();
    newTab.close();
  });

  it('reports a connection that will not close as blocked, then upgrades once it does', async () => {
    const factory = new IDBFactory();
    await seedVersion1(factory);
    const stubborn = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(NAME);
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('open failed'));
      };
    });
    const upgrade = openWorkbenchDb({
      name: NAME,
      factory,
      migrations: [initial, addNotesAndNameIndex],
      onBlocked: () => {
        stubborn.close();
      },
    });
    expect((await upgrade).version).toBe(2);
    (await upgrade).close();
  });

  it('needs at least one migration', async () => {
    await expect(openWorkbenchDb({ factory: new IDBFactory(), migrations: [] })).rejects.toBeInstanceOf(StorageError);
  });
});
