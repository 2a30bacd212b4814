/**
 * Reads the original pipeline's `{model}_decomposed.h5` (deep-gmf scripts/decompose_model.py,
 * read by its analyze_model.py): groups training / validation / testing, each with one dataset
 * per factor (id, ethn, gender, age, bg, emo, xr ... yl; ethn, gender and emo text or numbers),
 * `shape` [n, k], `tex` [n, m] and a group `a_N` with one [n, components] dataset per layer.
 * Our own export (analysisH5.ts) writes the same layout, so it reads back here too. Every value
 * used is checked; a bad file raises an OriginalFileError that says what is wrong.
 */
import type h5wasm from 'h5wasm';
import type { Dataset, Group } from 'h5wasm';
import { GmfError } from '../../../lib/errors';
import { SPLIT_NAMES, type SplitName } from '../../dataset/splits';
import { ORIGINAL_COMPONENTS, SCALAR_FACTORS, type SplitFactorsRecord } from '../../decompose/factors';
import { parseLayerName } from '../../decode/performanceTable';

/** What the reader needs of h5wasm (the browser build in the worker, the Node build in tests). */
export type H5GroupLib = Pick<typeof h5wasm, 'File' | 'Dataset' | 'Group'>;

export class OriginalFileError extends GmfError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super('ORIGINAL_FILE', `${file} cannot be imported: ${problem}.`);
  }
}

export interface OriginalLayer {
  name: string;
  /** The original's op_nr: the 0-based position among the a_N names as h5py lists them (by name). */
  opNr: number;
  operation: string;
  components: number;
}

export type ImportedFactors = Omit<SplitFactorsRecord, 'key' | 'owner'>;

export interface OriginalSplit {
  factors: ImportedFactors;
  /** Per layer name: samples x components, row-major. */
  activations: Map<string, Float32Array>;
}

export interface OriginalDecomposed {
  layers: OriginalLayer[];
  splits: Record<SplitName, OriginalSplit>;
}

const TEXT_FACTORS = ['gender', 'ethn', 'emo'] as const;
type NumberFactor = keyof SplitFactorsRecord['numbers'];

/** Numbers of any integer or float dtype as float64; null for text, compound and other types. */
function numbersOf(value: unknown): Float64Array | null {
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) return Float64Array.from(value, Number);
  if (
    value instanceof Float64Array ||
    value instanceof Float32Array ||
    value instanceof Int32Array ||
    value instanceof Uint32Array ||
    value instanceof Int16Array ||
    value instanceof Uint16Array ||
    value instanceof Int8Array ||
    value instanceof Uint8Array
  )
    return Float64Array.from(value);
  return null;
}

