/**
 * The §1 views into an HDF5 group (h5wasm), laid out for h5py:
 * - `curves/{layer}/{factor}`: float64 `edges` [bins + 1], `centres`, `mean_abs_error`,
 *   `mean_error`, `ci_low`, `ci_high` [bins] (NaN for an empty bin or no bootstraps), int32 `n` [bins];
 * - `confusion/{layer}/{factor}`: int32 `counts` [classes x classes] (rows: true class, columns:
 *   predicted class), attribute `classes` (text, in the order of the rows and columns).
 * Both groups are written even when empty, so a reader finds them.
 */
import type { Group } from 'h5wasm';
import { GmfError } from '../../lib/errors';
import type { PsychophysicsResult } from '../beyond/records';

const STRING_DTYPE = 'S';

/** One HDF5 path component: a name with '/' would silently nest groups. */
function childName(name: string): string {
  if (name === '' || name === '.' || name.includes('/'))
    throw new GmfError('PSYCHOPHYSICS_H5', `'${name}' cannot name an HDF5 group or dataset.`);
  return name;
}

/** `parent/{layer}`, created on first use. */
function layerGroups(parent: Group): (layer: string) => Group {
  const groups = new Map<string, Group>();
  return (layer) => {
    let g = groups.get(layer);
    if (g === undefined) {
      g = parent.create_group(childName(layer));
      groups.set(layer, g);
    }
    return g;
  };
}

function floats(group: Group, name: string, values: readonly number[]): void {
  group.create_dataset({ name, data: Float64Array.from(values), shape: [values.length] });
}

/** Writes `curves` and `confusion` into `group` (already created, e.g. `beyond/psychophysics`). */
export function writePsychophysicsH5(group: Group, result: PsychophysicsResult): void {
  const curveLayer = layerGroups(group.create_group('curves'));
  for (const c of result.curves) {
    const g = curveLayer(c.layer).create_group(childName(c.factor));
    floats(g, 'edges', c.edges);
    floats(g, 'centres', c.centres);
    g.create_dataset({ name: 'n', data: Int32Array.from(c.n), shape: [c.n.length] });
    floats(g, 'mean_abs_error', c.meanAbsError);
    floats(g, 'mean_error', c.meanError);
    floats(g, 'ci_low', c.ciLow);
    floats(g, 'ci_high', c.ciHigh);
  }
  const confusionLayer = layerGroups(group.create_group('confusion'));
  for (const m of result.confusions) {
    const g = confusionLayer(m.layer).create_group(childName(m.factor));
    const k = m.classes.length;
    const counts = Int32Array.from({ length: k * k }, (_, i) => m.counts[Math.floor(i / k)]?.[i % k] ?? 0);
    const dataset = g.create_dataset({ name: 'counts', data: counts, shape: [k, k] });
    dataset.create_attribute('classes', [...m.classes], [k], STRING_DTYPE);
  }
}
