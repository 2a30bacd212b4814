import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import h5wasm, { type Group } from 'h5wasm/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../lib/random';
import { openWorkbenchDb, type WorkbenchDb } from '../../../lib/storage';
import type { H5FileSystem } from '../../../lib/formats/hdf5';
import { type AnalysisRecord, analysisKeys, type ResultRow } from '../../analyze/records';
import { runAnalysis } from '../../analyze/runAnalysis';
import { type BeyondRecord, beyondKey } from '../../beyond/records';
import { SPLIT_NAMES, type SplitName } from '../../dataset/splits';
import { originalShape, originalTex, SCALAR_FACTORS } from '../../decompose/factors';
import { perfInferenceTsv, perfTsv } from '../tables';
import { importedPerfFiles } from './exportImported';
import { importOriginalFile } from './importOriginal';
import { readOriginalDecomposed, texLayout } from './readDecomposed';
import { readPerfTsv } from './readPerfTsv';

// Fixtures in the original's layout (deep-gmf scripts/decompose_model.py), written with h5wasm:
// no creation order tracked (as h5py), int64 whole-number factors, text factors as strings.
const SAMPLES: Record<SplitName, number> = { training: 32, validation: 16, testing: 16 };
const LAYERS = ['layer02_globalpool', 'layer01_conv', 'layer03_softmax'];
const TEX_COLUMNS = 10;

interface FixtureOptions {
  /** Remove or replace one dataset: path such as 'testing/a_N' or 'training/yr'. */
  drop?: string;
  replace?: { path: string; data: Float64Array | string[]; shape: number[] };
  layersOf?: (split: SplitName) => string[];
  numericLabels?: boolean;
}

let dir = '';
let h5fs: H5FileSystem;
beforeAll(async () => {
  h5fs = (await h5wasm.ready).FS;
  dir = mkdtempSync(join(tmpdir(), 'gmf-import-original-'));
});

function splitValues(split: SplitName) {
  const n = SAMPLES[split];
  const rng = createRng(7, `fixture-${split}`);
  const base = { training: 0, validation: 100, testing: 200 }[split];
  const id = Array.from({ length: n }, (_, i) => base + Math.floor(i / 4));
  const genderCode = id.map((v) => v % 2);
  const yr = Array.from({ length: n }, () => Math.round(rng.normal(0, 20)));
  const noise = (cols: number) => Array.from({ length: n * cols }, () => rng.normal(0, 1));
  const planted = noise(6).map((v, k) => {
    const i = Math.floor(k / 6);
    const c = k % 6;
    return c === 0 ? (yr[i] ?? 0) / 20 + 0.1 * v : c === 1 ? (genderCode[i] ?? 0) + 0.2 * v : v;
  });
  return { n, id, genderCode, yr, planted, noise, rng };
}

