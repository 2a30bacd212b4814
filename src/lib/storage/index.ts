export { openWorkbenchDb, type OpenWorkbenchDbOptions } from './open';
export {
  DB_NAME,
  DTYPES,
  MIGRATIONS,
  OWNED_STORES,
  OWNER_INDEX,
  TOP_LEVEL_STORES,
  type ArrayChunk,
  type ArrayHeader,
  type DType,
  type ItemRecord,
  type Migration,
  type OwnedRecord,
  type OwnedStore,
  type SettingRecord,
  type TopLevelStore,
  type WorkbenchDb,
  type WorkbenchSchema,
} from './schema';
export {
  DEFAULT_CHUNK_BYTES,
  deleteTypedArray,
  dtypeOf,
  getArrayHeader,
  getTypedArray,
  putTypedArray,
  type PutTypedArrayOptions,
  type StorableTypedArray,
  type TypedArrayOf,
} from './typedArrays';
export {
  estimateBytes,
  getOwnedRecords,
  getRecordsByKeyPrefix,
  getRecord,
  isTopLevelStore,
  putRecord,
  putRecords,
  type RecordOf,
  type RecordStore,
} from './records';
export { deleteOrphanedRecords, deleteStoredItem, listStoredItems, type StoredItem } from './catalog';
export { estimateStorage, requestPersistentStorage, type StorageEstimateResult } from './quota';
export { StorageError, StorageQuotaError, StorageVersionError, formatBytes, isQuotaExceeded } from './errors';
