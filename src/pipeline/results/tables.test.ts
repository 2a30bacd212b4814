import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FactorPrediction } from '../decode/decodeLayer';
import type { LayerPredictionsRecord, ResultRow } from '../analyze/records';
import { perfInferenceTsv, perfTsv, predictionsCsv, type TestingFactors } from './tables';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';

const ROWS: ResultRow[] = [
  {
    corr: 0.8123456789012345,
    factor: 'id',
    feature_nr: 1,
    layername: 'layer03_conv',
    layer: '03',
    operation: 'conv',
    op_nr: 2,
    p_value: NaN,
    ci_low: NaN,
    ci_high: NaN,
  },
  {
    corr: -0.25,
    factor: 'shape',
    feature_nr: 3,
    layername: 'layer03_conv',
    layer: '03',
    operation: 'conv',
    op_nr: 2,
    p_value: 0.0099,
    ci_low: -0.5,
    ci_high: 1e-7,
  },
  {
    corr: NaN,
    factor: 'age',
    feature_nr: 1,
    layername: 'layer10_globalpool',
    layer: '10',
    operation: 'globalpool',
    op_nr: 5,
    p_value: 1,
    ci_low: 0.1,
    ci_high: 0.3,
  },
];

const n = 3;
const matrix = (cols: number, data: number[]) => ({ rows: n, cols, data: Float64Array.from(data) });
const PREDICTIONS: FactorPrediction[] = [
  {
    factor: 'id',
    kind: 'identity',
    classes: [7, 9],
    true: Int32Array.from([0, 1, 1]),
    predicted: Int32Array.from([0, 0, 1]),
    proba: matrix(2, [0.9, 0.1, 0.6, 0.4, 0.2, 0.8]),
    pTrue: Float64Array.from([0.9, 0.4, 0.8]),
  },
  {
    factor: 'gender',
    kind: 'categorical',
    classes: ['F', 'M'],
    true: Int32Array.from([1, 0, 1]),
    predicted: Int32Array.from([1, 1, 1]),
    proba: matrix(2, [0.3, 0.7, 0.45, 0.55, 0.1, 0.9]),
    pTrue: Float64Array.from([0.7, 0.45, 0.9]),
  },
  {
    factor: 'age',
    kind: 'continuous',
    true: matrix(1, [25, 31, 47]),
    predicted: matrix(1, [26.123456789, 30.5, 44.000000001]),
    alphas: Float64Array.from([100]),
  },
  {
    factor: 'shape',
    kind: 'continuous',
    true: matrix(2, [0.1, -0.2, 0.3, -0.4, 0.5, -0.6]),
    predicted: matrix(2, [1 / 3, 2 / 3, 1e-12, -5e20, 0, 5e-324]),
    alphas: Float64Array.from([1, 10]),
  },
  {
    factor: 'tex',
    kind: 'continuous',
    true: matrix(3, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    predicted: matrix(3, [9, 8, 7, 6, 5, 4, 3, 2, 1]),
    alphas: Float64Array.from([1, 1, 1]),
  },
];
const RECORD: LayerPredictionsRecord = {
  key: 'a1/preds/layer03_conv',
  owner: 'a1',
  layer: 'layer03_conv',
  predictions: PREDICTIONS,
};

interface PandasFrame {
  /** SHA-256 of the text pandas read. */
  input: string;
  columns: string[];
  dtypes: string[];
  data: unknown[][];
}

/**
 * What pandas read from `text`: test/golden/{goldenName}.json, asked live by `npm run golden`.
 * The stored answer holds only while we write the very text pandas read.
 */
function pandasRead(goldenName: string, text: string, name: string, options: string): PandasFrame {
  const frame = golden(goldenName, (): PandasFrame => {
    const path = join(mkdtempSync(join(tmpdir(), 'gmf-tables-')), name);
    writeFileSync(path, text);
    // round_trip: the shortest text of a double reads back as that double.
    const script = `
import json, pandas as pd, sys
df = pd.read_csv(sys.argv[1], float_precision="round_trip", ${options})
rows = [[None if isinstance(v, float) and v != v else v for v in row] for row in df.astype(object).itertuples(index=False)]
print(json.dumps({"columns": list(df.columns), "dtypes": [str(t) for t in df.dtypes], "data": rows}))`;
    return { input: sha256(text), ...(pythonJson(['pandas'], ['-c', script, path]) as Omit<PandasFrame, 'input'>) };
  });
  expect(frame.input, inputChanged(goldenName)).toBe(sha256(text));
  return frame;
}

const COLUMNS = [
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
] as const;

describe('{run}_perf.tsv', () => {
  it("writes exactly the original analyze_model.py's seven columns, in its order", () => {
    const lines = perfTsv(ROWS).split('\n');
    expect(lines[0]).toBe('corr\tfactor\tfeature_nr\tlayername\tlayer\toperation\top_nr');
    expect(lines[1]).toBe('0.8123456789012345\tid\t1\tlayer03_conv\t03\tconv\t2');
    expect(lines[3]).toBe('\tage\t1\tlayer10_globalpool\t10\tglobalpool\t5');
    expect(lines).toHaveLength(ROWS.length + 2);
  });

  it('writes perf_inference.tsv with p_value, ci_low, ci_high added; NaN as an empty field; none without inference', () => {
    const lines = (perfInferenceTsv(ROWS) ?? '').split('\n');
    expect(lines[0]).toBe(COLUMNS.join('\t'));
    expect(lines[1]).toBe('0.8123456789012345\tid\t1\tlayer03_conv\t03\tconv\t2\t\t\t');
    expect(lines[3]).toBe('\tage\t1\tlayer10_globalpool\t10\tglobalpool\t5\t1\t0.1\t0.3');
    expect(lines).toHaveLength(ROWS.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(perfInferenceTsv(ROWS.map((r) => ({ ...r, p_value: NaN, ci_low: NaN, ci_high: NaN })))).toBeNull();
  });

  it('is read by pandas (sep="\\t") with every value and the layer kept as text', () => {
    const df = pandasRead(
      'tables.perfTsv',
      perfInferenceTsv(ROWS) ?? '',
      'run_perf.tsv',
      `sep="\\t", dtype={"layer": str}`,
    );
    expect(df.columns).toEqual(COLUMNS);
    expect(df.dtypes).toEqual([
      'float64',
      'object',
      'int64',
      'object',
      'object',
      'object',
      'int64',
      'float64',
      'float64',
      'float64',
    ]);
    expect(df.data).toEqual(
      ROWS.map((r) =>
        COLUMNS.map((c) => {
          const v = r[c];
          return typeof v === 'number' && Number.isNaN(v) ? null : v;
        }),
      ),
    );
  });

  it('refuses a name with a tab in it rather than shifting columns', () => {
    expect(() => perfTsv([{ ...(ROWS[1] as ResultRow), factor: 'a\tb' }])).toThrow(/tab or line break/);
  });
});

const f64 = (values: number[]) => Float64Array.from(values);
const TESTING: TestingFactors = {
  samples: 3,
  numbers: {
    id: f64([7, 9, 9]),
    bg: f64([0, 2, 0]),
    age: f64([25, 31, 47]),
    xr: f64([0, 10, -10]),
    yr: f64([30, -30, 0]),
    zr: f64([0, 0, 0]),
    xt: f64([1.5, -2.25, 0]),
    yt: f64([0, 0, 0]),
    zt: f64([400, 390, 410]),
    xl: f64([0, 0, 0]),
    yl: f64([0, 0, 0]),
  },
  labels: { gender: ['M', 'F', 'M'], ethn: ['WC', 'WC', 'EA'], emo: ['neutral', 'happy', 'happy'] },
};

describe('{run}_layer-{name}_preds.csv', () => {
  // analyze_model.py's out_df: the 14 testing factors, then per factor in its order what it adds.
  const EXPECTED_COLUMNS = [
    ...['id', 'bg', 'ethn', 'gender', 'age', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'emo'],
    ...['id_truepred', 'id_pred000', 'id_pred001'],
    ...['gender_truepred', 'gender_pred000', 'gender_pred001'],
    'age_pred',
    ...['shape000', 'shape001', 'shape_pred000', 'shape_pred001', 'shape', 'shape_pred'],
    ...['tex000', 'tex001', 'tex002', 'tex_pred000', 'tex_pred001', 'tex_pred002', 'tex', 'tex_pred'],
  ];

  it("has the original's columns: factors (categorical as LabelEncoder codes), p(true) and p per class, shape/tex per component and the best one", () => {
    const csv = predictionsCsv(RECORD, TESTING);
    const df = pandasRead('tables.predsCsvOriginal', csv, 'run_layer-layer03_conv_preds.csv', 'sep=","');
    expect(df.columns).toEqual(EXPECTED_COLUMNS);
    // Codes: id 7,9 -> 0,1; bg 0,2 -> 0,1; ethn EA,WC -> 0,1; gender F,M -> 0,1; emo happy,neutral -> 0,1.
    // Best shape component: 0 (R² -4.9 against -1e42); best tex component: 1 (R² -3 against -3.67 twice).
    const factors = [
      [0, 0, 1, 1, 25, 0, 30, 0, 1.5, 0, 400, 0, 0, 1],
      [1, 1, 1, 0, 31, 10, -30, 0, -2.25, 0, 390, 0, 0, 0],
      [1, 0, 0, 1, 47, -10, 0, 0, 0, 0, 410, 0, 0, 0],
    ];
    const decoded = [
      [0.9, 0.9, 0.1, 0.7, 0.3, 0.7, 26.123456789, 0.1, -0.2, 1 / 3, 2 / 3, 0.1, 1 / 3, 1, 2, 3, 9, 8, 7, 2, 8],
      [0.4, 0.6, 0.4, 0.45, 0.45, 0.55, 30.5, 0.3, -0.4, 1e-12, -5e20, 0.3, 1e-12, 4, 5, 6, 6, 5, 4, 5, 5],
      [0.8, 0.2, 0.8, 0.9, 0.1, 0.9, 44.000000001, 0.5, -0.6, 0, 5e-324, 0.5, 0, 7, 8, 9, 3, 2, 1, 8, 2],
    ];
    expect(df.data).toEqual(factors.map((row, i) => [...row, ...(decoded[i] ?? [])]));
  });

  it('orders factors as the original whatever the stored order, and refuses predictions of another length', () => {
    const reversed = predictionsCsv({ ...RECORD, predictions: [...PREDICTIONS].reverse() }, TESTING);
    expect(reversed).toBe(predictionsCsv(RECORD, TESTING));
    expect(predictionsCsv({ ...RECORD, predictions: [] }, TESTING).split('\n')[0]).toBe(
      EXPECTED_COLUMNS.slice(0, 14).join(','),
    );
    const short = {
      ...PREDICTIONS[2],
      true: { rows: 2, cols: 1, data: Float64Array.from([1, 2]) },
    } as FactorPrediction;
    expect(() =>
      predictionsCsv({ ...RECORD, predictions: [PREDICTIONS[0] as FactorPrediction, short] }, TESTING),
    ).toThrow(/age in layer03_conv have 2 testing samples, the testing split 3/);
  });
});
