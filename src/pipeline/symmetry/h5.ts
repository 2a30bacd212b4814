/**
 * The symmetry view in HDF5 (h5wasm; the caller creates the group): datasets `layer` (text),
 * `index`, `sem`, `null_mean`, `p_value` [layers], `views` (yaw at each view's centre, degrees)
 * and `rdm` [layers × views × views] (the mean RDM over identities); attribute `identities`.
 */
import type { Group } from 'h5wasm';
import type { SymmetryResult } from '../beyond/records';

// h5wasm reads dtypes as Python struct codes: '<q' int64; 'S' variable-length UTF-8 text.
const INT64 = '<q';
const STRING_DTYPE = 'S';

export function writeSymmetryH5(group: Group, result: SymmetryResult): void {
  const { rows } = result;
  const views = result.views.length;
  group.create_dataset({ name: 'layer', data: rows.map((r) => r.layer), shape: [rows.length], dtype: STRING_DTYPE });
  const column = (name: string, pick: (r: (typeof rows)[number]) => number): void => {
    group.create_dataset({ name, data: Float64Array.from(rows, pick), shape: [rows.length] });
  };
  column('index', (r) => r.index);
  column('sem', (r) => r.sem);
  column('null_mean', (r) => r.nullMean);
  column('p_value', (r) => r.pValue);
  group.create_dataset({ name: 'views', data: Float64Array.from(result.views), shape: [views] });
  const rdm = new Float64Array(rows.length * views * views);
  rows.forEach((r, l) => {
    rdm.set(r.rdm, l * views * views);
  });
  group.create_dataset({ name: 'rdm', data: rdm, shape: [rows.length, views, views] });
  group.create_attribute('identities', result.identities, null, INT64);
}
