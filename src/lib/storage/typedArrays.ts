import { StorageError, formatBytes } from './errors';
import { DTYPES, type ArrayHeader, type DType, type WorkbenchDb } from './schema';
import { readTransaction, writeTransaction } from './transactions';

/** Typed array classes by dtype name; the name is what the header stores. */
const CONSTRUCTORS = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  uint32: Uint32Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
} as const;

interface TypedArrays {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  uint32: Uint32Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int8: Int8Array;
}
export type TypedArrayOf<D extends DType> = TypedArrays[D];
export type StorableTypedArray = TypedArrays[DType];

/** 4 MiB: large enough to keep per-record overhead low, small enough for any single put. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export interface PutTypedArrayOptions {
  key: string;
  /** Id of the top-level item (dataset, run, PCA basis, result) the array belongs to. */
  owner: string;
  array: StorableTypedArray;
  /** Logical shape; its product must equal array.length. Defaults to [array.length]. */
  shape?: readonly number[];
  /** Target chunk size, rounded down to whole elements. */
  chunkBytes?: number;
}

/** The key range of every chunk of one array, in chunk order. */
export function chunkRange(key: string): IDBKeyRange {
  return IDBKeyRange.bound([key, 0], [key, Infinity]);
}

export function dtypeOf(array: StorableTypedArray): DType {
  const dtype = DTYPES.find((name) => array instanceof CONSTRUCTORS[name]);
  if (dtype === undefined) {
    throw new StorageError(`Cannot store a ${Object.prototype.toString.call(array)}: use one of ${DTYPES.join(', ')}.`);
  }
  return dtype;
}

/**
 * Stores `array` as a header plus chunks, replacing any array with the same key completely
 * (its old chunks are deleted, however many). Header and chunks are written in one transaction.
 */
export async function putTypedArray(db: WorkbenchDb, options: PutTypedArrayOptions): Promise<ArrayHeader> {
  const { key, owner, array } = options;
  const dtype = dtypeOf(array);
  const shape = [...(options.shape ?? [array.length])];
  const size = shape.reduce((product, dim) => product * dim, 1);
  if (size !== array.length) {
    throw new StorageError(`Array '${key}' has ${array.length} values but shape [${shape.join(', ')}] holds ${size}.`);
  }
  const requested = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!(requested > 0)) throw new StorageError(`Chunk size must be positive, got ${requested} bytes.`);
  // Whole elements per chunk, so that every chunk is itself a readable slice of the array.
  const perElement = array.BYTES_PER_ELEMENT;
  const chunkBytes = Math.max(1, Math.floor(requested / perElement)) * perElement;
  const byteLength = array.byteLength;
  const chunkCount = Math.ceil(byteLength / chunkBytes);
  const header: ArrayHeader = { key, owner, dtype, length: array.length, shape, byteLength, chunkCount, chunkBytes };
  const bytes = new Uint8Array(array.buffer, array.byteOffset, byteLength);

  const action = `writing array '${key}' (${formatBytes(byteLength)})`;
  await writeTransaction(db, ['arrays', 'arrayChunks'], action, async (tx) => {
    const chunks = tx.objectStore('arrayChunks');
    await chunks.delete(chunkRange(key));
    await tx.objectStore('arrays').put(header);
    for (let index = 0; index < chunkCount; index++) {
      // slice() copies into a fresh ArrayBuffer (also when the source is shared memory).
      const data = bytes.slice(index * chunkBytes, (index + 1) * chunkBytes).buffer;
      await chunks.put({ arrayKey: key, index, data });
    }
  });
  return header;
}

export async function getArrayHeader(db: WorkbenchDb, key: string): Promise<ArrayHeader | undefined> {
  return readTransaction(db, ['arrays'], `reading array '${key}'`, (tx) => tx.objectStore('arrays').get(key));
}

/**
 * Reads an array back as the type it was stored with, or undefined if there is none. With
 * `dtype`, a stored array of another type is an error instead of a silent reinterpretation.
 */
export async function getTypedArray(db: WorkbenchDb, key: string): Promise<StorableTypedArray | undefined>;
export async function getTypedArray<D extends DType>(
  db: WorkbenchDb,
  key: string,
  dtype: D,
): Promise<TypedArrayOf<D> | undefined>;
export async function getTypedArray(
  db: WorkbenchDb,
  key: string,
  dtype?: DType,
): Promise<StorableTypedArray | undefined> {
  return readTransaction(db, ['arrays', 'arrayChunks'], `reading array '${key}'`, async (tx) => {
    const header = await tx.objectStore('arrays').get(key);
    if (header === undefined) return undefined;
    if (dtype !== undefined && header.dtype !== dtype) {
      throw new StorageError(`Array '${key}' holds ${header.dtype} values, not ${dtype}.`);
    }
    const bytes = new Uint8Array(header.byteLength);
    const chunks = tx.objectStore('arrayChunks');
    let offset = 0;
    // One chunk at a time, so each can be collected once copied.
    for (let index = 0; index < header.chunkCount; index++) {
      const chunk = await chunks.get([key, index]);
      if (chunk === undefined || offset + chunk.data.byteLength > header.byteLength) {
        throw corrupt(key, `chunk ${index + 1} of ${header.chunkCount} is missing or too long`);
      }
      bytes.set(new Uint8Array(chunk.data), offset);
      offset += chunk.data.byteLength;
    }
    if (offset !== header.byteLength) {
      throw corrupt(key, `its chunks hold ${offset} bytes, the header says ${header.byteLength}`);
    }
    return new CONSTRUCTORS[header.dtype](bytes.buffer, 0, header.length);
  });
}

/** Deletes an array's header and chunks; a missing key is not an error. */
export async function deleteTypedArray(db: WorkbenchDb, key: string): Promise<void> {
  await writeTransaction(db, ['arrays', 'arrayChunks'], `deleting array '${key}'`, async (tx) => {
    await tx.objectStore('arrayChunks').delete(chunkRange(key));
    await tx.objectStore('arrays').delete(key);
  });
}

function corrupt(key: string, detail: string): StorageError {
  return new StorageError(`Stored array '${key}' is damaged (${detail}); delete it and compute it again.`);
}

/** Deletes every array whose key starts with `prefix` (headers and chunks), in one transaction. */
export async function deleteTypedArraysWithPrefix(db: WorkbenchDb, prefix: string): Promise<void> {
  if (prefix === '') throw new StorageError('Refusing to delete every array: the key prefix is empty.');
  const end = `${prefix}\uffff`;
  await writeTransaction(db, ['arrays', 'arrayChunks'], `deleting arrays '${prefix}…'`, async (tx) => {
    // Chunk keys are [arrayKey, index]: [prefix] sorts before the first, [end] after the last.
    await tx.objectStore('arrayChunks').delete(IDBKeyRange.bound([prefix], [end]));
    await tx.objectStore('arrays').delete(IDBKeyRange.bound(prefix, end));
  });
}
