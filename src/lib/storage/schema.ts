import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';

export const DB_NAME = 'gmf-workbench';

/** Stores whose records are the items the Storage panel lists and deletes. */
export const TOP_LEVEL_STORES = ['datasets', 'runs', 'pcaBases', 'results'] as const;
export type TopLevelStore = (typeof TOP_LEVEL_STORES)[number];

/** Stores whose records belong to one top-level item through their `owner` field. */
export const OWNED_STORES = ['images', 'models', 'activations', 'arrays'] as const;
export type OwnedStore = (typeof OWNED_STORES)[number];

/** Name of the index on `owner` in every owned store. */
export const OWNER_INDEX = 'byOwner';

/** A top-level item. Ids must be unique across all top-level stores (owners are bare ids). */
export interface ItemRecord {
  id: string;
  name: string;
  createdAt: number;
}

/** A record owned by a top-level item: deleted with it and counted in its size. */
export interface OwnedRecord {
  key: string;
  /** Id of the dataset, run, PCA basis or result this record belongs to. */
  owner: string;
}

export const DTYPES = ['float32', 'float64', 'int32', 'uint32', 'uint8', 'int16', 'uint16', 'int8'] as const;
export type DType = (typeof DTYPES)[number];

/** Header of a chunked typed array; the bytes live in `arrayChunks` under [key, 0..chunkCount). */
export interface ArrayHeader extends OwnedRecord {
  dtype: DType;
  /** Number of elements. */
  length: number;
  shape: number[];
  byteLength: number;
  chunkCount: number;
  /** Bytes per chunk (the last one may be shorter). */
  chunkBytes: number;
}

export interface ArrayChunk {
  arrayKey: string;
  index: number;
  data: ArrayBuffer;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

interface ItemStore {
  key: string;
  value: ItemRecord;
}

interface OwnedStoreSchema<T extends OwnedRecord> {
  key: string;
  value: T;
  indexes: { byOwner: string };
}

export interface WorkbenchSchema extends DBSchema {
  datasets: ItemStore;
  runs: ItemStore;
  pcaBases: ItemStore;
  results: ItemStore;
  images: OwnedStoreSchema<OwnedRecord>;
  models: OwnedStoreSchema<OwnedRecord>;
  activations: OwnedStoreSchema<OwnedRecord>;
  arrays: OwnedStoreSchema<ArrayHeader>;
  arrayChunks: { key: [string, number]; value: ArrayChunk };
  settings: { key: string; value: SettingRecord };
}

export type WorkbenchDb = IDBPDatabase<WorkbenchSchema>;

/**
 * One schema step, from version i to i + 1, run inside the upgrade transaction. Migrations see
 * an untyped database on purpose: they act on past schemas, not on today's WorkbenchSchema.
 * They may be async but must await only requests on `tx` (anything else ends the transaction).
 */
export type Migration = (
  db: IDBPDatabase,
  tx: IDBPTransaction<unknown, ArrayLike<string>, 'versionchange'>,
) => void | Promise<void>;

/** Version 1: every store the workbench needs. */
const createInitialStores: Migration = (db) => {
  for (const store of TOP_LEVEL_STORES) db.createObjectStore(store, { keyPath: 'id' });
  for (const store of OWNED_STORES) {
    db.createObjectStore(store, { keyPath: 'key' }).createIndex(OWNER_INDEX, 'owner');
  }
  // Compound key so that one key range covers every chunk of an array, in order.
  db.createObjectStore('arrayChunks', { keyPath: ['arrayKey', 'index'] });
  db.createObjectStore('settings', { keyPath: 'key' });
};

/** Append only: migration i upgrades version i to i + 1; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [createInitialStores];
