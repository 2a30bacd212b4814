/** The symmetry view's table: one row per layer (pandas reads it with read_csv(sep='\t')). */
import { GmfError } from '../../lib/errors';
import type { SymmetryResult } from '../beyond/records';

export const SYMMETRY_TSV_COLUMNS = ['layer', 'index', 'sem', 'null_mean', 'p_value', 'identities', 'views'] as const;

/** NaN (no permutations, one identity) as an empty field, as pandas' to_csv writes it. */
function field(value: string | number): string {
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (/[\t\r\n]/.test(value))
    throw new GmfError('TSV_FIELD', `'${value}' contains a tab or line break and cannot go into a TSV field.`);
  return value;
}

/** `{stem}_symmetry.tsv`: layer, index, sem, null_mean, p_value, identities, views (the number of yaw views). */
export function symmetryTsv(result: SymmetryResult): string {
  const lines = [SYMMETRY_TSV_COLUMNS.join('\t')];
  for (const r of result.rows)
    lines.push(
      [r.layer, r.index, r.sem, r.nullMean, r.pValue, result.identities, result.views.length].map(field).join('\t'),
    );
  return `${lines.join('\n')}\n`;
}
