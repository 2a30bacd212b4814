import { StorageError, formatBytes } from './errors';
import {
  OWNER_INDEX,
  TOP_LEVEL_STORES,
  type OwnedStore,
  type TopLevelStore,
  type WorkbenchDb,
  type WorkbenchSchema,
} from './schema';
import { readTransaction, writeTransaction } from './transactions';

/** Stores written record by record; arrays go through putTypedArray instead. */
export type RecordStore = TopLevelStore | Exclude<OwnedStore, 'arrays'> | 'settings';
export type RecordOf<S extends RecordStore> = WorkbenchSchema[S]['value'];

export function isTopLevelStore(store: string): store is TopLevelStore {
  return (TOP_LEVEL_STORES as readonly string[]).includes(store);
}

export async function putRecord<S extends RecordStore>(db: WorkbenchDb, store: S, record: RecordOf<S>): Promise<void> {
  await putRecords(db, store, [record]);
}

/**
 * Writes records in one transaction (all or nothing). A top-level item's id must not be used in
 * another top-level store: owned records point at bare ids, so a clash would mix two items.
 */
export async function putRecords<S extends RecordStore>(
  db: WorkbenchDb,
  store: S,
  records: readonly RecordOf<S>[],
): Promise<void> {
  const bytes = records.reduce((sum, record) => sum + estimateBytes(record), 0);
  const what = records.length === 1 ? 'a record' : `${records.length} records`;
  const action = `writing ${what} to '${store}' (${formatBytes(bytes)})`;
  // Top-level writes also read the other top-level stores (the id check); others lock only their own.
  const scope: readonly RecordStore[] = isTopLevelStore(store) ? TOP_LEVEL_STORES : [store];
  await writeTransaction(db, scope, action, async (tx) => {
    for (const record of records) {
      if (isTopLevelStore(store)) {
        const id = (record as RecordOf<TopLevelStore>).id;
        for (const other of TOP_LEVEL_STORES) {
          if (other !== store && (await tx.objectStore(other).getKey(id)) !== undefined) {
            throw new StorageError(
              `Cannot save '${id}' in '${store}': that id is already used in '${other}'. ` +
                'Ids must be unique across datasets, runs, PCA bases and results.',
            );
          }
        }
      }
      await tx.objectStore(store).put(record);
    }
  });
}

export async function getRecord<S extends RecordStore>(
  db: WorkbenchDb,
  store: S,
  key: string,
): Promise<RecordOf<S> | undefined> {
  return readTransaction(db, [store], `reading '${key}' from '${store}'`, (tx) => tx.objectStore(store).get(key));
}

/** Every record of `store` that belongs to the top-level item `owner`. */
export async function getOwnedRecords<S extends OwnedStore>(
  db: WorkbenchDb,
  store: S,
  owner: string,
): Promise<WorkbenchSchema[S]['value'][]> {
  return readTransaction(db, [store], `reading the ${store} of '${owner}'`, (tx) =>
    tx.objectStore(store).index(OWNER_INDEX).getAll(IDBKeyRange.only(owner)),
  );
}

/** Records of `store` whose key starts with `prefix` (keys are strings), in key order. */
export async function getRecordsByKeyPrefix<S extends Exclude<OwnedStore, 'arrays'>>(
  db: WorkbenchDb,
  store: S,
  prefix: string,
): Promise<WorkbenchSchema[S]['value'][]> {
  return readTransaction(db, [store], `reading '${prefix}*' from '${store}'`, (tx) =>
    tx.objectStore(store).getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`)),
  );
}

/**
 * Rough size of a value as stored: binary payloads (ArrayBuffer, typed arrays, Blobs) by their
 * byte size, strings at 2 bytes per character, numbers at 8. Good enough for a Storage panel.
 */
export function estimateBytes(value: unknown, seen: Set<object> = new Set()): number {
  switch (typeof value) {
    case 'string':
      return value.length * 2;
    case 'number':
    case 'bigint':
      return 8;
    case 'boolean':
      return 4;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null || seen.has(value)) return 0;
  seen.add(value);
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value.size;
  if (value instanceof Date) return 8;
  const entries: Iterable<unknown> =
    value instanceof Map || value instanceof Set || Array.isArray(value)
      ? [...(value as Iterable<unknown>)]
      : Object.entries(value).flat();
  let total = 0;
  for (const entry of entries) total += estimateBytes(entry, seen);
  return total;
}
