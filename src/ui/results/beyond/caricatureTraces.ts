/** Plot data of the caricature effect (Hill et al. 2019; issue 13 §6): pure shaping, no React. */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { CaricatureRecord } from '../../../pipeline/reproductions/caricatureRun';

/**
 * Our accuracy per level with its 95 % Wilson interval as asymmetric bars (none where a level had
 * no probes), chance (1 / identities) as a dashed line over the levels, and a dotted line at 1 (veridical).
 */
export function caricaturePlot(record: Pick<CaricatureRecord, 'layer' | 'levels' | 'chance' | 'identities'>): {
  data: PlotTrace[];
  layout: PlotLayout;
} {
  const { levels } = record;
  const bar = (v: number): number => (Number.isFinite(v) ? Math.max(0, v) : 0);
  const ours: PlotTrace = {
    type: 'scatter',
    mode: 'lines+markers',
    name: `${record.layer} (accuracy, 95 % Wilson CI)`,
    x: levels.map((l) => l.scale),
    y: levels.map((l) => l.accuracy),
    error_y: {
      type: 'data',
      symmetric: false,
      array: levels.map((l) => bar(l.ciHigh - l.accuracy)),
      arrayminus: levels.map((l) => bar(l.accuracy - l.ciLow)),
      visible: true,
    },
    text: levels.map((l) => `${l.kind}, ${l.correct} of ${l.probes} probes`),
    hovertemplate: '×%{x}: accuracy %{y:.3f} (%{text})<extra></extra>',
    line: { color: '#2f6fde' },
  };
  const scales = levels.map((l) => l.scale);
  const ends = [Math.min(...scales), Math.max(...scales)];
  const chance: PlotTrace = {
    type: 'scatter',
    mode: 'lines',
    name: `chance (1 / ${record.identities} identities)`,
    x: ends,
    y: ends.map(() => record.chance),
    line: { color: '#777', dash: 'dash', width: 1.5 },
    hovertemplate: 'chance %{y:.3f}<extra></extra>',
  };
  const layout: PlotLayout = {
    xaxis: {
      tickvals: scales,
      ticktext: scales.map((s) => `×${s}`),
      title: { text: 'caricature level s (identity coefficients × s; ×1 = veridical)' },
    },
    yaxis: { title: { text: 'identification accuracy' }, range: [0, 1.02] },
    shapes: [
      { type: 'line', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { color: '#bbb', dash: 'dot', width: 1 } },
    ],
    legend: { orientation: 'h', y: -0.25 },
    margin: { l: 60, r: 20, t: 30, b: 90 },
  };
  return { data: [ours, chance], layout };
}
