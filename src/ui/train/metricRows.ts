/** How the training curves are laid out (pure: no React). */

/**
 * The metrics in rows of small multiples: the total loss first, then one row per target (its
 * loss, then its metric), e.g. [loss], [id_acc, id_loss], [yr_loss, yr_mae].
 */
export function metricRows(keys: Iterable<string>): string[][] {
  const rows = new Map<string, string[]>();
  for (const key of keys) {
    const target = key === 'loss' ? '' : key.slice(0, Math.max(0, key.lastIndexOf('_'))) || key;
    rows.set(target, [...(rows.get(target) ?? []), key]);
  }
  const lossFirst = (a: string, b: string) => (a.endsWith('loss') ? -1 : b.endsWith('loss') ? 1 : a.localeCompare(b));
  return [...rows.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([, row]) => row.sort(lossFirst));
}
