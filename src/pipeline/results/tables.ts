/**
 * The text outputs of step 6 (DESIGN.md section 4): `{run}_perf.tsv` (exactly the original
 * analyze_model.py's seven columns, so its readers see the file they expect), and, when the
 * analysis ran a permutation null or bootstrap, `{run}_perf_inference.tsv` (the same rows with
 * p_value, ci_low, ci_high added); and `{run}_layer-{name}_preds.csv` (one row per testing
 * sample, true and predicted value of every factor).
 */
import { toCsv } from '../../lib/formats/csv';
import { GmfError } from '../../lib/errors';
import type { FactorPrediction } from '../decode/decodeLayer';
import { PERFORMANCE_COLUMNS } from '../decode/performanceTable';
import type { LayerPredictionsRecord, ResultRow } from '../analyze/records';

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

/** Columns of one factor, in order, with a reader of row i for each. */
function factorColumns(p: FactorPrediction): { name: string; value: (i: number) => string | number }[] {
  if (p.kind === 'continuous') {
    const cols = p.true.cols;
    const at = (data: Float64Array, i: number, j: number): number => data[i * cols + j] ?? NaN;
    if (!isPerComponent(p)) {
      return [
        { name: `${p.factor}_true`, value: (i) => at(p.true.data, i, 0) },
        { name: `${p.factor}_pred`, value: (i) => at(p.predicted.data, i, 0) },
      ];
    }
    return Array.from({ length: cols }, (_, j) => [
      { name: `${p.factor}_${j + 1}_true`, value: (i: number) => at(p.true.data, i, j) },
      { name: `${p.factor}_${j + 1}_pred`, value: (i: number) => at(p.predicted.data, i, j) },
    ]).flat();
  }
  const label = (codes: Int32Array, i: number): string | number => p.classes[codes[i] ?? -1] ?? '';
  return [
    { name: `${p.factor}_true`, value: (i) => label(p.true, i) },
    { name: `${p.factor}_pred`, value: (i) => label(p.predicted, i) },
    { name: `${p.factor}_p_true`, value: (i) => p.pTrue[i] ?? NaN },
  ];
}

/**
 * `{run}_layer-{name}_preds.csv`: per factor `{factor}_true`, `{factor}_pred` (class labels for
 * categorical factors and id, plus `{factor}_p_true`), shape/tex as `shape_1_true`, `shape_1_pred`, ...
 */
export function predictionsCsv(record: LayerPredictionsRecord): string {
  const columns = record.predictions.flatMap(factorColumns);
  const first = record.predictions[0];
  const n = first ? samplesOf(first) : 0;
  for (const p of record.predictions) {
    if (samplesOf(p) !== n)
      throw new GmfError(
        'PREDICTIONS_SHAPE',
        `The predictions of ${p.factor} in ${record.layer} have ${samplesOf(p)} testing samples, those of ${first?.factor ?? ''} ${n}.`,
      );
  }
  const rows = Array.from({ length: n }, (_, i) => Object.fromEntries(columns.map((c) => [c.name, c.value(i)])));
  return toCsv(
    rows,
    columns.map((c) => c.name),
  );
}
