import 'fake-indexeddb/auto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import h5wasm from 'h5wasm/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FactorPrediction } from '../decode/decodeLayer';
import { type AnalysisExportData, loadAnalysisExport } from './exportData';
import { type AnalysisRecord, analysisKeys, type LayerPredictionsRecord, type ResultRow } from '../analyze/records';
import type { AnalysedLayerInfo } from '../compress/compressLayers';
import { SPLIT_NAMES, type SplitName } from '../dataset/splits';
import { SCALAR_FACTORS, type SplitFactorsRecord } from '../decompose/factors';
import { openWorkbenchDb, putRecord, putRecords, putTypedArray, type WorkbenchDb } from '../../lib/storage';
import { analysisFilesBytes, writeCompressedH5, writeDecomposedH5, writeResultsH5 } from './analysisH5';
import { RESULT_COLUMNS } from './tables';
import { golden, UPDATING_GOLDEN } from '../../../test/support/golden';
import { type H5Dump as Dump, type H5Node as Node, h5pyDump, h5wasmDump } from '../../../test/support/h5Dump';
import { pythonJson } from '../../../test/support/python.mjs';

// The independent reader is h5py: its dumps of these files are golden files (test/golden/
// analysisH5.*.json, rewritten live by `npm run golden`); every run, h5wasm must read the files
// we write now exactly as h5py read them then.

/** Deterministic values with full float32 mantissas. */
function values(n: number, seed: number, scale = 1): number[] {
  return Array.from({ length: n }, (_, i) => Math.fround(Math.sin(seed * 97.3 + i * 12.9898) * scale));
}
const f32 = (n: number, seed: number): Float32Array => Float32Array.from(values(n, seed));
const f64 = (n: number, seed: number, scale = 1): Float64Array =>
  Float64Array.from(values(n, seed, scale), (v) => v + 1e-9 * seed);

const LAYERS: AnalysedLayerInfo[] = [
  {
    name: 'layer00_input',
    opNr: 1,
    operation: 'input',
    features: 10,
    sketchedTo: 6,
    components: 3,
    explainedVariance: 0.75,
    explainedVarianceRatio: [0.5, 0.15, 0.1],
  },
  {
    name: 'layer03_conv',
    opNr: 2,
    operation: 'conv',
    features: 5,
    sketchedTo: null,
    components: 3,
    explainedVariance: 0.9,
    explainedVarianceRatio: [0.6, 0.2, 0.1],
  },
  {
    name: 'layer06_globalpool',
    opNr: 3,
    operation: 'globalpool',
    features: 2,
    sketchedTo: null,
    components: 2,
    explainedVariance: 1,
    explainedVarianceRatio: [0.7, 0.3],
  },
];
const SAMPLES: Record<SplitName, number> = { training: 5, validation: 3, testing: 4 };
const GENDERS = ['M', 'F'];
const ETHNS = ['WC', 'EA', 'BA'];
const EMOS = ['happy', 'surprise', 'neutral'];

function splitFactors(split: SplitName, s: number): SplitFactorsRecord {
  const n = SAMPLES[split];
  const int = (k: number) => Float64Array.from({ length: n }, (_, i) => (i * 7 + s * 3 + k) % 11);
  return {
    key: analysisKeys.factors('a1', split),
    owner: 'a1',
    split,
    samples: n,
    numbers: {
      id: Float64Array.from({ length: n }, (_, i) => s * 10 + (i % 2)),
      age: int(20),
      bg: int(0),
      // Whole numbers (as the generator rounds them), stored int64; the others fall back to float64.
      xr: f64(n, s + 1, 30).map(Math.round),
      yr: f64(n, s + 2, 30),
      zr: f64(n, s + 3, 30),
      xt: f64(n, s + 4, 100),
      yt: f64(n, s + 5, 100),
      zt: f64(n, s + 6, 100).map(Math.round),
      xl: f64(n, s + 7, 90),
      yl: f64(n, s + 8, 90),
    },
    labels: {
      gender: Array.from({ length: n }, (_, i) => GENDERS[(i + s) % 2] ?? ''),
      ethn: Array.from({ length: n }, (_, i) => ETHNS[(i + s) % 3] ?? ''),
      emo: Array.from({ length: n }, (_, i) => EMOS[(i * 2 + s) % 3] ?? ''),
    },
    shape: f32(n * 4, s + 20),
    shapeComponents: 4,
    tex: f32(n * 5 * 3, s + 30),
    texBands: 5,
    texComponents: 3,
  };
}