function writeFixture(name: string, options: FixtureOptions = {}): string {
  const path = join(dir, name);
  const file = new h5wasm.File(path, 'w');
  const put = (
    group: Group,
    key: string,
    data: Float64Array | Float32Array | BigInt64Array | string[],
    shape: number[],
  ) => {
    const full = `${group.path === '' ? '' : group.path.slice(1)}/${key}`.replace(/^\//, '');
    if (options.drop === full) return;
    if (options.replace?.path === full) {
      const r = options.replace;
      group.create_dataset({
        name: key,
        data: r.data,
        shape: r.shape,
        ...(Array.isArray(r.data) ? { dtype: 'S' } : {}),
      });
      return;
    }
    group.create_dataset({ name: key, data, shape, ...(Array.isArray(data) ? { dtype: 'S' } : {}) });
  };
  try {
    for (const split of SPLIT_NAMES) {
      if (options.drop === split) continue;
      const v = splitValues(split);
      const g = file.create_group(split);
      const ints = (values: number[]) => BigInt64Array.from(values, (x) => BigInt(x));
      for (const factor of SCALAR_FACTORS) {
        if (factor === 'id') put(g, factor, ints(v.id), [v.n]);
        else if (factor === 'gender')
          put(
            g,
            factor,
            options.numericLabels ? Float64Array.from(v.genderCode) : v.genderCode.map((c) => (c ? 'M' : 'F')),
            [v.n],
          );
        else if (factor === 'ethn')
          put(
            g,
            factor,
            v.id.map((x) => ['WC', 'BA', 'EA'][x % 3] ?? ''),
            [v.n],
          );
        else if (factor === 'emo')
          put(
            g,
            factor,
            v.id.map((_, i) => ['happy', 'neutral'][i % 2] ?? ''),
            [v.n],
          );
        else if (factor === 'yr') put(g, factor, ints(v.yr), [v.n]);
        else if (factor === 'xt')
          put(
            g,
            factor,
            Float64Array.from({ length: v.n }, () => v.rng.normal()),
            [v.n],
          );
        else put(g, factor, ints(Array.from({ length: v.n }, () => Math.round(v.rng.normal(0, 10)))), [v.n]);
      }
      put(g, 'shape', Float32Array.from(v.noise(4)), [v.n, 4]);
      put(g, 'tex', Float32Array.from(v.noise(TEX_COLUMNS)), [v.n, TEX_COLUMNS]);
      if (options.drop === `${split}/a_N`) continue;
      const a = g.create_group('a_N');
      for (const layer of options.layersOf?.(split) ?? LAYERS)
        put(a, layer, Float32Array.from(layer === 'layer01_conv' ? v.planted : v.noise(6)), [v.n, 6]);
    }
  } finally {
    file.close();
  }
  return path;
}

const read = (path: string) => readOriginalDecomposed(h5wasm, path, 'model_decomposed.h5');

describe('readOriginalDecomposed', () => {
  it('reads every split, factor and layer; layers in the order (and op_nr) the original enumerates them', () => {
    const data = read(writeFixture('good.h5'));
    expect(data.layers).toEqual([
      { name: 'layer01_conv', opNr: 0, operation: 'conv', components: 6 },
      { name: 'layer02_globalpool', opNr: 1, operation: 'globalpool', components: 6 },
      { name: 'layer03_softmax', opNr: 2, operation: 'softmax', components: 6 },
    ]);
    for (const split of SPLIT_NAMES) {
      const v = splitValues(split);
      const { factors, activations } = data.splits[split];
      expect(factors.samples).toBe(v.n);
      expect(Array.from(factors.numbers.id)).toEqual(v.id);
      expect(Array.from(factors.numbers.yr)).toEqual(v.yr);
      expect(factors.labels.gender).toEqual(v.genderCode.map((c) => (c ? 'M' : 'F')));
      expect(activations.get('layer01_conv')).toEqual(Float32Array.from(v.planted));
    }
  });

  it("gives shape and tex back in the file's column order (tex: component-major, as the original)", () => {
    const path = writeFixture('good.h5');
    const data = read(path);
    const file = new h5wasm.File(path, 'r');
    try {
      for (const split of SPLIT_NAMES) {
        const f = data.splits[split].factors;
        const tex = file.get(`${split}/tex`) as InstanceType<typeof h5wasm.Dataset>;
        const shape = file.get(`${split}/shape`) as InstanceType<typeof h5wasm.Dataset>;
        expect(originalTex(f)).toEqual({ data: tex.value, cols: TEX_COLUMNS });
        expect(originalShape(f)).toEqual({ data: shape.value, cols: 4 });
      }
    } finally {
      file.close();
    }
    expect(texLayout(500)).toEqual({ bands: 5, components: 100 });
    expect(texLayout(10)).toEqual({ bands: 1, components: 10 });
    expect(texLayout(101)).toEqual({ bands: 101, components: 1 });
  });

  it('reads numeric text factors as labels', () => {
    const data = read(writeFixture('numeric.h5', { numericLabels: true }));
    expect(data.splits.testing.factors.labels.gender.slice(0, 5)).toEqual(['0', '0', '0', '0', '1']);
  });

  it.each([
    [{ drop: 'testing/a_N' }, "it has no group 'testing/a_N'"],
    [{ drop: 'validation' }, "it has no group 'validation'"],
    [{ drop: 'training/emo' }, "it has no dataset 'training/emo'"],
    [
      { replace: { path: 'testing/yr', data: new Float64Array(15), shape: [15] } },
      "'testing/yr' has shape [15], not one value per sample ([16])",
    ],
    [
      {
        replace: {
          path: 'validation/age',
          data: Float64Array.from({ length: 16 }, (_, i) => (i === 3 ? NaN : i)),
          shape: [16],
        },
      },
      "'validation/age' has a value that is not a finite number (at 3)",
    ],
    [
      { replace: { path: 'training/bg', data: Array.from({ length: 32 }, () => 'x'), shape: [32] } },
      "'training/bg' holds text, not numbers",
    ],
    [
      { replace: { path: 'testing/shape', data: new Float64Array(16), shape: [16] } },
      "'testing/shape' has shape [16], not [16, columns]",
    ],
    [
      { replace: { path: 'testing/a_N/layer01_conv', data: new Float64Array(16 * 5), shape: [16, 5] } },
      "'testing/a_N/layer01_conv' has 5 components, the other splits 6",
    ],
    [{ layersOf: () => [] }, "its group 'training/a_N' holds no layer"],
    [{ layersOf: () => ['conv1'] }, "the layer 'conv1' is not named as the original names layers"],
    [
      { layersOf: (s: SplitName) => (s === 'testing' ? ['layer01_conv'] : LAYERS) },
      "'testing/a_N' holds the layers layer01_conv",
    ],
  ] as [FixtureOptions, string][])('refuses a bad file, saying what is wrong (%#)', (options, message) => {
    const path = writeFixture('bad.h5', options);
    expect(() => read(path)).toThrow(expect.objectContaining({ code: 'ORIGINAL_FILE' }) as unknown);
    expect(() => read(path)).toThrow(message);
  });

  it('refuses a file that is not HDF5', () => {
    const path = join(dir, 'text.h5');
    writeFileSync(path, 'not hdf5');
    expect(() => read(path)).toThrow('model_decomposed.h5 cannot be imported: it is not an HDF5 file.');
  });
});

const ROWS: ResultRow[] = [
  {
    corr: 0.5,
    factor: 'yr',
    feature_nr: 1,
    layername: 'layer01_conv',
    layer: '01',
    operation: 'conv',
    op_nr: 0,
    p_value: NaN,
    ci_low: NaN,
    ci_high: NaN,
  },
  {
    corr: -0.25,
    factor: 'shape',
    feature_nr: 3,
    layername: 'layer02_globalpool',
    layer: '02',
    operation: 'globalpool',
    op_nr: 1,
    p_value: 0.01,
    ci_low: -0.5,
    ci_high: 0,
  },
];

describe('readPerfTsv', () => {
  it('reads the seven columns (and our inference columns when present)', () => {
    expect(readPerfTsv(perfTsv(ROWS), 'm_perf.tsv')).toEqual(
      ROWS.map((r) => ({ ...r, p_value: NaN, ci_low: NaN, ci_high: NaN })),
    );
    expect(readPerfTsv(perfInferenceTsv(ROWS) ?? '', 'm_perf.tsv')).toEqual(ROWS);
  });

  it.each([
    ['corr\tfactor\n0.5\tyr\n', 'its first line has no column feature_nr, layername, layer, operation, op_nr'],
    ['corr\tfactor\tfeature_nr\tlayername\tlayer\toperation\top_nr\n', 'it has no rows below its header'],
    [
      'corr\tfactor\tfeature_nr\tlayername\tlayer\toperation\top_nr\nx\tyr\t1\tlayer01_conv\t01\tconv\t0\n',
      "line 2: corr 'x' is not a finite number",
    ],
    [
      'corr\tfactor\tfeature_nr\tlayername\tlayer\toperation\top_nr\n0.1\tyr\t0\tlayer01_conv\t01\tconv\t0\n',
      "line 2: feature_nr '0' is not a whole number ≥ 1",
    ],
    [
      'corr\tfactor\tfeature_nr\tlayername\tlayer\toperation\top_nr\n0.1\tyr\t1\tlayer01_conv\t01\tconv\n',
      'line 2 has 6 fields where the header has 7',
    ],
    [
      'corr\tfactor\tfeature_nr\tlayername\tlayer\toperation\top_nr\n0.1\tyr\t1\tlayer01_conv\t01\tconv\t0\n0.1\txr\t1\tlayer01_conv\t01\tconv\t2\n',
      'line 3: layer layer01_conv has op_nr 2 here and 0 above',
    ],
  ])('refuses %j', (text, message) => {
    expect(() => readPerfTsv(text, 'm_perf.tsv')).toThrow(`m_perf.tsv cannot be imported: ${message}`);
  });
});

describe('importOriginalFile (IndexedDB) and the decode stage', () => {
  let db: WorkbenchDb | undefined;
  afterEach(() => {
    db?.close();
    db = undefined;
  });
  const open = async () => (db = await openWorkbenchDb({ name: 'import-original', factory: new IDBFactory() }));
  const fs = () => h5fs;
  const input = (path: string, fileName: string) => ({
    analysisId: 'imp1',
    file: new Blob([readFileSync(path)]),
    fileName,
  });
  const storedCounts = async (opened: WorkbenchDb) => ({
    results: (await opened.getAll('results')).length,
    activations: (await opened.getAll('activations')).length,
    arrays: (await opened.getAll('arrays')).length,
  });

  it('stores a decomposed.h5 at stage decode; the analysis job decodes it like any analysis', async () => {
    const opened = await open();
    const record = await importOriginalFile(
      opened,
      h5wasm,
      fs(),
      join(dir, 'scratch.h5'),
      input(writeFixture('good.h5'), 'net_decomposed.h5'),
    );
    expect(record).toMatchObject({
      name: 'net_decomposed.h5',
      runName: 'net',
      runId: '',
      stage: 'decode',
      status: 'paused',
      samples: SAMPLES,
      origin: { kind: 'original-decomposed', file: 'net_decomposed.h5' },
    });
    expect(await storedCounts(opened)).toEqual({ results: 1, activations: 3, arrays: 9 });
    const stages: string[] = [];
    const done: AnalysisRecord = await runAnalysis(opened, 'imp1', new AbortController().signal, (stage) => {
      stages.push(stage);
    });
    expect(done).toMatchObject({ status: 'complete', stage: 'done' });
    // Decoded, then the views beyond decoding from the same stored testing split (pipeline/beyond).
    expect(stages.slice(0, 3)).toEqual(['decode', 'decode', 'decode']);
    expect(new Set(stages.slice(3))).toEqual(
      new Set(['views: psychophysics', 'views: tuning', 'views: symmetry', 'views: geometry']),
    );
    expect(done.beyond?.done).toEqual(['psychophysics', 'tuning', 'geometry']);
    // Yaw here is random per image: no identity has every view.
    expect(done.beyond?.notApplicable.map((n) => n.kind)).toEqual(['symmetry']);
    const geometry = (await opened.get('activations', beyondKey('imp1', 'geometry'))) as BeyondRecord | undefined;
    const result = geometry?.result;
    expect(result?.kind).toBe('geometry');
    if (result?.kind === 'geometry') {
      const rho = (layer: string) => result.rsa.find((r) => r.layer === layer && r.factor === 'yr')?.rho ?? NaN;
      // layer01_conv's first component is yaw (planted), layer02_globalpool is noise.
      expect(rho('layer01_conv')).toBeGreaterThan(Math.abs(rho('layer02_globalpool')));
    }
    // An analysis decoded before the views existed: the job computes the views only, and the same ones.
    const older: AnalysisRecord = { ...done };
    delete older.beyond;
    await opened.put('results', older);
    const again: string[] = [];
    const recomputed = await runAnalysis(opened, 'imp1', new AbortController().signal, (stage) => {
      again.push(stage);
    });
    expect(again.every((stage) => stage.startsWith('views: '))).toBe(true);
    expect(recomputed.beyond).toEqual(done.beyond);
    expect(recomputed.perf).toEqual(done.perf);
    expect(done.skipped).toContainEqual(expect.objectContaining({ layer: 'layer03_softmax', factor: 'all factors' }));
    const corr = (layer: string, factor: string) =>
      done.perf.find((r) => r.layername === layer && r.factor === factor)?.corr ?? NaN;
    expect(corr('layer01_conv', 'yr')).toBeGreaterThan(0.9);
    expect(corr('layer01_conv', 'gender')).toBeGreaterThan(0.9);
    expect(Math.abs(corr('layer02_globalpool', 'yr'))).toBeLessThan(0.5);
    expect(done.perf.filter((r) => r.factor === 'tex').map((r) => r.feature_nr)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(new Set(done.perf.map((r) => r.op_nr))).toEqual(new Set([0, 1]));
    expect(await opened.get('activations', analysisKeys.predictions('imp1', 'layer01_conv'))).toBeDefined();
  });

  it('writes nothing for a refused file', async () => {
    const opened = await open();
    await expect(
      importOriginalFile(
        opened,
        h5wasm,
        fs(),
        join(dir, 'scratch.h5'),
        input(writeFixture('bad.h5', { drop: 'testing/a_N' }), 'net_decomposed.h5'),
      ),
    ).rejects.toMatchObject({
      code: 'ORIGINAL_FILE',
      message: expect.stringContaining("no group 'testing/a_N'") as unknown,
    });
    const text = join(dir, 'bad_perf.tsv');
    writeFileSync(text, 'corr\tfactor\n');
    await expect(
      importOriginalFile(opened, h5wasm, fs(), join(dir, 'scratch.h5'), input(text, 'bad_perf.tsv')),
    ).rejects.toMatchObject({
      code: 'ORIGINAL_FILE',
    });
    await expect(
      importOriginalFile(opened, h5wasm, fs(), join(dir, 'scratch.h5'), input(text, 'notes.txt')),
    ).rejects.toThrow("neither the original's *_decomposed.h5 nor its *_perf.tsv");
    expect(await storedCounts(opened)).toEqual({ results: 0, activations: 0, arrays: 0 });
  });

  it('stores a perf.tsv as a complete analysis of rows only; its export says what it cannot give', async () => {
    const opened = await open();
    const path = join(dir, 'net_perf.tsv');
    writeFileSync(path, perfTsv(ROWS));
    const record = await importOriginalFile(opened, h5wasm, fs(), join(dir, 'scratch.h5'), input(path, 'net_perf.tsv'));
    expect(record).toMatchObject({
      status: 'complete',
      stage: 'done',
      runName: 'net',
      decodedLayers: ['layer01_conv', 'layer02_globalpool'],
      origin: { kind: 'original-perf', file: 'net_perf.tsv' },
    });
    expect(record.layers.map((l) => [l.name, l.opNr, l.operation])).toEqual([
      ['layer01_conv', 0, 'conv'],
      ['layer02_globalpool', 1, 'globalpool'],
    ]);
    expect(await storedCounts(opened)).toEqual({ results: 1, activations: 0, arrays: 0 });
    const files = importedPerfFiles(record);
    expect(files.perfTsv).toBe(perfTsv(ROWS));
    expect([files.compressed, files.decomposed, files.results, files.predictionsZip]).toEqual([null, null, null, null]);
    expect(files.notAvailable.join(' ')).toContain('performance rows only');
  });
});
