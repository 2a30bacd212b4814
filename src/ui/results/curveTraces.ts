/** Plotly traces and layout for layerwise decoding curves (pure: no React). */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { CurvePoint, DecodingCurves, LayerTick } from '../../pipeline/results/curves';

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
  const parts = [tick.name];
  if (p.component !== null) parts.push(`component ${p.component}`);
  if (Number.isFinite(p.ciLow) && Number.isFinite(p.ciHigh)) parts.push(`CI ${fmt(p.ciLow)} … ${fmt(p.ciHigh)}`);
  if (Number.isFinite(p.pValue)) parts.push(`p = ${p.pValue.toPrecision(2)}`);
  return parts.join('<br>');
}

export interface CurveSet {
  /** Shown in the legend after each series label. */
  name: string;
  curves: DecodingCurves;
  dash: 'solid' | 'dash';
}

/** One trace per selected series per analysis: error bars where intervals exist, diamonds where p < ALPHA. */
export function curveTraces(
  sets: readonly CurveSet[],
  selected: ReadonlySet<string>,
  colours: ReadonlyMap<string, string>,
): PlotTrace[] {
  const traces: PlotTrace[] = [];
  for (const set of sets) {
    for (const s of set.curves.series) {
      if (!selected.has(s.key)) continue;
      const pts = s.points;
      const bars = pts.some((p) => Number.isFinite(p.ciLow) && Number.isFinite(p.ciHigh));
      const significant = pts.map((p) => p.pValue < ALPHA);
      traces.push({
        type: 'scatter',
        mode: 'lines+markers',
        name: sets.length > 1 ? `${s.label} · ${set.name}` : s.label,
        legendgroup: s.key,
        x: set.curves.layers.map((t) => t.opNr),
        y: pts.map((p) => p.corr),
        text: set.curves.layers.map((t, i) =>
          hoverText(t, pts[i] ?? { corr: NaN, ciLow: NaN, ciHigh: NaN, pValue: NaN, component: null }),
        ),
        hovertemplate: `<b>${s.label}</b> %{y:.3f}<br>%{text}<extra>${set.name}</extra>`,
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
  }
  return traces;
}

/** Layer names on the x axis and a dashed line at chance (0). */
export function curveLayout(ticks: readonly LayerTick[]): PlotLayout {
  return {
    xaxis: {
      title: { text: 'layer' },
      tickmode: 'array',
      tickvals: ticks.map((t) => t.opNr),
      ticktext: ticks.map((t) => t.name),
      tickangle: -30,
      automargin: true,
    },
    yaxis: { title: { text: 'R² / rescaled AUC' }, zeroline: false, automargin: true },
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
