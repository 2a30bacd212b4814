/**
 * The HDF5 outputs of an analysis (DESIGN.md section 4), written with h5wasm (the module is
 * passed in, as in featuresH5.ts) and laid out for h5py:
 * - `{run}_compressed.h5`: attrs n_comp, n_batches (the batches that ran), batch_size, query, run,
 *   run_id, id_folds ('original' or 'shuffled': how identity was cross-validated), and our
 *   options beyond the original's: sketch_width, memory_budget_mb, permutations, bootstraps,
 *   seed; and what ran: app_version, backend ('+' between several sessions' backends),
 *   face_model; per layer a
 *   group `{layer}` with `mu` [features], `W` [features x components], `explained_variance_ratio`
 *   [components], attr `explained_variance` (sum of ratios) and, for a sketched layer,
 *   `sketched_from` (its width before the random projection; mu and W are then sketched-width).
 * - `{run}_decomposed.h5`: the same attrs; groups training / validation / testing (attr
 *   n_samples) with one dataset per factor (strings as UTF-8 variable-length text; id, age, bg
 *   as int32 when whole numbers; the rest float64), `shape` [samples x min(100, components)],
 *   `tex` [samples x min(100, components) * bands] (the original's layout: column c * bands + b)
 *   and a group named literally `a_N` (as the original's
 *   decompose_model.py writes and analyze_model.py reads) with one [samples x components]
 *   float32 dataset per layer.
 * - results: all of it in one file: groups `compressed` and `decomposed` (as above), `performance`
 *   (one dataset per column of the perf table, in order, attr `columns`), and
 *   `predictions/{layer}/{factor}` (attr kind; continuous factors: `true`, `predicted` [samples],
 *   or [samples x columns] for shape and tex (the columns of feature_nr, as in decomposed.h5), `alphas`;
 *   categorical factors and id: `classes`, `true`, `predicted` (labels), `proba` [samples x
 *   classes, in the order of `classes`], `p_true`).
 * Read the performance table with pandas:
 *   `p = f['performance']; pd.DataFrame({k: (p[k].asstr()[()] if h5py.check_string_dtype(p[k].dtype) else p[k][()]) for k in p.attrs['columns']})`
 *   (h5py lists a group's members by name, as in the original's files: no creation order is tracked).
 */
import type { Group } from 'h5wasm';
import type { FactorPrediction } from '../decode/decodeLayer';
import type { Label } from '../decode/labels';
import type { AnalysisExportData } from './exportData';
import { type AnalysisRecord, idFoldsOf, type LayerPredictionsRecord, type ResultRow } from '../analyze/records';
import { SPLIT_NAMES } from '../dataset/splits';
import { originalShape, originalTex, SCALAR_FACTORS, type SplitFactorsRecord } from '../decompose/factors';
import { isPerComponent, RESULT_COLUMNS } from './tables';
import { writeBeyondH5 } from '../analyze/exports';
import { GmfError } from '../../lib/errors';
import { type H5FileSystem, type H5Lib, withScratchPath, writeH5File } from '../../lib/formats/hdf5';

/**
 * Factors the original stores as int64 (pandas' dtype for its CSV's whole-number columns: the
 * generator rounds them); xt and yt, scaled by the depth, are float64 there. Stored as int64 when
 * every value is a whole number, else float64 (never rounded).
 */
const WHOLE_NUMBER_FACTORS: readonly string[] = ['id', 'age', 'bg', 'xr', 'yr', 'zr', 'zt', 'xl', 'yl'];
const TEXT_FACTORS = ['gender', 'ethn', 'emo'] as const;
const STRING_DTYPE = 'S';
// h5wasm reads dtypes as Python struct codes: '<i' int32, '<q' int64, '<f' float32 ('<f8' would be float32 too).
const INT32 = '<i';
const INT64 = '<q';
const FLOAT32 = '<f';

export class AnalysisH5Error extends GmfError {
  constructor(message: string) {
    super('ANALYSIS_H5', message);
  }
}

/** A group name must be one HDF5 path component. */
function childName(name: string): string {
  if (name === '' || name === '.' || name.includes('/'))
    throw new AnalysisH5Error(`'${name}' cannot name an HDF5 group or dataset.`);
  return name;
}

function writeArray(
  group: Group,
  name: string,
  data: Float32Array | Float64Array | Int32Array | BigInt64Array,
  shape: readonly number[],
): void {
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size)
    throw new AnalysisH5Error(
      `'${group.path}/${name}' has ${data.length} values, not the ${size} of shape [${shape.join(', ')}].`,
    );
  group.create_dataset({ name: childName(name), data, shape: [...shape] });
}

function writeText(group: Group, name: string, values: readonly string[]): void {
  group.create_dataset({ name: childName(name), data: [...values], shape: [values.length], dtype: STRING_DTYPE });
}

