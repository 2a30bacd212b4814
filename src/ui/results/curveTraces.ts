/** What the layerwise decoding curves draw (analyses, seed groups) as plotly traces and layout (pure: no React). */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import { escapePlotText, escapeTemplateText } from '../plots/plotText';
import {
  type CurvePoint,
  type DecodingCurves,
  decodingCurves,
  type LayerTick,
  mergeLayerAxes,
} from '../../pipeline/results/curves';
import { type AnalysisGroup, type SeedCurves, seedMeanCurves } from '../../pipeline/results/runGroups';

/** Significance level the curves mark (uncorrected). */
export const ALPHA = 0.05;

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
  '#ad494a',
  '#637939',
  '#8c6d31',
  '#7b4173',
  '#3182bd',
  '#e6550d',
  '#31a354',
  '#756bb1',
  '#636363',
];

/** One colour per series key, stable across analyses and selections. */
export function seriesColours(keys: readonly string[]): Map<string, string> {
  return new Map(keys.map((k, i) => [k, PALETTE[i % PALETTE.length] ?? '#333']));
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');

function hoverText(tick: LayerTick, p: CurvePoint): string {
  const parts = [escapePlotText(tick.name)];
  if (p.component !== null) parts.push(`component ${p.component}`);
  if (Number.isFinite(p.ciLow) && Number.isFinite(p.ciHigh)) parts.push(`CI ${fmt(p.ciLow)} … ${fmt(p.ciHigh)}`);
  if (Number.isFinite(p.pValue)) parts.push(`p = ${p.pValue.toPrecision(2)}`);
  return parts.join('<br>');
}

/** Line styles, one per plotted analysis or seed group, in turn. */
export const DASHES = ['solid', 'dash', 'dot'] as const;
export type Dash = (typeof DASHES)[number];

/** One analysis' curves. */
export interface CurveSet {
  /** Shown in the legend after each series label. */
  name: string;
  curves: DecodingCurves;
  dash: Dash;
}

/** Several seeds of one experiment, as mean ± sd. */
export interface SeedSet {
  /** Shown in the legend after each series label, e.g. "net (3 seeds)". */
  name: string;
  seeds: SeedCurves;
  dash: Dash;
}

export type PlotSet = CurveSet | SeedSet;

const EMPTY_POINT: CurvePoint = { corr: NaN, ciLow: NaN, ciHigh: NaN, pValue: NaN, component: null };

function analysisTraces(
  set: CurveSet,
  named: boolean,
  selected: ReadonlySet<string>,
  colours: ReadonlyMap<string, string>,
) {
  const traces: PlotTrace[] = [];
  for (const s of set.curves.series) {
    if (!selected.has(s.key)) continue;
    const pts = s.points;
    const bars = pts.some((p) => Number.isFinite(p.ciLow) && Number.isFinite(p.ciHigh));
    const significant = pts.map((p) => p.pValue < ALPHA);
    traces.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: named ? `${s.label} · ${set.name}` : s.label,
      legendgroup: s.key,
      x: set.curves.layers.map((t) => t.opNr),
      y: pts.map((p) => p.corr),
      text: set.curves.layers.map((t, i) => hoverText(t, pts[i] ?? EMPTY_POINT)),
      hovertemplate: `<b>${escapeTemplateText(s.label)}</b> %{y:.3f}<br>%{text}<extra>${escapeTemplateText(set.name)}</extra>`,
      line: { color: colours.get(s.key) ?? '#333', dash: set.dash, width: 2 },
      marker: {
        color: colours.get(s.key) ?? '#333',
        symbol: significant.map((x) => (x ? 'diamond' : 'circle')),
        size: significant.map((x) => (x ? 10 : 6)),
      },
      ...(bars
        ? {
            error_y: {
              type: 'data' as const,
              symmetric: false,
              visible: true,
              array: pts.map((p) => p.ciHigh - p.corr),
              arrayminus: pts.map((p) => p.corr - p.ciLow),
            },
          }
        : {}),
    });
  }
  return traces;
}

/** The mean across seeds as a line of squares, ± 1 sd as error bars (none where fewer than two seeds scored). */
function seedTraces(set: SeedSet, selected: ReadonlySet<string>, colours: ReadonlyMap<string, string>) {
  const traces: PlotTrace[] = [];
  for (const s of set.seeds.series) {
    if (!selected.has(s.key)) continue;
    const colour = colours.get(s.key) ?? '#333';
    traces.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: `${s.label} · ${set.name}`,
      legendgroup: s.key,
      x: set.seeds.layers.map((t) => t.opNr),
      y: s.points.map((p) => p.mean),
      text: set.seeds.layers.map((t, i) => {
        const p = s.points[i];
        const name = escapePlotText(t.name);
        return p ? `${name}<br>sd ${fmt(p.sd)} over ${p.n} seed${p.n === 1 ? '' : 's'}` : name;
      }),
      hovertemplate: `<b>${escapeTemplateText(s.label)}</b> mean %{y:.3f}<br>%{text}<extra>${escapeTemplateText(set.name)}</extra>`,
      line: { color: colour, dash: set.dash, width: 2.5 },
      marker: { color: colour, symbol: 'square', size: 7 },
      error_y: {
        type: 'data',
        symmetric: true,
        visible: true,
        array: s.points.map((p) => (Number.isFinite(p.sd) ? p.sd : NaN)),
      },
    });
  }
  return traces;
}

/**
 * One trace per selected series per set: an analysis with error bars where bootstrap intervals
 * exist and diamonds where p < ALPHA; a seed group as its mean with ± 1 sd error bars. Legend
 * names carry the set's name once there are several sets.
 */
