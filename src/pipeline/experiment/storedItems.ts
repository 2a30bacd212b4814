/**
 * A top-level item (a run, an analysis) with everything it owns in every owned store, read
 * from IndexedDB, written as JSON + binary (recordCodec), checked and stored again under a new
 * id. Owned keys start with `{owner}/`, so a new id is a new key prefix.
 */
import {
  getOwnedRecords,
  getRecord,
  getTypedArray,
  putRecords,
  putTypedArray,
  type WorkbenchDb,
} from '../../lib/storage';
import type { ItemRecord, OwnedRecord, TopLevelStore } from '../../lib/storage/schema';
import type { StorableTypedArray } from '../../lib/storage/typedArrays';
import { decodeRecord, encodeRecord, RecordCodecError, TYPED_ARRAYS } from './recordCodec';
import { ExperimentExportError, ExperimentFileError } from './manifest';

/** Owned stores written record by record (arrays go through putTypedArray). */
const RECORD_STORES = ['images', 'models', 'activations'] as const;
type RecordStoreName = (typeof RECORD_STORES)[number];

export interface StoredItem<R extends ItemRecord = ItemRecord> {
  store: TopLevelStore;
  record: R;
  owned: Record<RecordStoreName, OwnedRecord[]>;
  arrays: { key: string; shape: number[]; array: StorableTypedArray }[];
}

export async function readStoredItem(db: WorkbenchDb, store: TopLevelStore, id: string): Promise<StoredItem> {
  const record = await getRecord(db, store, id);
  if (!record) throw new ExperimentExportError(`There is no '${id}' in '${store}' to export.`);
  const owned = {} as StoredItem['owned'];
  for (const name of RECORD_STORES) owned[name] = await getOwnedRecords(db, name, id);
  const arrays: StoredItem['arrays'] = [];
  for (const header of await getOwnedRecords(db, 'arrays', id)) {
    const array = await getTypedArray(db, header.key);
    if (!array) throw new ExperimentExportError(`The stored array '${header.key}' is missing; it cannot be exported.`);
    arrays.push({ key: header.key, shape: header.shape, array });
  }
  return { store, record, owned, arrays };
}

export const encodeItem = (item: StoredItem): Promise<{ json: string; bin: Uint8Array }> => encodeRecord(item);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Decodes and checks an item's files: the store, the record (`isRecord`), every owned record
 * and array under the item's id, shapes that hold their arrays. `file` names it in messages.
 */
export function decodeItem<R extends ItemRecord>(
  file: string,
  json: Uint8Array,
  bin: Uint8Array,
  store: TopLevelStore,
  isRecord: (value: unknown) => value is R,
): StoredItem<R> {
  let raw: unknown;
  try {
    raw = decodeRecord(new TextDecoder().decode(json), bin);
  } catch (error) {
    if (error instanceof RecordCodecError) throw new ExperimentFileError(`'${file}' is malformed (${error.problem})`);
    throw error;
  }
  const bad = (problem: string) => new ExperimentFileError(`'${file}' ${problem}`);
  if (!isObject(raw) || raw.store !== store) throw bad(`is not a record of '${store}'`);
  const { record, owned, arrays } = raw;
  if (!isRecord(record) || typeof record.name !== 'string' || typeof record.createdAt !== 'number')
    throw bad(`does not hold a valid ${store} record`);
  const prefix = `${record.id}/`;
  if (!isObject(owned) || !RECORD_STORES.every((s) => Array.isArray(owned[s]))) throw bad('has no owned records');
  for (const s of RECORD_STORES)
    for (const r of owned[s] as unknown[])
      if (!isObject(r) || r.owner !== record.id || typeof r.key !== 'string' || !r.key.startsWith(prefix))
        throw bad(`has a ${s} record that does not belong to '${record.id}'`);
  if (!Array.isArray(arrays)) throw bad('has no arrays');
  for (const a of arrays as unknown[]) {
    if (!isObject(a) || typeof a.key !== 'string' || !a.key.startsWith(prefix))
      throw bad('has an array of another item');
    const { shape, array } = a;
    if (!TYPED_ARRAYS.some((T) => array instanceof T)) throw bad(`has an array '${a.key}' without values`);
    const size = Array.isArray(shape)
      ? shape.reduce<number>((p, d) => p * (Number.isSafeInteger(d) ? Number(d) : NaN), 1)
      : NaN;
    if (size !== (array as StorableTypedArray).length)
      throw bad(`has an array '${a.key}' whose shape does not hold its values`);
  }
  return raw as unknown as StoredItem<R>;
}

/** The item under `id` (keys re-prefixed, owners replaced); `patch` changes the record's own fields. */
export function withNewId<R extends ItemRecord>(
  item: StoredItem<R>,
  id: string,
  patch: Partial<R> = {},
): StoredItem<R> {
  const from = `${item.record.id}/`;
  const rekey = (key: string) => `${id}/${key.slice(from.length)}`;
  const owned = {} as StoredItem['owned'];
  for (const s of RECORD_STORES) owned[s] = item.owned[s].map((r) => ({ ...r, key: rekey(r.key), owner: id }));
  return {
    store: item.store,
    record: { ...item.record, ...patch, id },
    owned,
    arrays: item.arrays.map((a) => ({ ...a, key: rekey(a.key) })),
  };
}

/** Writes what the item owns (its record is written by the caller, last, with the others). */
export async function writeOwned(db: WorkbenchDb, item: StoredItem): Promise<void> {
  for (const s of RECORD_STORES) if (item.owned[s].length > 0) await putRecords(db, s, item.owned[s]);
  for (const { key, shape, array } of item.arrays)
    await putTypedArray(db, { key, owner: item.record.id, array, shape });
}