function predictionsOf(layer: string, l: number): LayerPredictionsRecord {
  const n = SAMPLES.testing;
  const matrix = (cols: number, seed: number) => ({ rows: n, cols, data: f64(n * cols, seed) });
  const classProba = (k: number, seed: number) => ({
    rows: n,
    cols: k,
    data: Float64Array.from({ length: n * k }, (_, i) => ((i * 5 + seed) % 7) / 7),
  });
  const predictions: FactorPrediction[] = [
    {
      factor: 'id',
      kind: 'identity',
      classes: [30, 31],
      true: Int32Array.from([0, 1, 0, 1]),
      predicted: Int32Array.from([0, 0, 0, 1]),
      proba: classProba(2, l),
      pTrue: f64(n, l + 40),
    },
    {
      factor: 'gender',
      kind: 'categorical',
      classes: ['F', 'M'],
      true: Int32Array.from([1, 0, 1, 0]),
      predicted: Int32Array.from([1, 1, 0, 0]),
      proba: classProba(2, l + 1),
      pTrue: f64(n, l + 41),
    },
    {
      factor: 'bg',
      kind: 'categorical',
      classes: [1, 4, 8],
      true: Int32Array.from([2, 0, 1, 2]),
      predicted: Int32Array.from([2, 1, 1, 0]),
      proba: classProba(3, l + 2),
      pTrue: f64(n, l + 42),
    },
    {
      factor: 'age',
      kind: 'continuous',
      true: matrix(1, l + 50),
      predicted: matrix(1, l + 51),
      alphas: Float64Array.from([10]),
    },
    {
      factor: 'shape',
      kind: 'continuous',
      true: matrix(4, l + 52),
      predicted: matrix(4, l + 53),
      alphas: Float64Array.from([0.001, 0.01, 0.1, 1]),
    },
  ];
  return { key: analysisKeys.predictions('a1', layer), owner: 'a1', layer, predictions };
}

function perfRows(): ResultRow[] {
  return LAYERS.flatMap((layer) =>
    ['id', 'age', 'shape'].map((factor, k) => ({
      corr: values(1, layer.opNr * 3 + k)[0] ?? 0,
      factor,
      feature_nr: 1,
      layername: layer.name,
      layer: layer.name.slice(5, 7),
      operation: layer.operation,
      op_nr: layer.opNr,
      p_value: k === 0 ? NaN : 0.01 * k,
      ci_low: k === 0 ? NaN : -0.5,
      ci_high: k === 0 ? NaN : 0.75,
    })),
  );
}

function synthetic(): AnalysisExportData {
  const record: AnalysisRecord = {
    id: 'a1',
    name: 'Analysis 1',
    createdAt: 1,
    runId: 'r1',
    runName: 'resnet6 id',
    datasetId: 'd1',
    query: { name: 'young', text: 'age < 50' },
    options: {
      nComponents: 3,
      nBatches: 3,
      batchSize: 4,
      maxFeatures: 6,
      memoryBudgetMb: 64,
      permutations: 10,
      bootstraps: 10,
      seed: 1,
    },
    // Asked for 3 batches, 2 ran: the files say 2.
    batchesUsed: 2,
    // Compressed on wasm, resumed after a reload on webgpu: the files say both.
    provenance: { appVersion: '0.1.0', backends: ['wasm', 'webgpu'], faceModel: 'ict-facekit v3' },
    status: 'complete',
    stage: 'done',
    layers: LAYERS,
    samples: SAMPLES,
    decomposed: [...SPLIT_NAMES],
    decodedLayers: LAYERS.map((l) => l.name),
    perf: perfRows(),
    skipped: [],
  };
  const pca = new Map(
    LAYERS.map((layer, l) => {
      const width = layer.sketchedTo ?? layer.features;
      return [layer.name, { mu: f32(width, 60 + l), W: f32(width * layer.components, 70 + l) }] as const;
    }),
  );
  const split = (name: SplitName, s: number) => ({
    factors: splitFactors(name, s),
    activations: new Map(
      LAYERS.map((layer, l) => [layer.name, f32(SAMPLES[name] * layer.components, 80 + 10 * s + l)] as const),
    ),
  });
  return {
    record,
    pca,
    splits: { training: split('training', 0), validation: split('validation', 1), testing: split('testing', 2) },
    predictions: LAYERS.map((l, i) => predictionsOf(l.name, i)),
    beyond: [],
  };
}

