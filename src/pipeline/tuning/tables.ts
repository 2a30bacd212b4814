/**
 * The tuning view's tables, long format for pandas.read_csv(sep='\t'): one row per layer ×
 * factor (variance) or per layer (invariance); NaN is written as an empty field.
 */
import { GmfError } from '../../lib/errors';
import type { TuningResult } from '../beyond/records';

function field(value: string | number): string {
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (/[\t\r\n]/.test(value))
    throw new GmfError('TSV_FIELD', `'${value}' contains a tab or line break and cannot go into a TSV field.`);
  return value;
}

function tsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `${[header.join('\t'), ...rows.map((r) => r.map(field).join('\t'))].join('\n')}\n`;
}

/** layer, factor, unique, alone, full (full repeated on each of the layer's rows). */
export function variancePartitionTsv(result: TuningResult): string {
  return tsv(
    ['layer', 'factor', 'unique', 'alone', 'full'],
    result.partitions.flatMap((p) =>
      p.factors.map((f, k) => [p.layer, f, p.unique[k] ?? NaN, p.alone[k] ?? NaN, p.full]),
    ),
  );
}

/** layer, neg_to_pos, pos_to_neg, across, within, chance, identities (header only when skipped). */
export function invarianceTsv(result: TuningResult): string {
  return tsv(
    ['layer', 'neg_to_pos', 'pos_to_neg', 'across', 'within', 'chance', 'identities'],
    result.invariance.map((r) => [r.layer, r.negToPos, r.posToNeg, r.across, r.within, r.chance, r.identities]),
  );
}
