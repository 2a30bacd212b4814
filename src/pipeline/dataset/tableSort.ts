/**
 * The dataset browser's order: the table's rows (as indices) sorted by any column, numbers by
 * value and text alphabetically, ties kept in table order (identity, then variation), missing or
 * non-finite values last whichever the direction.
 */
import type { TableRow } from './csvTable';

export type SortDirection = 'ascending' | 'descending';

const missing = (v: string | number | undefined): boolean =>
  v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v));

export function sortRows(
  rows: readonly TableRow[],
  indices: readonly number[],
  column: string,
  direction: SortDirection,
): number[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare = (a: string | number | undefined, b: string | number | undefined): number => {
    const [ma, mb] = [missing(a), missing(b)];
    if (ma || mb) return ma === mb ? 0 : ma ? 1 : -1;
    if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
    return sign * String(a).localeCompare(String(b), 'en', { numeric: true });
  };
  // Array.prototype.sort is stable: equal values keep their table order.
  return [...indices].sort((i, j) => compare(rows[i]?.[column], rows[j]?.[column]));
}

/** The columns a browser may sort by: those of the first row, in table order. */
export function sortableColumns(rows: readonly TableRow[]): string[] {
  return rows[0] ? Object.keys(rows[0]) : [];
}