export function curveTraces(
  sets: readonly PlotSet[],
  selected: ReadonlySet<string>,
  colours: ReadonlyMap<string, string>,
): PlotTrace[] {
  const named = sets.length > 1;
  return sets.flatMap((set) =>
    'seeds' in set ? seedTraces(set, selected, colours) : analysisTraces(set, named, selected, colours),
  );
}

const DASH_WORDS: Record<Dash, string> = { solid: 'solid', dash: 'dashed', dot: 'dotted' };

/**
 * What the curves draw, one line style per group in turn: a group of two or more seeds as their
 * mean ± sd, any other analysis on its own.
 */
export function plotSets(groups: readonly AnalysisGroup[], averageAxes: boolean): PlotSet[] {
  return groups.map((group, i) => {
    const dash = DASHES[i % DASHES.length] ?? 'solid';
    const curves = group.members.map((m) => decodingCurves(m.perf, m.layers, { averageAxes }));
    const [only] = curves;
    if (group.members.length === 1 && only) return { name: group.label, curves: only, dash };
    return { name: `${group.label} (${group.members.length} seeds)`, seeds: seedMeanCurves(curves), dash };
  });
}

const setLayers = (set: PlotSet) => ('seeds' in set ? set.seeds.layers : set.curves.layers);

/** One x axis for every set: all their op_nrs, names joined where they differ. */
export function setsAxis(sets: readonly PlotSet[]): LayerTick[] {
  return sets.map(setLayers).reduce<LayerTick[]>((axis, layers) => mergeLayerAxes(axis, layers), []);
}

/** Every series any set has, first label wins, in the order they first come. */
export function setsSeries(sets: readonly PlotSet[]): { key: string; label: string }[] {
  const labels = new Map<string, string>();
  for (const set of sets)
    for (const s of 'seeds' in set ? set.seeds.series : set.curves.series)
      if (!labels.has(s.key)) labels.set(s.key, s.label);
  return [...labels].map(([key, label]) => ({ key, label }));
}

/** Which line style is which analysis or seed group, and the seeds each group averages. */
export function setsNote(groups: readonly AnalysisGroup[], sets: readonly PlotSet[]): string {
  if (sets.length < 2 && !sets.some((s) => 'seeds' in s)) return '';
  const parts = sets.map((set, i) => {
    const seeds = groups[i]?.seeds ?? [];
    return 'seeds' in set
      ? `${DASH_WORDS[set.dash]}: ${set.name}, seeds ${seeds.join(', ')}`
      : `${DASH_WORDS[set.dash]}: ${set.name}`;
  });
  const averaged = sets.some((s) => 'seeds' in s)
    ? ' Squares: the mean over seeds, bars ± 1 sd across seeds (n − 1; none where one seed scored).'
    : '';
  const text = parts.join('; ');
  return ` ${text.charAt(0).toUpperCase()}${text.slice(1)}.${averaged}`;
}

/**
 * Where the y axis starts at the lowest: chance (0) less a margin. Scores far below chance (an
 * R² of −3 on a factor the layer does not carry, or its bootstrap bars) would otherwise stretch
 * the axis so far that every other curve is squashed flat near the top.
 */
export const Y_FLOOR = -0.25;

export interface CurveYRange {
  range: [number, number];
  /** Points or error bars that reach below the floor (shown after a double-click, which autoscales). */
  hidden: number;
}

const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? v : NaN)) : [];

/** The y range that shows every score and bar down to Y_FLOOR, and how many go below it. */
export function curveYRange(traces: readonly PlotTrace[]): CurveYRange {
  let low = 0;
  let high = 1;
  let hidden = 0;
  for (const trace of traces as readonly {
    y?: unknown;
    error_y?: { array?: unknown; arrayminus?: unknown; symmetric?: boolean };
  }[]) {
    const ys = numbers(trace.y);
    const plus = numbers(trace.error_y?.array);
    const minus = trace.error_y?.symmetric === false ? numbers(trace.error_y.arrayminus) : plus;
    ys.forEach((y, i) => {
      if (!Number.isFinite(y)) return;
      const below = y - (Number.isFinite(minus[i]) ? (minus[i] ?? 0) : 0);
      const above = y + (Number.isFinite(plus[i]) ? (plus[i] ?? 0) : 0);
      low = Math.min(low, below);
      high = Math.max(high, above);
      if (below < Y_FLOOR) hidden++;
    });
  }
  return { range: [low < Y_FLOOR ? Y_FLOOR : low - 0.05, high + 0.05], hidden };
}

/** Layer names on the x axis, the y range of `curveYRange`, and a dashed line at chance (0). */
export function curveLayout(ticks: readonly LayerTick[], y: CurveYRange): PlotLayout {
  return {
    xaxis: {
      title: { text: 'layer' },
      tickmode: 'array',
      tickvals: ticks.map((t) => t.opNr),
      ticktext: ticks.map((t) => t.name),
      tickangle: -30,
      automargin: true,
    },
    yaxis: { title: { text: 'R² / rescaled AUC' }, zeroline: false, automargin: true, range: y.range },
    shapes: [
      { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0, y1: 0, line: { dash: 'dash', color: '#888', width: 1.5 } },
    ],
    annotations: [
      {
        xref: 'paper',
        x: 1,
        y: 0,
        yanchor: 'bottom',
        xanchor: 'right',
        text: 'chance',
        showarrow: false,
        font: { size: 11, color: '#888' },
      },
    ],
    legend: { orientation: 'v', x: 1.02, y: 1 },
    margin: { l: 60, r: 20, t: 30, b: 90 },
  };
}
