export { openWorkbenchDb } from './open';
export { type ItemRecord, type OwnedRecord, type TopLevelStore, type WorkbenchDb } from './schema';
export { getTypedArray, putTypedArray } from './typedArrays';
export { getOwnedRecords, getRecordsByKeyPrefix, getRecord, putRecord, putRecords, type RecordStore } from './records';
export { deleteOrphanedRecords, deleteStoredItem, listStoredItems, type StoredItem } from './catalog';
export { estimateStorage, requestPersistentStorage } from './quota';
export { formatBytes } from './errors';