const numbers = (a: ArrayLike<number>): (number | null)[] => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
/** As h5py lists a group without tracked creation order (the original's files): by name, byte order. */
const byName = (names: readonly string[]): string[] => [...names].sort();

const RUN_ATTRS = {
  n_comp: 3,
  n_batches: 2,
  batch_size: 4,
  query: 'age < 50',
  run: 'resnet6 id',
  run_id: 'r1',
  sketch_width: 6,
  memory_budget_mb: 64,
  permutations: 10,
  bootstraps: 10,
  seed: 1,
  app_version: '0.1.0',
  backend: 'wasm+webgpu',
  face_model: 'ict-facekit v3',
};

function expectDataset(node: Node | undefined, shape: number[], dtype: string, expected: unknown[]): void {
  expect(node).toMatchObject({ kind: 'dataset', shape, dtype });
  expect(node?.values).toEqual(expected);
}

function expectCompressed(dump: Dump, root: string, data: AnalysisExportData): void {
  const at = (p: string) => dump[`${root}${p}` || '/'];
  expect(at('')).toMatchObject({ kind: 'group', attrs: RUN_ATTRS, keys: byName(LAYERS.map((l) => l.name)) });
  for (const layer of LAYERS) {
    const width = layer.sketchedTo ?? layer.features;
    const pca = data.pca.get(layer.name);
    const group = at(`/${layer.name}`);
    expect(group?.keys).toEqual(byName(['mu', 'W', 'explained_variance_ratio']));
    expect(group?.attrs).toEqual(
      layer.sketchedTo === null
        ? { explained_variance: Math.fround(layer.explainedVariance) }
        : { explained_variance: Math.fround(layer.explainedVariance), sketched_from: layer.features },
    );
    expectDataset(at(`/${layer.name}/mu`), [width], 'float32', numbers(pca?.mu ?? []));
    expectDataset(at(`/${layer.name}/W`), [width, layer.components], 'float32', numbers(pca?.W ?? []));
    expectDataset(
      at(`/${layer.name}/explained_variance_ratio`),
      [layer.components],
      'float64',
      layer.explainedVarianceRatio,
    );
  }
}

