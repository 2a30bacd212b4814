/** Epoch history as a table: the columns in a stable order and a CSV for download. */
import { toCsv } from '../../lib/formats/csv';
import type { EpochRow } from './runRecords';

/** `epoch` first, then training columns, then their `val_` twins, then lr and seconds. */
export function historyColumns(history: readonly EpochRow[]): string[] {
  const names = new Set<string>();
  for (const row of history) for (const key of Object.keys(row)) names.add(key);
  const rest = [...names].filter((n) => !['epoch', 'lr', 'seconds'].includes(n));
  const train = rest
    .filter((n) => !n.startsWith('val_'))
    .sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
  const val = train.map((n) => `val_${n}`).filter((n) => names.has(n));
  return ['epoch', ...train, ...val, ...['lr', 'seconds'].filter((n) => names.has(n))];
}

export function historyCsv(history: readonly EpochRow[]): string {
  return toCsv(history, historyColumns(history));
}

/** True when `value` has reached `threshold` for a metric where higher is better (acc, cosine). */
export function higherIsBetter(metric: string): boolean {
  return /(_acc|_cosine)$/.test(metric);
}
