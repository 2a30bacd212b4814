/** Plot data of the geometry view (issue 13 §4): pure shaping, no React. */
import type { GeometryResult } from '../../../pipeline/beyond/records';

export interface HeatmapData {
  x: string[];
  y: string[];
  z: number[][];
  /** Per cell hover text. */
  text: string[][];
}

/** Gaps (no value) as NaN, which plotly leaves blank. */
const finite = (v: number | undefined): number => (v === undefined || !Number.isFinite(v) ? NaN : v);

/** RSA rho: one row per factor, one column per layer; p-values in the hover text. */
export function rsaHeatmap(result: GeometryResult): HeatmapData {
  const factors = [...new Set(result.rsa.map((r) => r.factor))];
  const at = new Map(result.rsa.map((r) => [`${r.layer}\u0000${r.factor}`, r]));
  const z = factors.map((f) => result.layers.map((l) => finite(at.get(`${l}\u0000${f}`)?.rho)));
  const text = factors.map((f) =>
    result.layers.map((l) => {
      const p = at.get(`${l}\u0000${f}`)?.pValue;
      return p === undefined || Number.isNaN(p) ? 'no permutation test' : `p = ${p.toPrecision(3)}`;
    }),
  );
  return { x: result.layers, y: factors, z, text };
}

/** A square matrix (row-major, n × n) as heatmap rows. */
export function squareRows(values: ArrayLike<number>, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => finite(values[i * n + j])));
}

/**
 * The square RDM of a condensed one (scipy's squareform) with its conditions reordered by
 * `order` (row i of the result is condition order[i]); 0 on the diagonal.
 */
export function orderedSquareRdm(condensed: ArrayLike<number>, n: number, order: readonly number[]): number[][] {
  const at = (i: number, j: number): number => {
    if (i === j) return 0;
    const [r, c] = i < j ? [i, j] : [j, i];
    return finite(condensed[r * n - (r * (r + 1)) / 2 + (c - r - 1)]);
  };
  return order.map((i) => order.map((j) => at(i, j)));
}

/** Indices 0..n-1 sorted by `values` (stable: ties keep their order). */
export function orderBy(values: readonly (number | string)[]): number[] {
  return values
    .map((v, i) => ({ v, i }))
    .sort((a, b) =>
      typeof a.v === 'number' && typeof b.v === 'number'
        ? a.v - b.v || a.i - b.i
        : String(a.v).localeCompare(String(b.v)) || a.i - b.i,
    )
    .map((e) => e.i);
}