function expectDecomposed(dump: Dump, root: string, data: AnalysisExportData): void {
  const at = (p: string) => dump[`${root}${p}` || '/'];
  expect(at('')).toMatchObject({
    kind: 'group',
    attrs: RUN_ATTRS,
    keys: byName(['training', 'validation', 'testing']),
  });
  for (const split of SPLIT_NAMES) {
    const { factors, activations } = data.splits[split];
    const n = factors.samples;
    expect(at(`/${split}`)).toMatchObject({
      attrs: { n_samples: n },
      keys: byName([...SCALAR_FACTORS, 'shape', 'tex', 'a_N']),
    });
    for (const name of ['gender', 'ethn', 'emo'] as const)
      expectDataset(at(`/${split}/${name}`), [n], 'str', factors.labels[name]);
    // The original's dtypes: int64 for its whole-number columns, float64 for xt, yt (and for any
    // column holding a fraction, never rounded).
    for (const name of ['id', 'age', 'bg', 'xr', 'zt'] as const)
      expectDataset(at(`/${split}/${name}`), [n], 'int64', numbers(factors.numbers[name]));
    for (const name of ['yr', 'zr', 'xt', 'yt', 'xl', 'yl'] as const)
      expectDataset(at(`/${split}/${name}`), [n], 'float64', numbers(factors.numbers[name]));
    expectDataset(at(`/${split}/shape`), [n, 4], 'float32', numbers(factors.shape));
    // The original's layout: one flat row per sample, column c * bands + b (io.py flattens tex[:, :100].T).
    const flat = Array.from({ length: n * 15 }, (_, k) => {
      const [i, column] = [Math.floor(k / 15), k % 15];
      const [c, b] = [Math.floor(column / 5), column % 5];
      return factors.tex[(i * 5 + b) * 3 + c] ?? NaN;
    });
    expectDataset(at(`/${split}/tex`), [n, 15], 'float32', numbers(flat));
    // h5py lists a_N by name: analyze_model.py's op_nr = enumerate(a_N.keys()) is the position by name.
    expect(at(`/${split}/a_N`)?.keys).toEqual(byName(LAYERS.map((l) => l.name)));
    for (const layer of LAYERS)
      expectDataset(
        at(`/${split}/a_N/${layer.name}`),
        [n, layer.components],
        'float32',
        numbers(activations.get(layer.name) ?? []),
      );
  }
}

