/**
 * Shapes an analysis' performance table into what the Results tab plots: one layerwise curve per
 * factor (rotation / translation / lights optionally averaged over their axes, shape and tex as
 * best and mean component), a layers x factors matrix and the explained variance per layer.
 * Pure data shaping: no React, no storage.
 */
import type { ResultRow } from '../analyze/records';
import type { AnalysedLayerInfo } from '../compress/compressLayers';

/** One analysed layer on the x axis. */
export interface LayerTick {
  readonly opNr: number;
  readonly name: string;
}

export interface CurvePoint {
  /** R² or rescaled AUC; NaN where the layer has no finite score for this series. */
  readonly corr: number;
  /** Bootstrap interval; NaN where not computed. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Permutation p-value; NaN where not computed or where the point summarises several rows. */
  readonly pValue: number;
  /** feature_nr of the component a best-component point comes from; null otherwise. */
  readonly component: number | null;
}

export interface DecodingSeries {
  /** Stable id: a factor ('age'), an axis group ('rotation') or '<factor>:best' / '<factor>:mean'. */
  readonly key: string;
  readonly label: string;
  /** Aligned with DecodingCurves.layers. */
  readonly points: readonly CurvePoint[];
}

export interface DecodingCurves {
  readonly layers: readonly LayerTick[];
  readonly series: readonly DecodingSeries[];
}

export interface CurveOptions {
  /** Replace xr/yr/zr, xt/yt/zt and xl/yl by their mean ('rotation', 'translation', 'lights'). */
  readonly averageAxes: boolean;
}

export const AXIS_GROUPS: Readonly<Record<string, readonly string[]>> = {
  rotation: ['xr', 'yr', 'zr'],
  translation: ['xt', 'yt', 'zt'],
  lights: ['xl', 'yl'],
};

/** Factors decoded per component: summarised as their best and their mean component. */
export const MULTI_COMPONENT_FACTORS: readonly string[] = ['shape', 'tex'];

/** Display order; factors not listed follow alphabetically. */
const ORDER = [
  'id',
  'gender',
  'ethn',
  'emo',
  'bg',
  'age',
  'rotation',
  'xr',
  'yr',
  'zr',
  'translation',
  'xt',
  'yt',
  'zt',
  'lights',
  'xl',
  'yl',
  'zl',
  'shape',
  'tex',
];

const EMPTY: CurvePoint = { corr: NaN, ciLow: NaN, ciHigh: NaN, pValue: NaN, component: null };