function isWholeInt32(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) return false;
  }
  return true;
}

/** A factor as the original's dtype: int64 when every value is a safe whole number, else float64. */
function writeFactorNumbers(group: Group, name: string, values: ArrayLike<number>): void {
  let whole = true;
  for (let i = 0; i < values.length && whole; i++) whole = Number.isSafeInteger(values[i]);
  const data = whole ? BigInt64Array.from(Array.from(values), (v) => BigInt(v)) : Float64Array.from(values);
  writeArray(group, name, data, [values.length]);
}

/** int32 when every value is a whole number, else float64. */
function writeNumbers(group: Group, name: string, values: ArrayLike<number>): void {
  writeArray(group, name, isWholeInt32(values) ? Int32Array.from(values) : Float64Array.from(values), [values.length]);
}

function writeLabels(group: Group, name: string, labels: readonly Label[]): void {
  if (labels.every((l): l is string => typeof l === 'string')) writeText(group, name, labels);
  else if (labels.every((l): l is number => typeof l === 'number')) writeNumbers(group, name, labels);
  else throw new AnalysisH5Error(`The labels of '${group.path}/${name}' mix numbers and text.`);
}

/**
 * As the original: n_comp and n_batches int64 (Python ints), explained_variance float32.
 * n_batches is what ran (fewer than asked when the training images hold fewer batches).
 */
function writeRunAttrs(group: Group, record: AnalysisRecord): void {
  const { nComponents, nBatches, batchSize } = record.options;
  group.create_attribute('n_comp', nComponents, null, INT64);
  group.create_attribute('n_batches', record.batchesUsed ?? nBatches, null, INT64);
  group.create_attribute('batch_size', batchSize, null, INT64);
  group.create_attribute('query', record.query?.text ?? '', null, STRING_DTYPE);
  group.create_attribute('run', record.runName, null, STRING_DTYPE);
  group.create_attribute('run_id', record.runId, null, STRING_DTYPE);
  group.create_attribute('id_folds', idFoldsOf(record.options), null, STRING_DTYPE);
  // Our options beyond the original's (its readers ignore attributes they do not ask for).
  const { maxFeatures, memoryBudgetMb, permutations, bootstraps, seed } = record.options;
  group.create_attribute('sketch_width', maxFeatures, null, INT64);
  if (memoryBudgetMb !== undefined) group.create_attribute('memory_budget_mb', memoryBudgetMb, null, INT64);
  group.create_attribute('permutations', permutations, null, INT64);
  group.create_attribute('bootstraps', bootstraps, null, INT64);
  group.create_attribute('seed', seed, null, INT64);
  // What ran: the app version, the tfjs backend(s) of the forward passes, the dataset's face model.
  const provenance = record.provenance;
  if (provenance) {
    group.create_attribute('app_version', provenance.appVersion, null, STRING_DTYPE);
    group.create_attribute('backend', provenance.backends.join('+'), null, STRING_DTYPE);
    if (provenance.faceModel !== null) group.create_attribute('face_model', provenance.faceModel, null, STRING_DTYPE);
  }
}

function writeCompressed(root: Group, data: AnalysisExportData): void {
  writeRunAttrs(root, data.record);
  for (const layer of data.record.layers) {
    const pca = data.pca.get(layer.name);
    if (!pca) throw new AnalysisH5Error(`The PCA of ${layer.name} is missing.`);
    const width = layer.sketchedTo ?? layer.features;
    const group = root.create_group(childName(layer.name));
    writeArray(group, 'mu', pca.mu, [width]);
    writeArray(group, 'W', pca.W, [width, layer.components]);
    writeArray(group, 'explained_variance_ratio', Float64Array.from(layer.explainedVarianceRatio), [
      layer.explainedVarianceRatio.length,
    ]);
    group.create_attribute('explained_variance', layer.explainedVariance, null, FLOAT32);
    if (layer.sketchedTo !== null) group.create_attribute('sketched_from', layer.features, null, INT32);
  }
}

function writeFactors(group: Group, f: SplitFactorsRecord): void {
  for (const name of SCALAR_FACTORS) {
    if ((TEXT_FACTORS as readonly string[]).includes(name)) {
      writeText(group, name, f.labels[name as (typeof TEXT_FACTORS)[number]]);
    } else {
      const values = f.numbers[name as keyof SplitFactorsRecord['numbers']];
      if (WHOLE_NUMBER_FACTORS.includes(name)) writeFactorNumbers(group, name, values);
      else writeArray(group, name, Float64Array.from(values), [values.length]);
    }
  }
  const shape = originalShape(f);
  const tex = originalTex(f);
  writeArray(group, 'shape', shape.data, [f.samples, shape.cols]);
  writeArray(group, 'tex', tex.data, [f.samples, tex.cols]);
}

