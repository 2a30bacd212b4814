/** Plotly traces and layout for a PredictionView (pure: no React). */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { PredictionView } from './predictionView';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** A one-line reading of the chart, shown under it. */
export function predictionSummary(view: PredictionView): string {
  if (view.kind === 'scatter') {
    return `${view.n} testing images; R² of this component ${Number.isFinite(view.r2) ? view.r2.toFixed(3) : '–'}. Dashed: predicted = true.${view.x.length < view.n ? ` Every ${Math.ceil(view.n / view.x.length)}th image shown.` : ''}`;
  }
  const what =
    view.kind === 'confusion'
      ? 'Rows: true class, columns: predicted class, share of each row.'
      : 'Mean p(true class) per class; dashed: chance.';
  return `${view.n} testing images; accuracy ${pct(view.accuracy)}, mean p(true class) ${pct(view.meanPTrue)} (chance ${pct(view.chance)}). ${what}`;
}

export function predictionPlot(view: PredictionView): { data: PlotTrace[]; layout: PlotLayout } {
  if (view.kind === 'scatter') {
    const [lo, hi] = view.range;
    return {
      data: [
        {
          type: 'scatter',
          mode: 'markers',
          x: view.x,
          y: view.y,
          name: 'images',
          marker: { color: '#2f6fde', size: 5, opacity: 0.6 },
          hovertemplate: 'true %{x:.3g}<br>predicted %{y:.3g}<extra></extra>',
        },
      ],
      layout: {
        xaxis: { title: { text: 'true' } },
        yaxis: { title: { text: 'predicted' } },
        shapes: [{ type: 'line', x0: lo, y0: lo, x1: hi, y1: hi, line: { dash: 'dash', color: '#888' } }],
        showlegend: false,
      },
    };
  }
  if (view.kind === 'confusion') {
    return {
      data: [
        {
          type: 'heatmap',
          x: view.classes,
          y: view.classes,
          z: view.z,
          zmin: 0,
          zmax: 1,
          colorscale: [
            [0, '#f4f8fd'],
            [1, '#08306b'],
          ],
          hoverongaps: false,
          hovertemplate: 'true %{y}<br>predicted %{x}<br>%{z:.2f} of the row<extra></extra>',
          ...(view.classes.length <= 12 ? { texttemplate: '%{z:.2f}' } : {}),
        },
      ],
      layout: {
        xaxis: { type: 'category', title: { text: 'predicted class' }, automargin: true },
        yaxis: { type: 'category', title: { text: 'true class' }, autorange: 'reversed', automargin: true },
      },
    };
  }
  return {
    data: [
      {
        type: 'bar',
        x: view.classes,
        y: view.z[0] ?? [],
        marker: { color: '#2f6fde' },
        hovertemplate: 'class %{x}: %{y:.3f}<extra></extra>',
      },
    ],
    layout: {
      xaxis: { type: 'category', title: { text: 'true class' } },
      yaxis: { title: { text: 'mean p(true class)' }, range: [0, 1] },
      shapes: [
        {
          type: 'line',
          xref: 'paper',
          x0: 0,
          x1: 1,
          y0: view.chance,
          y1: view.chance,
          line: { dash: 'dash', color: '#888' },
        },
      ],
    },
  };
}