const finite = (rows: readonly ResultRow[]) => rows.filter((r) => Number.isFinite(r.corr));
const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Mean over the rows with a finite score. The interval is the mean of their bounds (exact when
 * the rows' errors move together, wider otherwise), NaN unless every such row has one; the
 * p-value survives only when the point is a single row.
 */
export function meanPoint(rows: readonly ResultRow[]): CurvePoint {
  const used = finite(rows);
  if (used.length === 0) return EMPTY;
  const bounded = used.every((r) => Number.isFinite(r.ci_low) && Number.isFinite(r.ci_high));
  return {
    corr: mean(used.map((r) => r.corr)),
    ciLow: bounded ? mean(used.map((r) => r.ci_low)) : NaN,
    ciHigh: bounded ? mean(used.map((r) => r.ci_high)) : NaN,
    pValue: used.length === 1 && used[0] ? used[0].p_value : NaN,
    component: null,
  };
}

/** The row with the highest finite score, with its own interval, p-value and component number. */
export function bestPoint(rows: readonly ResultRow[]): CurvePoint {
  let best: ResultRow | undefined;
  for (const r of finite(rows)) if (!best || r.corr > best.corr) best = r;
  if (!best) return EMPTY;
  return {
    corr: best.corr,
    ciLow: best.ci_low,
    ciHigh: best.ci_high,
    pValue: best.p_value,
    component: best.feature_nr,
  };
}

/** The analysed layers in op_nr order, plus any layer that only the rows name. */
export function layerAxis(rows: readonly ResultRow[], layers: readonly AnalysedLayerInfo[]): LayerTick[] {
  const byName = new Map<string, number>();
  for (const l of layers) byName.set(l.name, l.opNr);
  for (const r of rows) if (!byName.has(r.layername)) byName.set(r.layername, r.op_nr);
  return [...byName]
    .map(([name, opNr]) => ({ name, opNr }))
    .sort((a, b) => a.opNr - b.opNr || a.name.localeCompare(b.name));
}

function orderIndex(key: string): number {
  const i = ORDER.indexOf(key.split(':')[0] ?? key);
  return i < 0 ? ORDER.length : i;
}

const compareKeys = (a: string, b: string) => orderIndex(a) - orderIndex(b) || a.localeCompare(b);

/** Every series of one analysis, aligned with its layer axis, in display order. */
export function decodingCurves(
  rows: readonly ResultRow[],
  layers: readonly AnalysedLayerInfo[],
  options: CurveOptions,
): DecodingCurves {
  const axis = layerAxis(rows, layers);
  const groupOf = new Map<string, string>();
  if (options.averageAxes)
    for (const [group, members] of Object.entries(AXIS_GROUPS)) for (const m of members) groupOf.set(m, group);
  // factor (or group) -> layer -> rows
  const cells = new Map<string, Map<string, ResultRow[]>>();
  const components = new Map<string, Set<number>>();
  for (const r of rows) {
    const key = groupOf.get(r.factor) ?? r.factor;
    let byLayer = cells.get(key);
    if (!byLayer) cells.set(key, (byLayer = new Map<string, ResultRow[]>()));
    const cell = byLayer.get(r.layername);
    if (cell) cell.push(r);
    else byLayer.set(r.layername, [r]);
    let seen = components.get(r.factor);
    if (!seen) components.set(r.factor, (seen = new Set<number>()));
    seen.add(r.feature_nr);
  }
  const series: DecodingSeries[] = [];
  const along = (byLayer: Map<string, ResultRow[]>, summarise: (rows: readonly ResultRow[]) => CurvePoint) =>
    axis.map((tick) => summarise(byLayer.get(tick.name) ?? []));
  for (const [key, byLayer] of cells) {
    const multi = MULTI_COMPONENT_FACTORS.includes(key) || (components.get(key)?.size ?? 0) > 1;
    if (multi) {
      series.push({ key: `${key}:best`, label: `${key} (best component)`, points: along(byLayer, bestPoint) });
      series.push({ key: `${key}:mean`, label: `${key} (mean component)`, points: along(byLayer, meanPoint) });
    } else {
      series.push({ key, label: key, points: along(byLayer, meanPoint) });
    }
  }
  series.sort((a, b) => compareKeys(a.key, b.key));
  return { layers: axis, series };
}

/** Layers x series matrix of scores (z[layer][series]) for a heatmap. */
export function decodingMatrix(curves: DecodingCurves): { layers: string[]; factors: string[]; z: number[][] } {
  return {
    layers: curves.layers.map((l) => l.name),
    factors: curves.series.map((s) => s.label),
    z: curves.layers.map((_, i) => curves.series.map((s) => s.points[i]?.corr ?? NaN)),
  };
}

/** Series keys an axis-group toggle maps a selection to: groups to their axes and back. */
export function convertSelection(selected: ReadonlySet<string>, averageAxes: boolean): Set<string> {
  const out = new Set<string>();
  for (const key of selected) {
    const members = AXIS_GROUPS[key];
    const group = Object.entries(AXIS_GROUPS).find(([, m]) => m.includes(key))?.[0];
    if (averageAxes && group) out.add(group);
    else if (!averageAxes && members) for (const m of members) out.add(m);
    else out.add(key);
  }
  return out;
}

/** One x axis for two analyses: every op_nr of either, named "a / b" where their names differ. */
export function mergeLayerAxes(a: readonly LayerTick[], b: readonly LayerTick[]): LayerTick[] {
  const names = new Map<number, string[]>();
  for (const t of [...a, ...b]) {
    const list = names.get(t.opNr) ?? [];
    if (!list.includes(t.name)) list.push(t.name);
    names.set(t.opNr, list);
  }
  return [...names].sort(([x], [y]) => x - y).map(([opNr, list]) => ({ opNr, name: list.join(' / ') }));
}

/** Whether any row carries a p-value or a confidence interval. */
export function hasInference(rows: readonly ResultRow[]): { pValues: boolean; intervals: boolean } {
  return {
    pValues: rows.some((r) => Number.isFinite(r.p_value)),
    intervals: rows.some((r) => Number.isFinite(r.ci_low) && Number.isFinite(r.ci_high)),
  };
}

/** feature_nr of the best-decoded component of `factor` in `layer`, or null when it has no finite score. */
export function bestComponent(rows: readonly ResultRow[], layer: string, factor: string): number | null {
  return bestPoint(rows.filter((r) => r.layername === layer && r.factor === factor)).component;
}

/** Explained variance (sum of the kept components' ratios) per analysed layer, in op_nr order. */
export function explainedVarianceBars(layers: readonly AnalysedLayerInfo[]): {
  names: string[];
  explained: number[];
  components: number[];
  features: number[];
} {
  const sorted = [...layers].sort((a, b) => a.opNr - b.opNr);
  return {
    names: sorted.map((l) => l.name),
    explained: sorted.map((l) => l.explainedVariance),
    components: sorted.map((l) => l.components),
    features: sorted.map((l) => l.sketchedTo ?? l.features),
  };
}
