import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisExportData } from './exportData';
import type { ResultRow } from '../analyze/records';
import { SPLIT_NAMES } from '../dataset/splits';
import { SCALAR_FACTORS } from '../decompose/factors';
import { analysisFilesBytes, writeCompressedH5, writeDecomposedH5, writeResultsH5 } from './analysisH5';
import { RESULT_COLUMNS } from './tables';
import { golden, UPDATING_GOLDEN } from '../../../test/support/golden';
import { type H5Dump as Dump, type H5Node as Node, h5pyDump, h5wasmDump } from '../../../test/support/h5Dump';
import { pythonJson } from '../../../test/support/python.mjs';
import { LAYERS, synthetic } from '../../../test/support/analysisExportFixture';

// The independent reader is h5py: its dumps of these files are golden files (test/golden/
// analysisH5.*.json, rewritten live by `npm run golden`); every run, h5wasm must read the files
// we write now exactly as h5py read them then.

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
