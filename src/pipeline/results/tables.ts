/**
 * The text outputs of step 6 (DESIGN.md section 4): `{run}_perf.tsv` (exactly the original
 * analyze_model.py's seven columns, so its readers see the file they expect), and, when the
 * analysis ran a permutation null or bootstrap, `{run}_perf_inference.tsv` (the same rows with
 * p_value, ci_low, ci_high added); and `{run}_layer-{name}_preds.csv` (one row per testing
 * sample, in the original's columns).
 */
import { toCsv } from '../../lib/formats/csv';
import { GmfError } from '../../lib/errors';
import type { FactorPrediction } from '../decode/decodeLayer';
import { PERFORMANCE_COLUMNS } from '../decode/performanceTable';
import type { LayerPredictionsRecord, ResultRow } from '../analyze/records';
import { ORIGINAL_FACTOR_ORDER } from '../decode/decodeLayer';
import { encodeLabels, type Label } from '../decode/labels';
import { r2Columns } from '../decode/metrics';
import type { SplitFactorsRecord } from '../decompose/factors';

/** The original's perf.tsv columns, in its order. */
export const PERF_TSV_COLUMNS = PERFORMANCE_COLUMNS;
/** What we add: a permutation p-value and a bootstrap interval (NaN when not computed). */
export const INFERENCE_COLUMNS = ['p_value', 'ci_low', 'ci_high'] as const;
/** Every column of a result row: perf_inference.tsv and results.h5's `performance` group. */
export const RESULT_COLUMNS = [...PERFORMANCE_COLUMNS, ...INFERENCE_COLUMNS] as const;

/** As pandas' to_csv(sep='\t', index=False): NaN (no p-value, no interval) as an empty field. */
function tsvField(value: string | number): string {
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (/[\t\r\n]/.test(value))
    throw new GmfError('TSV_FIELD', `'${value}' contains a tab or line break and cannot go into a TSV field.`);
  return value;
}

function tsv(columns: readonly (keyof ResultRow)[], rows: readonly ResultRow[]): string {
  const lines = [columns.join('\t')];
  for (const row of rows) lines.push(columns.map((c) => tsvField(row[c])).join('\t'));
  return `${lines.join('\n')}\n`;
}

/** `{run}_perf.tsv`; `layer` stays text ("03"), read it with dtype={'layer': str} to keep the zero. */
export function perfTsv(rows: readonly ResultRow[]): string {
  return tsv(PERF_TSV_COLUMNS, rows);
}

/** `{run}_perf_inference.tsv`: the perf rows with p_value, ci_low, ci_high; null when none was computed. */
export function perfInferenceTsv(rows: readonly ResultRow[]): string | null {
  const any = rows.some((r) => INFERENCE_COLUMNS.some((c) => Number.isFinite(r[c])));
  return any ? tsv(RESULT_COLUMNS, rows) : null;
}

/** shape and tex are decoded per component: one column pair each, numbered from 1 as feature_nr. */
export function isPerComponent(prediction: FactorPrediction): boolean {
  return (
    prediction.factor === 'shape' ||
    prediction.factor === 'tex' ||
    (prediction.kind === 'continuous' && prediction.true.cols !== 1)
  );
}

function samplesOf(prediction: FactorPrediction): number {
  return prediction.kind === 'continuous' ? prediction.true.rows : prediction.true.length;
}

/** The testing split's factors, as decomposed (the first columns of preds.csv). */
export type TestingFactors = Pick<SplitFactorsRecord, 'samples' | 'numbers' | 'labels'>;

interface Column {
  name: string;
  value: (i: number) => string | number;
}

/** The original's categorical factors: LabelEncoder codes in preds.csv, probabilities per class. */
const CATEGORICAL: readonly string[] = ['id', 'bg', 'ethn', 'gender', 'emo'];
const TEXT: readonly string[] = ['gender', 'ethn', 'emo'];
const pad3 = (i: number): string => String(i).padStart(3, '0');

