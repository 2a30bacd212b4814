/**
 * The tuning view in an HDF5 group (laid out for h5py):
 * - `variance/{layer}`: datasets `factors` (text), `unique`, `alone` (float64, in the order of
 *   factors) and attr `full` (float64);
 * - `invariance`: datasets `layer` (text), `neg_to_pos`, `pos_to_neg`, `across`, `within`,
 *   `chance` (float64, NaN where not computed) and `identities` (int32), one entry per layer;
 *   or, when identity cannot be decoded across views, no datasets and attr `skipped` (the reason).
 */
import type { Group } from 'h5wasm';
import { GmfError } from '../../lib/errors';
import type { InvarianceRow, TuningResult } from '../beyond/records';

const TEXT = 'S';
const FLOAT64 = '<d';

const INVARIANCE_COLUMNS = [
  ['neg_to_pos', 'negToPos'],
  ['pos_to_neg', 'posToNeg'],
  ['across', 'across'],
  ['within', 'within'],
  ['chance', 'chance'],
] as const satisfies readonly (readonly [string, keyof InvarianceRow])[];

function childName(name: string): string {
  if (name === '' || name === '.' || name.includes('/'))
    throw new GmfError('TUNING_H5', `'${name}' cannot name an HDF5 group or dataset.`);
  return name;
}

function text(group: Group, name: string, values: readonly string[]): void {
  group.create_dataset({ name, data: [...values], shape: [values.length], dtype: TEXT });
}

function numbers(group: Group, name: string, values: readonly number[]): void {
  group.create_dataset({ name, data: Float64Array.from(values), shape: [values.length] });
}

export function writeTuningH5(group: Group, result: TuningResult): void {
  const variance = group.create_group('variance');
  for (const p of result.partitions) {
    const layer = variance.create_group(childName(p.layer));
    text(layer, 'factors', p.factors);
    numbers(layer, 'unique', p.unique);
    numbers(layer, 'alone', p.alone);
    layer.create_attribute('full', p.full, null, FLOAT64);
  }
  const invariance = group.create_group('invariance');
  if (result.invarianceSkipped !== undefined) {
    invariance.create_attribute('skipped', result.invarianceSkipped, null, TEXT);
    return;
  }
  const rows = result.invariance;
  const layers = rows.map((r) => r.layer);
  text(invariance, 'layer', layers);
  for (const [name, key] of INVARIANCE_COLUMNS) {
    const values = rows.map((r) => r[key]);
    numbers(invariance, name, values);
  }
  invariance.create_dataset({
    name: 'identities',
    data: Int32Array.from(rows, (r) => r.identities),
    shape: [rows.length],
  });
}
