import { estimateBytes } from './records';
import {
  OWNED_STORES,
  OWNER_INDEX,
  TOP_LEVEL_STORES,
  type ArrayHeader,
  type TopLevelStore,
  type WorkbenchDb,
} from './schema';
import { readTransaction, writeTransaction } from './transactions';
import { chunkRange } from './typedArrays';

/** One row of the Storage panel. */
export interface StoredItem {
  store: TopLevelStore;
  id: string;
  name: string;
  createdAt: number;
  /** Estimated bytes of the item record and everything it owns. */
  bytes: number;
}

/** Every top-level item with its estimated size, newest first. */
export async function listStoredItems(db: WorkbenchDb): Promise<StoredItem[]> {
  return readTransaction(db, [...TOP_LEVEL_STORES, ...OWNED_STORES], 'listing stored items', async (tx) => {
    const ownedBytes = new Map<string, number>();
    for (const store of OWNED_STORES) {
      // A cursor rather than getAll: only one record (image, chunk header) is held at a time.
      let cursor = await tx.objectStore(store).openCursor();
      while (cursor) {
        const record = cursor.value;
        // Array headers stand for their chunks, which are counted by the header's byteLength.
        const payload = store === 'arrays' ? (record as ArrayHeader).byteLength : 0;
        ownedBytes.set(record.owner, (ownedBytes.get(record.owner) ?? 0) + estimateBytes(record) + payload);
        cursor = await cursor.continue();
      }
    }
    const items: StoredItem[] = [];
    for (const store of TOP_LEVEL_STORES) {
      for (const record of await tx.objectStore(store).getAll()) {
        const { id, name, createdAt } = record;
        items.push({ store, id, name, createdAt, bytes: estimateBytes(record) + (ownedBytes.get(id) ?? 0) });
      }
    }
    return items.sort((a, b) => b.createdAt - a.createdAt);
  });
}

/**
 * Deletes a top-level item and everything it owns (images, models, activations, arrays and
 * their chunks) in one transaction. Resolves false if there was no such item.
 */
export async function deleteStoredItem(db: WorkbenchDb, store: TopLevelStore, id: string): Promise<boolean> {
  const stores = [store, ...OWNED_STORES, 'arrayChunks'] as const;
  return writeTransaction(db, stores, `deleting '${id}' from '${store}'`, async (tx) => {
    const existed = (await tx.objectStore(store).getKey(id)) !== undefined;
    for (const owned of OWNED_STORES) {
      const records = tx.objectStore(owned);
      for (const key of await records.index(OWNER_INDEX).getAllKeys(id)) {
        await records.delete(key);
        if (owned === 'arrays') await tx.objectStore('arrayChunks').delete(chunkRange(key));
      }
    }
    await tx.objectStore(store).delete(id);
    return existed;
  });
}

/**
 * Deletes owned records whose owner is no top-level item: what an import interrupted by a reload
 * or crash leaves behind (its item record is written last). Returns how many owners were cleared.
 * Every writer must write its top-level record first or last-with-cleanup, never leave it out.
 */
export async function deleteOrphanedRecords(db: WorkbenchDb): Promise<number> {
  const orphans = await readTransaction(
    db,
    [...TOP_LEVEL_STORES, ...OWNED_STORES],
    'looking for orphaned records',
    async (tx) => {
      const owners = new Set<string>();
      for (const store of TOP_LEVEL_STORES) for (const key of await tx.objectStore(store).getAllKeys()) owners.add(key);
      const found = new Set<string>();
      for (const store of OWNED_STORES) {
        let cursor = await tx.objectStore(store).index(OWNER_INDEX).openKeyCursor(null, 'nextunique');
        while (cursor) {
          const owner = cursor.key;
          if (!owners.has(owner)) found.add(owner);
          cursor = await cursor.continue();
        }
      }
      return found;
    },
  );
  // deleteStoredItem removes what an id owns even when its item record is absent.
  for (const owner of orphans) await deleteStoredItem(db, 'datasets', owner);
  return orphans.size;
}