describe('analysis HDF5 files (DESIGN.md section 4), read back with h5py', () => {
  let dir = '';
  let data: AnalysisExportData;
  let paths: string[] = [];
  /** What h5py read (golden). */
  let dumps: { compressed: Dump; decomposed: Dump; results: Dump };
  beforeAll(async () => {
    await h5wasm.ready;
    dir = mkdtempSync(join(tmpdir(), 'gmf-analysis-h5-'));
    data = synthetic();
    paths = ['run_compressed.h5', 'run_decomposed.h5', 'run_results.h5'].map((f) => join(dir, f));
    writeCompressedH5(h5wasm, paths[0] ?? '', data);
    writeDecomposedH5(h5wasm, paths[1] ?? '', data);
    writeResultsH5(h5wasm, paths[2] ?? '', data);
    dumps = golden('analysisH5.files', () => {
      const [compressed = {}, decomposed = {}, results = {}] = h5pyDump(...paths);
      return { compressed, decomposed, results };
    });
  });

  it('h5wasm reads the files written now as h5py read them (golden dumps)', () => {
    expect(paths.map((p) => h5wasmDump(p))).toEqual([dumps.compressed, dumps.decomposed, dumps.results]);
  });

  it('{run}_compressed.h5: run attrs, one group per layer with mu, W, explained variance, sketch width', () => {
    expect(Object.keys(dumps.compressed)).toHaveLength(1 + LAYERS.length * 4);
    expectCompressed(dumps.compressed, '', data);
  });

  it('{run}_decomposed.h5: per split every factor (text, int, float64), shape, tex and the literal a_N group per layer', () => {
    expect(Object.keys(dumps.decomposed)).toHaveLength(1 + 3 * (1 + SCALAR_FACTORS.length + 2 + 1 + LAYERS.length));
    expectDecomposed(dumps.decomposed, '', data);
  });

  it('results: compressed and decomposed groups hold the same as the two files', () => {
    expect(dumps.results['/']).toMatchObject({
      attrs: RUN_ATTRS,
      keys: byName(['compressed', 'decomposed', 'performance', 'predictions']),
    });
    expectCompressed(dumps.results, '/compressed', data);
    expectDecomposed(dumps.results, '/decomposed', data);
  });

  it('results: performance table as one dataset per column, readable into pandas as documented', () => {
    const perf = data.record.perf;
    const columns = [
      'corr',
      'factor',
      'feature_nr',
      'layername',
      'layer',
      'operation',
      'op_nr',
      'p_value',
      'ci_low',
      'ci_high',
    ];
    expect(dumps.results['/performance']).toMatchObject({ keys: byName(columns), attrs: { columns } });
    const at = (c: string) => dumps.results[`/performance/${c}`];
    for (const c of ['corr', 'p_value', 'ci_low', 'ci_high'] as const)
      expectDataset(at(c), [perf.length], 'float64', numbers(perf.map((r) => r[c])));
    for (const c of ['factor', 'layername', 'layer', 'operation'] as const)
      expectDataset(
        at(c),
        [perf.length],
        'str',
        perf.map((r) => r[c]),
      );
    for (const c of ['feature_nr', 'op_nr'] as const)
      expectDataset(
        at(c),
        [perf.length],
        'int32',
        perf.map((r) => r[c]),
      );
    const script = `
import h5py, json, pandas as pd, sys
f = h5py.File(sys.argv[1], "r")
p = f['performance']
df = pd.DataFrame({k: (p[k].asstr()[()] if h5py.check_string_dtype(p[k].dtype) else p[k][()]) for k in p.attrs['columns']})
rows = [[None if isinstance(v, float) and v != v else v for v in row] for row in df.astype(object).itertuples(index=False)]
print(json.dumps({"columns": list(df.columns), "dtypes": [str(t) for t in df.dtypes], "data": rows}))`;
    const df = golden(
      'analysisH5.performancePandas',
      () =>
        pythonJson(['h5py', 'pandas'], ['-c', script, join(dir, 'run_results.h5')]) as {
          columns: string[];
          dtypes: string[];
          data: unknown[][];
        },
    );
    expect(df.columns).toEqual(columns);
    expect(df.dtypes).toEqual([
      'float64',
      'object',
      'int32',
      'object',
      'object',
      'object',
      'int32',
      'float64',
      'float64',
      'float64',
    ]);
    expect(df.data).toEqual(
      perf.map((r) =>
        columns.map((c) => {
          const v = r[c as keyof ResultRow];
          return typeof v === 'number' && Number.isNaN(v) ? null : v;
        }),
      ),
    );
  });

  it('results: predictions/{layer}/{factor} with labels, probabilities and ridge alphas', () => {
    const r = dumps.results;
    expect(r['/predictions']?.keys).toEqual(byName(LAYERS.map((l) => l.name)));
    for (const record of data.predictions) {
      const base = `/predictions/${record.layer}`;
      expect(r[base]?.keys).toEqual(byName(['id', 'gender', 'bg', 'age', 'shape']));
      for (const p of record.predictions) {
        const at = (name: string) => r[`${base}/${p.factor}/${name}`];
        expect(r[`${base}/${p.factor}`]?.attrs).toEqual({ kind: p.kind });
        if (p.kind === 'continuous') {
          expect(r[`${base}/${p.factor}`]?.keys).toEqual(byName(['true', 'predicted', 'alphas']));
          const shape = p.factor === 'shape' ? [4, 4] : [4];
          expectDataset(at('true'), shape, 'float64', numbers(p.true.data));
          expectDataset(at('predicted'), shape, 'float64', numbers(p.predicted.data));
          expectDataset(at('alphas'), [p.alphas.length], 'float64', numbers(p.alphas));
        } else {
          expect(r[`${base}/${p.factor}`]?.keys).toEqual(byName(['classes', 'true', 'predicted', 'proba', 'p_true']));
          const labelType = p.factor === 'gender' ? 'str' : 'int32';
          expectDataset(at('classes'), [p.classes.length], labelType, [...p.classes]);
          expectDataset(
            at('true'),
            [4],
            labelType,
            Array.from(p.true, (c) => p.classes[c]),
          );
          expectDataset(
            at('predicted'),
            [4],
            labelType,
            Array.from(p.predicted, (c) => p.classes[c]),
          );
          expectDataset(at('proba'), [4, p.classes.length], 'float64', numbers(p.proba.data));
          expectDataset(at('p_true'), [4], 'float64', numbers(p.pTrue));
        }
      }
    }
  });

  it('as bytes through a scratch folder: HDF5 files that read the same, scratch left empty', async () => {
    const module = await h5wasm.ready;
    const scratch = mkdtempSync(join(tmpdir(), 'gmf-analysis-scratch-'));
    const files = analysisFilesBytes(h5wasm, module.FS, `${scratch}/`, data);
    expect(readdirSync(scratch)).toEqual([]);
    const paths = (['compressed', 'decomposed', 'results'] as const).map((name) => {
      const bytes = files[name];
      expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
      const path = join(scratch, `${name}.h5`);
      writeFileSync(path, bytes);
      return path;
    });
    const expected = [dumps.compressed, dumps.decomposed, dumps.results];
    expect(paths.map((p) => h5wasmDump(p))).toEqual(expected);
    if (UPDATING_GOLDEN) expect(h5pyDump(...paths)).toEqual(expected); // the live cross-check, under `npm run golden`
  });

  it('results without performance rows: empty columns that keep their dtypes', () => {
    const empty = synthetic();
    empty.record = { ...empty.record, perf: [] };
    const path = join(dir, 'empty_results.h5');
    writeResultsH5(h5wasm, path, empty);
    // Only the performance group: the rest is as in the files above.
    const performance = (d: Dump): Dump =>
      Object.fromEntries(Object.entries(d).filter(([p]) => p.startsWith('/performance')));
    const dump = golden('analysisH5.emptyResults', () => performance(h5pyDump(path)[0] ?? {}));
    expect(performance(h5wasmDump(path))).toEqual(dump);
    const dtypes = ['float64', 'str', 'int32', 'str', 'str', 'str', 'int32', 'float64', 'float64', 'float64'];
    expect(RESULT_COLUMNS.map((c) => [dump[`/performance/${c}`]?.dtype, dump[`/performance/${c}`]?.shape])).toEqual(
      dtypes.map((d) => [d, [0]]),
    );
  });
});

