/**
 * The §1 views as long TSV tables (one row per layer × factor × bin, or × true × predicted
 * class), header first, for pandas.read_csv(sep='\t'): NaN (an empty bin, no bootstraps) as an
 * empty field, numbers as the shortest text that reads back as the same double.
 */
import { GmfError } from '../../lib/errors';
import type { PsychophysicsResult } from '../beyond/records';

export const ERROR_CURVE_COLUMNS = [
  'layer',
  'factor',
  'bin',
  'bin_low',
  'bin_high',
  'centre',
  'n',
  'mean_abs_error',
  'mean_error',
  'ci_low',
  'ci_high',
] as const;

export const CONFUSION_COLUMNS = ['layer', 'factor', 'true', 'predicted', 'count'] as const;

function field(value: string | number): string {
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (/[\t\r\n]/.test(value))
    throw new GmfError('TSV_FIELD', `'${value}' contains a tab or line break and cannot go into a TSV field.`);
  return value;
}

function tsv(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [columns.join('\t'), ...rows.map((r) => r.map(field).join('\t'))].join('\n') + '\n';
}

/** `{stem}_error_curves.tsv`: bins numbered from 0 (as in the HDF5 arrays); bin_low/bin_high are its edges. */
export function errorCurvesTsv(result: PsychophysicsResult): string {
  const rows = result.curves.flatMap((c) =>
    c.centres.map((centre, b) => [
      c.layer,
      c.factor,
      b,
      c.edges[b] ?? NaN,
      c.edges[b + 1] ?? NaN,
      centre,
      c.n[b] ?? 0,
      c.meanAbsError[b] ?? NaN,
      c.meanError[b] ?? NaN,
      c.ciLow[b] ?? NaN,
      c.ciHigh[b] ?? NaN,
    ]),
  );
  return tsv(ERROR_CURVE_COLUMNS, rows);
}

/** `{stem}_confusion.tsv`: every cell of every matrix, zeros included. */
export function confusionTsv(result: PsychophysicsResult): string {
  const rows = result.confusions.flatMap((m) =>
    m.classes.flatMap((t, i) => m.classes.map((p, j) => [m.layer, m.factor, t, p, m.counts[i]?.[j] ?? 0] as const)),
  );
  return tsv(CONFUSION_COLUMNS, rows);
}
