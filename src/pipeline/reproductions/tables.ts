/**
 * The Parde et al. reproduction as a long TSV (one row per unit count), header first, for
 * pandas.read_csv(sep='\t'): NaN (an SD from one draw) and a unit count the paper gives no value
 * for as an empty field, numbers as the shortest text that reads back as the same double.
 */
import { GmfError } from '../../lib/errors';
import { similarityFor, type UnitAucRow } from './parde';

export const UNIT_AUC_COLUMNS = ['layer', 'units', 'similarity', 'mean_auc', 'sd_auc', 'published_auc'] as const;

function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (/[\t\r\n]/.test(value))
    throw new GmfError('TSV_FIELD', `'${value}' contains a tab or line break and cannot go into a TSV field.`);
  return value;
}

/** `{stem}_units_auc.tsv`: `similarity` says how pairs were compared at that unit count (cosine, or neg_abs_diff with one unit). */
export function unitAucTsv(rows: readonly UnitAucRow[], layer: string): string {
  const lines = rows.map((r) =>
    [layer, r.units, similarityFor(r.units), r.meanAuc, r.sdAuc, r.published].map(field).join('\t'),
  );
  return [UNIT_AUC_COLUMNS.join('\t'), ...lines].join('\n') + '\n';
}
