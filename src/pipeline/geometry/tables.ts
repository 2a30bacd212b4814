/** The geometry view's tables (issue 13 §4), tab-separated with a header, for pandas.read_csv(sep='\t'); NaN written as `nan`. */
import type { GeometryResult } from '../beyond/records';
import type { CrossRunCka } from './geometry';

const num = (v: number): string => (Number.isNaN(v) ? 'nan' : String(v));

/** One row per layer × factor: layer, factor, rho, p_value. */
export function rsaTsv(result: GeometryResult): string {
  const rows = result.rsa.map((r) => [r.layer, r.factor, num(r.rho), num(r.pValue)].join('\t'));
  return `${['layer\tfactor\trho\tp_value', ...rows].join('\n')}\n`;
}

/** One row per pair of layers: layer_a, layer_b, cka (within one run, or between two: `cross`). */
export function ckaTsv(result: Pick<GeometryResult, 'layers' | 'cka'> | CrossRunCka): string {
  const [a, b] = 'layersA' in result ? [result.layersA, result.layersB] : [result.layers, result.layers];
  const rows = a.flatMap((la, i) => b.map((lb, j) => [la, lb, num(result.cka[i * b.length + j] ?? NaN)].join('\t')));
  return `${['layer_a\tlayer_b\tcka', ...rows].join('\n')}\n`;
}
