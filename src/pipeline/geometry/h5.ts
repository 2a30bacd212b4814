/**
 * The geometry view in the results HDF5 (issue 13 §4), in the given group: `samples` (testing
 * indices the RDMs cover), `rsa/{layer, factor, rho, p_value}` (one row per layer × factor),
 * `layers` and `cka` [layers × layers], `rdm/{layer}` (the condensed RDM, scipy's pdist order:
 * scipy.spatial.distance.squareform gives the square matrix).
 */
import type { Group } from 'h5wasm';
import type { GeometryResult } from '../beyond/records';

const TEXT = 'S';

export function writeGeometryH5(group: Group, result: GeometryResult): void {
  group.create_dataset({ name: 'samples', data: Int32Array.from(result.samples), shape: [result.samples.length] });
  const rsa = group.create_group('rsa');
  const n = result.rsa.length;
  rsa.create_dataset({ name: 'layer', data: result.rsa.map((r) => r.layer), shape: [n], dtype: TEXT });
  rsa.create_dataset({ name: 'factor', data: result.rsa.map((r) => r.factor), shape: [n], dtype: TEXT });
  rsa.create_dataset({ name: 'rho', data: Float64Array.from(result.rsa, (r) => r.rho), shape: [n] });
  rsa.create_dataset({ name: 'p_value', data: Float64Array.from(result.rsa, (r) => r.pValue), shape: [n] });
  const l = result.layers.length;
  group.create_dataset({ name: 'layers', data: [...result.layers], shape: [l], dtype: TEXT });
  group.create_dataset({ name: 'cka', data: Float64Array.from(result.cka), shape: [l, l] });
  const rdm = group.create_group('rdm');
  result.layers.forEach((layer, i) => {
    const values = result.rdms[i] ?? new Float32Array(0);
    rdm.create_dataset({ name: layer, data: values, shape: [values.length] });
  });
}
