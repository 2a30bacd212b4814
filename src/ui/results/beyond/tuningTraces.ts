/** Plot data of the tuning and invariance view (issue 13 §2): pure shaping, no React. */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import { escapeTemplateText } from '../../plots/plotText';
import type { TuningResult } from '../../../pipeline/beyond/records';
import { seriesColours } from '../curveTraces';

export interface TuningPlot {
  data: PlotTrace[];
  layout: PlotLayout;
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');

const LAYER_AXIS = { type: 'category', tickangle: -35, automargin: true } as const;

/** Every factor of any layer, in order of first appearance (layers may drop constant ones alike). */
export function partitionFactors(result: TuningResult): string[] {
  return [...new Set(result.partitions.flatMap((p) => p.factors))];
}

/**
 * One stacked bar per factor of its unique R² at each layer (negative shares stack downwards;
 * a layer without the factor has no bar), and the full R² as a line over them.
 */
export function variancePlot(result: TuningResult): TuningPlot {
  const layers = result.partitions.map((p) => p.layer);
  const factors = partitionFactors(result);
  const colours = seriesColours(factors);
  const bars: PlotTrace[] = factors.map((factor) => {
    const at = result.partitions.map((p) => p.factors.indexOf(factor));
    return {
      type: 'bar',
      name: factor,
      x: layers,
      y: result.partitions.map((p, i) => p.unique[at[i] ?? -1] ?? NaN),
      text: result.partitions.map((p, i) => `alone ${fmt(p.alone[at[i] ?? -1] ?? NaN)}`),
      textposition: 'none',
      hovertemplate: `<b>${escapeTemplateText(factor)}</b> %{x}<br>unique %{y:.3f}, %{text}<extra></extra>`,
      marker: { color: colours.get(factor) ?? '#333' },
    };
  });
  const full: PlotTrace = {
    type: 'scatter',
    mode: 'lines+markers',
    name: 'full R² (all factors)',
    x: layers,
    y: result.partitions.map((p) => p.full),
    hovertemplate: '%{x}<br>full R² %{y:.3f}<extra></extra>',
    line: { color: '#111', width: 2 },
  };
  return {
    data: [...bars, full],
    layout: {
      barmode: 'relative',
      xaxis: LAYER_AXIS,
      yaxis: { title: { text: 'R² on held-out identities' }, zeroline: true, automargin: true },
      legend: { orientation: 'v', x: 1.02, y: 1 },
      margin: { l: 60, r: 20, t: 30, b: 110 },
    },
  };
}

const SERIES = [
  { key: 'across', name: 'across views (mean)', colour: '#d62728', dash: 'solid', width: 3 },
  { key: 'negToPos', name: 'yaw < 0 → yaw > 0', colour: '#ff9896', dash: 'dot', width: 1.5 },
  { key: 'posToNeg', name: 'yaw > 0 → yaw < 0', colour: '#e377c2', dash: 'dot', width: 1.5 },
  { key: 'within', name: 'within one side', colour: '#1f77b4', dash: 'solid', width: 2 },
] as const;

/** Identity accuracy per layer across views (both directions and their mean) and within a side; chance dashed. */
export function invariancePlot(result: TuningResult): TuningPlot {
  const rows = result.invariance;
  const layers = rows.map((r) => r.layer);
  const data: PlotTrace[] = SERIES.map((s) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: s.name,
    x: layers,
    y: rows.map((r) => r[s.key]),
    hovertemplate: `%{x}<br>${escapeTemplateText(s.name)}: %{y:.3f}<extra></extra>`,
    line: { color: s.colour, dash: s.dash, width: s.width },
  }));
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: 'chance',
    x: layers,
    y: rows.map((r) => r.chance),
    text: rows.map((r) => `1 / ${r.identities} identities`),
    hovertemplate: '%{x}<br>chance %{y:.3f} (%{text})<extra></extra>',
    line: { color: '#888', dash: 'dash', width: 1.5 },
  });
  return {
    data,
    layout: {
      xaxis: LAYER_AXIS,
      yaxis: { title: { text: 'identity accuracy' }, range: [0, 1.05], automargin: true },
      legend: { orientation: 'v', x: 1.02, y: 1 },
      margin: { l: 60, r: 20, t: 30, b: 110 },
    },
  };
}