describe('loadAnalysisExport (IndexedDB)', () => {
  let db: WorkbenchDb | undefined;
  afterEach(() => {
    db?.close();
    db = undefined;
  });

  async function stored(data: AnalysisExportData): Promise<WorkbenchDb> {
    const opened = await openWorkbenchDb({ name: 'analysis-export', factory: new IDBFactory() });
    db = opened;
    const { id } = data.record;
    await putRecord(opened, 'results', data.record);
    for (const [layer, { mu, W }] of data.pca) {
      await putTypedArray(opened, { key: analysisKeys.mu(id, layer), owner: id, array: mu });
      await putTypedArray(opened, { key: analysisKeys.components(id, layer), owner: id, array: W });
    }
    for (const split of SPLIT_NAMES) {
      for (const [layer, a] of data.splits[split].activations)
        await putTypedArray(opened, { key: analysisKeys.activations(id, split, layer), owner: id, array: a });
    }
    await putRecords(opened, 'activations', [...SPLIT_NAMES.map((s) => data.splits[s].factors), ...data.predictions]);
    return opened;
  }

  it('loads back every array and record that the analysis stored', async () => {
    const data = synthetic();
    const loaded = await loadAnalysisExport(await stored(data), 'a1');
    expect(loaded).toEqual(data);
    expect([...loaded.pca.keys()]).toEqual(LAYERS.map((l) => l.name));
    expect(loaded.predictions.map((p) => p.layer)).toEqual(LAYERS.map((l) => l.name));
  });

  it('refuses clearly: a missing array, an unfinished analysis, an unknown id', async () => {
    const data = synthetic();
    data.splits.validation.activations.delete('layer03_conv');
    const incomplete = synthetic();
    incomplete.record = { ...incomplete.record, id: 'a2', status: 'running', stage: 'decode' };
    const opened = await stored(data);
    await putRecord(opened, 'results', incomplete.record);
    await expect(loadAnalysisExport(opened, 'a1')).rejects.toMatchObject({
      code: 'ANALYSIS_EXPORT_MISSING',
      message: expect.stringContaining('validation activations of layer03_conv') as unknown,
    });
    await expect(loadAnalysisExport(opened, 'a2')).rejects.toMatchObject({
      code: 'ANALYSIS_NOT_COMPLETE',
      message: expect.stringContaining('not complete') as unknown,
    });
    await expect(loadAnalysisExport(opened, 'nope')).rejects.toMatchObject({ code: 'ANALYSIS_MISSING' });
  });
});
