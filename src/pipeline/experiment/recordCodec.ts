/**
 * Stored records as JSON plus one binary file, exactly as IndexedDB held them: typed arrays,
 * ArrayBuffers and Blobs go to the binary file (referenced by offset), and numbers JSON cannot
 * say (NaN, ±Infinity, -0) are spelled out, so a record read back is the record written.
 */
import { GmfError } from '../../lib/errors';

/** The one key a plain object in a stored record may not have: it marks an encoded value. */
const MARK = '$gmf';

const TYPED = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint32Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int8Array,
} as const;
type TypedName = keyof typeof TYPED;

/** Every typed-array class a stored record may hold. */
export const TYPED_ARRAYS = Object.values(TYPED);

export class RecordCodecError extends GmfError {
  constructor(readonly problem: string) {
    super('RECORD_CODEC', problem);
  }
}

function typedName(value: ArrayBufferView): TypedName | null {
  for (const name of Object.keys(TYPED) as TypedName[]) if (value.constructor === TYPED[name]) return name;
  return null;
}

/** `value` as JSON text and the binary file its typed arrays, buffers and Blobs point into (by offset). */
export async function encodeRecord(value: unknown): Promise<{ json: string; bin: Uint8Array }> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const append = (bytes: Uint8Array) => {
    const at = offset;
    parts.push(bytes);
    offset += bytes.length;
    return { offset: at, bytes: bytes.length };
  };
  const encode = async (v: unknown): Promise<unknown> => {
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return { [MARK]: 'number', value: 'NaN' };
      if (!Number.isFinite(v)) return { [MARK]: 'number', value: v > 0 ? 'Infinity' : '-Infinity' };
      return Object.is(v, -0) ? { [MARK]: 'number', value: '-0' } : v;
    }
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol')
        throw new RecordCodecError(`a stored ${typeof v} cannot be written`);
      return v;
    }
    if (v instanceof ArrayBuffer) return { [MARK]: 'ArrayBuffer', ...append(new Uint8Array(v.slice(0))) };
    if (ArrayBuffer.isView(v)) {
      const name = typedName(v);
      if (!name) throw new RecordCodecError(`a stored ${v.constructor.name} cannot be written`);
      return { [MARK]: name, ...append(new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice()) };
    }
    if (v instanceof Blob) return { [MARK]: 'Blob', type: v.type, ...append(new Uint8Array(await v.arrayBuffer())) };
    if (Array.isArray(v)) return Promise.all(v.map(encode));
    if (Object.getPrototypeOf(v) !== Object.prototype)
      throw new RecordCodecError(`a stored ${v.constructor.name} cannot be written`);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      if (key === MARK) throw new RecordCodecError(`a stored object has the reserved key ${MARK}`);
      if (item !== undefined) out[key] = await encode(item);
    }
    return out;
  };
  const json = JSON.stringify(await encode(value));
  const bin = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    bin.set(part, at);
    at += part.length;
  }
  return { json, bin };
}

/** The inverse of encodeRecord; anything malformed (bad JSON, a reference outside `bin`) is a RecordCodecError. */
export function decodeRecord(json: string, bin: Uint8Array): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new RecordCodecError('it is not valid JSON');
  }
  const slice = (m: Record<string, unknown>): Uint8Array<ArrayBuffer> => {
    const { offset, bytes } = m;
    if (
      typeof offset !== 'number' ||
      typeof bytes !== 'number' ||
      !Number.isSafeInteger(offset) ||
      !Number.isSafeInteger(bytes) ||
      offset < 0 ||
      bytes < 0 ||
      offset + bytes > bin.length
    )
      throw new RecordCodecError(`a binary value lies outside its ${bin.length}-byte file`);
    return new Uint8Array(bin.subarray(offset, offset + bytes));
  };
  const decode = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(decode);
    const o = v as Record<string, unknown>;
    const mark = o[MARK];
    if (mark === undefined) return Object.fromEntries(Object.entries(o).map(([k, item]) => [k, decode(item)]));
    if (mark === 'number') {
      const numbers: Record<string, number> = { NaN, Infinity, '-Infinity': -Infinity, '-0': -0 };
      const n = numbers[String(o.value)];
      if (n === undefined) throw new RecordCodecError(`'${String(o.value)}' is not a number`);
      return n;
    }
    if (mark === 'ArrayBuffer') return slice(o).buffer;
    if (mark === 'Blob') return new Blob([slice(o)], { type: typeof o.type === 'string' ? o.type : '' });
    if (typeof mark === 'string' && mark in TYPED) {
      const bytes = slice(o);
      const Type = TYPED[mark as TypedName];
      if (bytes.length % Type.BYTES_PER_ELEMENT !== 0)
        throw new RecordCodecError(`a ${mark} of ${bytes.length} bytes is not whole elements`);
      return new Type(bytes.buffer, 0, bytes.length / Type.BYTES_PER_ELEMENT);
    }
    throw new RecordCodecError(`unknown encoded value ${JSON.stringify(mark)}`);
  };
  return decode(raw);
}
