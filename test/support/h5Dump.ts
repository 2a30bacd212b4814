/**
 * An HDF5 file as plain JSON, the same from two independent readers: h5py
 * (test/python/h5dump.py; live only under `npm run golden`, which stores its dumps as golden
 * files) and h5wasm (every test run). Each group and dataset path maps to a node in the reader's
 * iteration order; text reports dtype 'str' and NaN reads as null, as in h5dump.py.
 */
import { fileURLToPath } from 'node:url';
import h5wasm, { type Attribute, type Dataset, type Dtype, type OutputData } from 'h5wasm/node';
import { pythonJson } from './python.mjs';

export interface H5Node {
  kind: 'group' | 'dataset';
  attrs: Record<string, unknown>;
  keys?: string[];
  shape?: number[];
  dtype?: string;
  values?: unknown[];
}
export type H5Dump = Record<string, H5Node>;

const H5PY_DUMP = fileURLToPath(new URL('../python/h5dump.py', import.meta.url));

/** h5py's dumps of `paths`, in order (needs Python with h5py). */
export function h5pyDump(...paths: string[]): H5Dump[] {
  const out = pythonJson(['h5py'], [H5PY_DUMP, ...paths]) as Record<string, H5Dump>;
  return paths.map((p) => out[p] ?? {});
}

// h5wasm names types with Python struct codes ('<f' float32, '<d' float64); h5py with numpy's names.
const NUMPY_NAMES: Record<string, string> = {
  b: 'int8',
  B: 'uint8',
  h: 'int16',
  H: 'uint16',
  i: 'int32',
  I: 'uint32',
  q: 'int64',
  Q: 'uint64',
  e: 'float16',
  f: 'float32',
  d: 'float64',
};

function dtypeName(dtype: Dtype): string {
  if (typeof dtype === 'string' && /^[SA]\d*$/.test(dtype)) return 'str';
  const name = typeof dtype === 'string' ? NUMPY_NAMES[dtype.replace(/^[<>=|!]/, '')] : undefined;
  if (name === undefined) throw new Error(`h5Dump does not know the HDF5 type ${JSON.stringify(dtype)}`);
  return name;
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isNaN(v)) return null;
  return v;
}

/** Every value in storage order, as h5py's `.reshape(-1).tolist()` gives it. */
function flatValues(value: OutputData | null): unknown[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => flatValues(v));
  if (ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<number | bigint>, plainValue);
  return [plainValue(value)];
}

/** A scalar attribute reads as its value, any other as a list (a one-element one too), as in h5py. */
function attrValue(attr: Attribute): unknown {
  const values = flatValues(attr.value);
  return attr.shape === null || attr.shape.length === 0 ? values[0] : values;
}

function attrsOf(attrs: Record<string, Attribute>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs).map(([name, attr]) => [name, attrValue(attr)]));
}

function datasetNode(dataset: Dataset): H5Node {
  return {
    kind: 'dataset',
    attrs: attrsOf(dataset.attrs),
    shape: dataset.shape ?? [],
    dtype: dtypeName(dataset.dtype),
    values: flatValues(dataset.value),
  };
}

/** h5wasm's dump of the file at `path` (call after `await h5wasm.ready`). */
export function h5wasmDump(path: string): H5Dump {
  const file = new h5wasm.File(path, 'r');
  try {
    const out: H5Dump = {};
    const visit = (group: InstanceType<typeof h5wasm.Group>, at: string): void => {
      const keys = group.keys();
      out[at] = { kind: 'group', attrs: attrsOf(group.attrs), keys };
      for (const key of keys) {
        const child = group.get(key);
        const path = at === '/' ? `/${key}` : `${at}/${key}`;
        if (child instanceof h5wasm.Dataset) out[path] = datasetNode(child);
        else if (child instanceof h5wasm.Group) visit(child, path);
        else throw new Error(`h5Dump reads groups and datasets only, not ${path}`);
      }
    };
    visit(file, '/');
    return out;
  } finally {
    file.close();
  }
}
