/** Plotly traces for the §1 error curves and confusion matrices (pure: no React). */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import { escapeTemplateText } from '../../plots/plotText';
import type { ConfusionMatrix, PsychophysicsResult } from '../../../pipeline/beyond/records';
import { seriesColours } from '../curveTraces';
import { predictionPlot } from '../predictionTraces';
import type { ClassView } from '../predictionView';

const distinct = (values: readonly string[]): string[] => [...new Set(values)];
const fmt = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toPrecision(3) : '–');

/** Continuous factors with a curve, in the order the layers report them. */
export function curveFactors(result: PsychophysicsResult): string[] {
  return distinct(result.curves.map((c) => c.factor));
}

/** Categorical factors with a confusion matrix. */
export function confusionFactors(result: PsychophysicsResult): string[] {
  return distinct(result.confusions.map((m) => m.factor));
}

/** Layers (shallow to deep) with a confusion matrix of `factor`. */
export function confusionLayers(result: PsychophysicsResult, factor: string): string[] {
  return result.confusions.filter((m) => m.factor === factor).map((m) => m.layer);
}

/**
 * One line per layer: mean |error| against the bin centre, the bootstrap interval as error bars
 * (where there is one); hover gives the bin, n and the interval. Colours follow the layer's
 * place among all layers, so a layer keeps its colour when the factor changes.
 */
export function errorCurvePlot(result: PsychophysicsResult, factor: string): { data: PlotTrace[]; layout: PlotLayout } {
  const colours = seriesColours(distinct(result.curves.map((c) => c.layer)));
  const data = result.curves
    .filter((c) => c.factor === factor)
    .map((c): PlotTrace => {
      const colour = colours.get(c.layer) ?? '#333';
      const bars = c.ciLow.some(Number.isFinite) && c.ciHigh.some(Number.isFinite);
      return {
        type: 'scatter',
        mode: 'lines+markers',
        name: c.layer,
        x: c.centres,
        y: c.meanAbsError,
        text: c.centres.map(
          (_, b) =>
            `bin ${fmt(c.edges[b])} … ${fmt(c.edges[b + 1])}<br>n = ${c.n[b] ?? 0}<br>mean error ${fmt(c.meanError[b])}` +
            (bars ? `<br>CI ${fmt(c.ciLow[b])} … ${fmt(c.ciHigh[b])}` : ''),
        ),
        hovertemplate: `<b>${escapeTemplateText(c.layer)}</b> %{y:.3g}<br>%{text}<extra></extra>`,
        line: { color: colour, width: 2 },
        marker: { color: colour, size: 6 },
        ...(bars
          ? {
              error_y: {
                type: 'data' as const,
                symmetric: false,
                visible: true,
                array: c.ciHigh.map((h, b) => h - (c.meanAbsError[b] ?? NaN)),
                arrayminus: c.ciLow.map((l, b) => (c.meanAbsError[b] ?? NaN) - l),
              },
            }
          : {}),
      };
    });
  return {
    data,
    layout: {
      xaxis: { title: { text: `true ${factor} (bin centre)` }, zeroline: false, automargin: true },
      yaxis: { title: { text: 'mean |predicted − true|' }, rangemode: 'tozero', automargin: true },
      legend: { orientation: 'v', x: 1.02, y: 1 },
      margin: { l: 60, r: 20, t: 30, b: 60 },
    },
  };
}

/** The confusion view the "Predicted vs true" chart draws: row-normalised counts (NaN for an empty row). */
export function confusionView(m: ConfusionMatrix): ClassView {
  const k = m.classes.length;
  const rowTotals = m.counts.map((r) => r.reduce((s, v) => s + v, 0));
  const n = rowTotals.reduce((s, v) => s + v, 0);
  const hits = m.counts.reduce((s, r, i) => s + (r[i] ?? 0), 0);
  return {
    kind: 'confusion',
    classes: m.classes,
    z: m.counts.map((r, i) => r.map((v) => v / (rowTotals[i] || NaN))),
    accuracy: n ? hits / n : NaN,
    // Not kept by the §1 result; not shown here.
    meanPTrue: NaN,
    chance: k ? 1 / k : NaN,
    n,
  };
}

/** The "Predicted vs true" confusion heatmap, its hover giving each cell's count as well. */
export function confusionPlot(m: ConfusionMatrix): { data: PlotTrace[]; layout: PlotLayout } {
  const plot = predictionPlot(confusionView(m));
  return {
    data: plot.data.map((trace) => ({
      ...trace,
      text: m.counts.map((r) => r.map(String)),
      hovertemplate: 'true %{y}<br>predicted %{x}<br>%{text} images, %{z:.2f} of the row<extra></extra>',
    })),
    layout: plot.layout,
  };
}

/** A one-line reading of the heatmap, shown under it. */
export function confusionSummary(m: ConfusionMatrix): string {
  const view = confusionView(m);
  return `${view.n} testing images; accuracy ${(100 * view.accuracy).toFixed(1)} % (chance ${(100 * view.chance).toFixed(1)} %). Rows: true class, columns: predicted class, share of each row.`;
}