/** An HDF5 path as the original's code names it: 'testing/yr'. */
const where = (entity: { path: string }): string => entity.path.replace(/^\//, '');

const firstNonFinite = (values: ArrayLike<number>): number => {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
};

/**
 * The original's tex, [n, m] with column c * bands + b, as our factors record holds tex: bands x
 * components per sample with components at most 100 (so originalTex gives the file's columns
 * back in their order). 500 = 5 bands x 100 components; any m has such a split (m x 1 at worst).
 */
export function texLayout(columns: number): { bands: number; components: number } {
  let bands = Math.max(1, Math.ceil(columns / ORIGINAL_COMPONENTS));
  while (columns % bands !== 0) bands++;
  return { bands, components: columns / bands };
}

/** Reads and checks the decomposed.h5 at `path`; `file` names it in messages. */
export function readOriginalDecomposed(h5: H5GroupLib, path: string, file: string): OriginalDecomposed {
  const fail = (problem: string) => new OriginalFileError(file, problem);
  // h5wasm does not throw on a file HDF5 cannot open: it hands back a negative id.
  const opened = new h5.File(path, 'r');
  if (opened.file_id < 0n) throw fail('it is not an HDF5 file');
  try {
    const groupOf = (parent: Group, name: string, what: string): Group => {
      const entity = parent.get(name);
      if (!(entity instanceof h5.Group)) throw fail(`it has no group '${what}'`);
      return entity;
    };
    const datasetOf = (group: Group, name: string): Dataset => {
      const entity = group.get(name);
      if (!(entity instanceof h5.Dataset)) throw fail(`it has no dataset '${where(group)}/${name}'`);
      return entity;
    };
    const numbers = (dataset: Dataset): Float64Array => {
      const value = dataset.value;
      const values = numbersOf(value);
      if (!values) throw fail(`'${where(dataset)}' holds ${Array.isArray(value) ? 'text' : 'something'}, not numbers`);
      const bad = firstNonFinite(values);
      if (bad >= 0) throw fail(`'${where(dataset)}' has a value that is not a finite number (at ${bad})`);
      return values;
    };
    const vector = (group: Group, name: string, n: number): Float64Array | string[] => {
      const dataset = datasetOf(group, name);
      const shape = dataset.shape ?? [];
      if (shape.length !== 1 || shape[0] !== n)
        throw fail(`'${where(dataset)}' has shape [${shape.join(', ')}], not one value per sample ([${n}])`);
      const value = dataset.value;
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
      return numbers(dataset);
    };
    const matrix = (group: Group, name: string, n: number): { data: Float32Array; cols: number } => {
      const dataset = datasetOf(group, name);
      const shape = dataset.shape ?? [];
      const cols = shape[1] ?? 0;
      if (shape.length !== 2 || shape[0] !== n || cols < 1)
        throw fail(`'${where(dataset)}' has shape [${shape.join(', ')}], not [${n}, columns]`);
      const value = dataset.value;
      if (value instanceof Float32Array) {
        const bad = firstNonFinite(value);
        if (bad >= 0) throw fail(`'${where(dataset)}' has a value that is not a finite number (at ${bad})`);
        return { data: value, cols };
      }
      return { data: Float32Array.from(numbers(dataset)), cols };
    };

    const layerNames = (split: SplitName): string[] => {
      const names = groupOf(groupOf(opened, split, split), 'a_N', `${split}/a_N`).keys();
      return [...names].sort();
    };
    const names = layerNames('training');
    if (names.length === 0) throw fail(`its group 'training/a_N' holds no layer`);
    for (const name of names) {
      if (parseLayerName(name).layer === '')
        throw fail(
          `the layer '${name}' is not named as the original names layers (layerNN_operation, e.g. layer03_conv)`,
        );
    }
    for (const split of SPLIT_NAMES) {
      const other = layerNames(split);
      if (other.join('\n') !== names.join('\n'))
        throw fail(`'${split}/a_N' holds the layers ${other.join(', ') || 'none'}, 'training/a_N' ${names.join(', ')}`);
    }

    const components = new Map<string, number>();
    const shapeColumns = new Map<string, number>();
    const readSplit = (split: SplitName): OriginalSplit => {
      const group = groupOf(opened, split, split);
      const n = datasetOf(group, 'id').shape?.[0] ?? 0;
      if (n < 2) throw fail(`'${split}/id' must list the identities of at least 2 samples`);
      const labels = {} as ImportedFactors['labels'];
      const factorNumbers = {} as ImportedFactors['numbers'];
      for (const name of SCALAR_FACTORS) {
        const values = vector(group, name, n);
        if ((TEXT_FACTORS as readonly string[]).includes(name))
          labels[name as (typeof TEXT_FACTORS)[number]] = Array.isArray(values) ? values : Array.from(values, String);
        else if (Array.isArray(values)) throw fail(`'${split}/${name}' holds text, not numbers`);
        else factorNumbers[name as NumberFactor] = values;
      }
      const shape = matrix(group, 'shape', n);
      const tex = matrix(group, 'tex', n);
      if (shape.cols > ORIGINAL_COMPONENTS)
        throw fail(
          `'${split}/shape' has ${shape.cols} columns; at most ${ORIGINAL_COMPONENTS} are decoded (the original's n_shape)`,
        );
      for (const [what, cols] of [
        ['shape', shape.cols],
        ['tex', tex.cols],
      ] as const) {
        const seen = shapeColumns.get(what);
        if (seen !== undefined && seen !== cols)
          throw fail(`'${split}/${what}' has ${cols} columns, the other splits ${seen}`);
        shapeColumns.set(what, cols);
      }
      const { bands, components: texComponents } = texLayout(tex.cols);
      // Band-major per sample, so that originalTex (column c * bands + b) gives the file's order back.
      const texBandMajor = new Float32Array(n * tex.cols);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < texComponents; c++)
          for (let b = 0; b < bands; b++)
            texBandMajor[(i * bands + b) * texComponents + c] = tex.data[i * tex.cols + c * bands + b] ?? 0;
      const activations = new Map<string, Float32Array>();
      const acts = groupOf(group, 'a_N', `${split}/a_N`);
      for (const name of names) {
        const a = matrix(acts, name, n);
        const seen = components.get(name);
        if (seen !== undefined && seen !== a.cols)
          throw fail(`'${split}/a_N/${name}' has ${a.cols} components, the other splits ${seen}`);
        components.set(name, a.cols);
        activations.set(name, a.data);
      }
      return {
        factors: {
          split,
          samples: n,
          numbers: factorNumbers,
          labels,
          shape: shape.data,
          shapeComponents: shape.cols,
          tex: texBandMajor,
          texBands: bands,
          texComponents,
        },
        activations,
      };
    };
    const splits = {} as Record<SplitName, OriginalSplit>;
    for (const split of SPLIT_NAMES) splits[split] = readSplit(split);
    const layers = names.map((name, opNr) => ({
      name,
      opNr,
      operation: parseLayerName(name).operation,
      components: components.get(name) ?? 0,
    }));
    return { layers, splits };
  } finally {
    opened.close();
  }
}