/**
 * The 14 factor columns of the testing split, in analyze_model.py's all_factors order; as there,
 * categorical factors hold their LabelEncoder code (index among the sorted distinct testing labels).
 */
function factorColumns(testing: TestingFactors): Column[] {
  return ORIGINAL_FACTOR_ORDER.filter((f) => f !== 'shape' && f !== 'tex').map((f) => {
    const raw: ArrayLike<Label> = TEXT.includes(f)
      ? testing.labels[f as keyof TestingFactors['labels']]
      : testing.numbers[f as keyof TestingFactors['numbers']];
    if (!CATEGORICAL.includes(f)) return { name: f, value: (i) => raw[i] ?? '' };
    const [codes] = encodeLabels(raw).codes;
    return { name: f, value: (i) => codes?.[i] ?? '' };
  });
}

/** The columns analyze_model.py adds for one decoded factor, in its order. */
function predictionColumns(p: FactorPrediction): Column[] {
  if (p.kind !== 'continuous') {
    const k = p.proba.cols;
    return [
      { name: `${p.factor}_truepred`, value: (i) => p.pTrue[i] ?? NaN },
      ...Array.from({ length: k }, (_, j) => ({
        name: `${p.factor}_pred${pad3(j)}`,
        value: (i: number) => p.proba.data[i * k + j] ?? NaN,
      })),
    ];
  }
  const cols = p.true.cols;
  const at = (data: Float64Array, i: number, j: number): number => data[i * cols + j] ?? NaN;
  if (!isPerComponent(p)) return [{ name: `${p.factor}_pred`, value: (i) => at(p.predicted.data, i, 0) }];
  // shape/tex: every component's truth, then every prediction, then the best-decoded component (highest R²).
  const r2 = r2Columns(p.true, p.predicted);
  let best = 0;
  for (let j = 1; j < cols; j++) if ((r2[j] ?? -Infinity) > (r2[best] ?? -Infinity)) best = j;
  const each = (prefix: string, data: Float64Array): Column[] =>
    Array.from({ length: cols }, (_, j) => ({ name: `${prefix}${pad3(j)}`, value: (i: number) => at(data, i, j) }));
  return [
    ...each(p.factor, p.true.data),
    ...each(`${p.factor}_pred`, p.predicted.data),
    { name: p.factor, value: (i) => at(p.true.data, i, best) },
    { name: `${p.factor}_pred`, value: (i) => at(p.predicted.data, i, best) },
  ];
}

const orderOf = (factor: string): number => {
  const i = (ORIGINAL_FACTOR_ORDER as readonly string[]).indexOf(factor);
  return i < 0 ? ORIGINAL_FACTOR_ORDER.length : i;
};

/**
 * `{run}_layer-{name}_preds.csv` in analyze_model.py's layout, one row per testing sample: the
 * 14 testing factors (categorical ones as LabelEncoder codes), then per decoded factor in its
 * order: categorical factors and id `{v}_truepred` (p of the true class) and `{v}_pred000…`
 * (p of each class); shape and tex `{v}000…` (truth), `{v}_pred000…`, and `{v}`, `{v}_pred` of
 * the best-decoded component; the other continuous factors `{v}_pred`.
 */
export function predictionsCsv(record: LayerPredictionsRecord, testing: TestingFactors): string {
  const n = testing.samples;
  for (const p of record.predictions) {
    if (samplesOf(p) !== n)
      throw new GmfError(
        'PREDICTIONS_SHAPE',
        `The predictions of ${p.factor} in ${record.layer} have ${samplesOf(p)} testing samples, the testing split ${n}.`,
      );
  }
  const decoded = [...record.predictions].sort((a, b) => orderOf(a.factor) - orderOf(b.factor));
  const columns = [...factorColumns(testing), ...decoded.flatMap(predictionColumns)];
  const rows = Array.from({ length: n }, (_, i) => Object.fromEntries(columns.map((c) => [c.name, c.value(i)])));
  return toCsv(
    rows,
    columns.map((c) => c.name),
  );
}
