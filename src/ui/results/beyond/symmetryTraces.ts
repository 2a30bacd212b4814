/** Plot data of the mirror-symmetry view (issue 13 §3): pure shaping, no React. */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { SymmetryResult, SymmetryRow } from '../../../pipeline/beyond/records';

interface PlotData {
  data: PlotTrace[];
  layout: PlotLayout;
}

const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const pText = (p: number): string => (Number.isNaN(p) ? 'no permutation test' : `p = ${p.toPrecision(2)}`);

/** A yaw centre as a tick label: whole degrees where exact, else one decimal ("−67.5°"). */
export function yawLabel(yaw: number): string {
  const text = Number.isInteger(yaw) ? String(yaw) : yaw.toFixed(1);
  return `${text.replace('-', '−')}°`;
}

/** Index ± SEM per layer (p-values and the null mean in the hover), and the null mean dashed. */
export function symmetryIndexPlot(result: SymmetryResult): PlotData {
  const layers = result.rows.map((r) => r.layer);
  const data: PlotTrace[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'index ± SEM',
      x: layers,
      y: result.rows.map((r) => r.index),
      error_y: { type: 'data', array: result.rows.map((r) => r.sem), visible: true },
      text: result.rows.map((r) => `± ${fmt(r.sem)} (SEM)<br>${pText(r.pValue)}<br>null mean ${fmt(r.nullMean)}`),
      hovertemplate: '%{x}<br>index %{y:.3f} %{text}<extra></extra>',
      line: { color: '#1f77b4', width: 2 },
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'null mean (views shuffled)',
      x: layers,
      y: result.rows.map((r) => r.nullMean),
      hovertemplate: '%{x}<br>null mean %{y:.3f}<extra></extra>',
      line: { color: '#7f7f7f', dash: 'dash', width: 1.5 },
    },
  ];
  const layout: PlotLayout = {
    xaxis: { type: 'category', tickangle: -35, automargin: true },
    yaxis: {
      title: { text: `index (mean over ${result.identities} identities)` },
      range: [-1.05, 1.05],
      zeroline: true,
    },
    legend: { orientation: 'h', y: -0.35 },
    margin: { l: 60, r: 20, t: 30, b: 110 },
  };
  return { data, layout };
}

/** The mean views × views RDM of one layer, views labelled by their yaw centres. */
export function viewRdmPlot(result: SymmetryResult, row: SymmetryRow): PlotData {
  const n = result.views.length;
  const labels = result.views.map(yawLabel);
  const z = Array.from({ length: n }, (_, i) => row.rdm.slice(i * n, (i + 1) * n));
  const data: PlotTrace[] = [
    {
      type: 'heatmap',
      x: labels,
      y: labels,
      z,
      zmin: 0,
      colorscale: 'Viridis',
      hoverongaps: false,
      colorbar: { title: { text: '1 − r' } },
      hovertemplate: 'yaw %{y} vs %{x}: %{z:.3f}<extra></extra>',
    },
  ];
  const layout: PlotLayout = {
    xaxis: { type: 'category', title: { text: 'yaw' } },
    yaxis: { type: 'category', autorange: 'reversed', title: { text: 'yaw' }, scaleanchor: 'x' },
    margin: { l: 70, r: 20, t: 30, b: 60 },
  };
  return { data, layout };
}
