/** Plot data of the Parde et al. reproduction (issue 13 §6): pure shaping, no React. */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import { PARDE_2020, similarityFor, type UnitAucRow } from '../../../pipeline/reproductions/parde';

const SIMILARITY_TEXT = { cosine: 'cosine', neg_abs_diff: '−|a − b| (one unit)' } as const;

/**
 * Our mean AUC per unit count with ± SD bars (an SD from one draw as no bar), and the paper's
 * points as separate markers; x on a log2 axis ticked at every unit count of either.
 */
export function unitAucPlot(rows: readonly UnitAucRow[], layer: string): { data: PlotTrace[]; layout: PlotLayout } {
  const ours: PlotTrace = {
    type: 'scatter',
    mode: 'lines+markers',
    name: `${layer} (mean ± SD over draws)`,
    x: rows.map((r) => r.units),
    y: rows.map((r) => r.meanAuc),
    error_y: { type: 'data', array: rows.map((r) => (Number.isFinite(r.sdAuc) ? r.sdAuc : 0)), visible: true },
    text: rows.map((r) => SIMILARITY_TEXT[similarityFor(r.units)]),
    hovertemplate: '%{x} units: AUC %{y:.3f} (%{text})<extra></extra>',
    line: { color: '#2f6fde' },
  };
  const published: PlotTrace = {
    type: 'scatter',
    mode: 'markers',
    name: 'Parde et al. 2020',
    x: PARDE_2020.map((p) => p.units),
    y: PARDE_2020.map((p) => p.auc),
    marker: { color: '#d62728', size: 10, symbol: 'diamond' },
    hovertemplate: 'Parde et al. 2020, %{x} units: AUC %{y:.2f}<extra></extra>',
  };
  const ticks = [...new Set([...rows.map((r) => r.units), ...PARDE_2020.map((p) => p.units)])].sort((a, b) => a - b);
  const layout: PlotLayout = {
    xaxis: {
      type: 'log',
      tickvals: ticks,
      ticktext: ticks.map(String),
      title: { text: 'units kept at random (log2 scale)' },
    },
    yaxis: { title: { text: 'identity verification AUC' }, range: [0.4, 1.02] },
    shapes: [
      { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0.5, y1: 0.5, line: { color: '#999', dash: 'dot', width: 1 } },
    ],
    legend: { orientation: 'h', y: -0.25 },
    margin: { l: 60, r: 20, t: 30, b: 90 },
  };
  return { data: [ours, published], layout };
}