function writeDecomposed(root: Group, data: AnalysisExportData): void {
  writeRunAttrs(root, data.record);
  for (const split of SPLIT_NAMES) {
    const { factors, activations } = data.splits[split];
    const group = root.create_group(split);
    group.create_attribute('n_samples', factors.samples, null, INT32);
    writeFactors(group, factors);
    const acts = group.create_group('a_N');
    for (const layer of data.record.layers) {
      const a = activations.get(layer.name);
      if (!a) throw new AnalysisH5Error(`The ${split} activations of ${layer.name} are missing.`);
      writeArray(acts, layer.name, a, [factors.samples, layer.components]);
    }
  }
}

function writePerformance(group: Group, rows: readonly ResultRow[]): void {
  group.create_attribute('columns', [...RESULT_COLUMNS], null, STRING_DTYPE);
  for (const column of RESULT_COLUMNS) {
    if (column === 'factor' || column === 'layername' || column === 'layer' || column === 'operation')
      writeText(
        group,
        column,
        rows.map((r) => r[column]),
      );
    else if (column === 'feature_nr' || column === 'op_nr')
      writeArray(
        group,
        column,
        Int32Array.from(rows, (r) => r[column]),
        [rows.length],
      );
    else
      writeArray(
        group,
        column,
        Float64Array.from(rows, (r) => r[column]),
        [rows.length],
      );
  }
}

function writePrediction(group: Group, p: FactorPrediction): void {
  group.create_attribute('kind', p.kind, null, STRING_DTYPE);
  if (p.kind === 'continuous') {
    const shape = isPerComponent(p) ? [p.true.rows, p.true.cols] : [p.true.rows];
    writeArray(group, 'true', p.true.data, shape);
    writeArray(group, 'predicted', p.predicted.data, shape);
    writeArray(group, 'alphas', p.alphas, [p.alphas.length]);
    return;
  }
  const labels = (codes: Int32Array): Label[] => Array.from(codes, (c) => p.classes[c] ?? NaN);
  writeLabels(group, 'classes', p.classes);
  writeLabels(group, 'true', labels(p.true));
  writeLabels(group, 'predicted', labels(p.predicted));
  writeArray(group, 'proba', p.proba.data, [p.proba.rows, p.proba.cols]);
  writeArray(group, 'p_true', p.pTrue, [p.pTrue.length]);
}

function writePredictions(root: Group, records: readonly LayerPredictionsRecord[]): void {
  for (const record of records) {
    const layer = root.create_group(childName(record.layer));
    for (const p of record.predictions) writePrediction(layer.create_group(childName(p.factor)), p);
  }
}

export function writeCompressedH5(h5: H5Lib, path: string, data: AnalysisExportData): void {
  writeH5File(h5, path, (file) => {
    writeCompressed(file, data);
  });
}

export function writeDecomposedH5(h5: H5Lib, path: string, data: AnalysisExportData): void {
  writeH5File(h5, path, (file) => {
    writeDecomposed(file, data);
  });
}

/** Everything in one file: compressed, decomposed, performance, predictions. */
export function writeResultsH5(h5: H5Lib, path: string, data: AnalysisExportData): void {
  writeH5File(h5, path, (file) => {
    writeRunAttrs(file, data.record);
    // An analysis imported from the original's decomposed.h5 has no PCA bases: no `compressed` group.
    if (data.record.layers.length === 0 || data.pca.size > 0) writeCompressed(file.create_group('compressed'), data);
    writeDecomposed(file.create_group('decomposed'), data);
    writePerformance(file.create_group('performance'), data.record.perf);
    writePredictions(file.create_group('predictions'), data.predictions);
    if (data.beyond.length > 0 || data.record.beyond)
      writeBeyondH5(file.create_group('beyond'), data.beyond, data.record.beyond);
  });
}

export interface AnalysisH5Files {
  compressed: Uint8Array;
  decomposed: Uint8Array;
  results: Uint8Array;
}

/**
 * The three files as bytes, written one at a time through `scratchDir` (an existing folder on
 * the h5wasm file system) and removed from it, so a worker can hand them to the UI.
 */
export function analysisFilesBytes(
  h5: H5Lib,
  fs: H5FileSystem,
  scratchDir: string,
  data: AnalysisExportData,
): AnalysisH5Files {
  const bytesOf = (name: string, write: (h5: H5Lib, path: string, data: AnalysisExportData) => void): Uint8Array =>
    withScratchPath(fs, `${scratchDir.replace(/\/+$/, '')}/${name}`, (path) => {
      write(h5, path, data);
      return fs.readFile(path);
    });
  return {
    compressed: bytesOf('analysis_compressed.h5', writeCompressedH5),
    decomposed: bytesOf('analysis_decomposed.h5', writeDecomposedH5),
    results: bytesOf('analysis_results.h5', writeResultsH5),
  };
}
