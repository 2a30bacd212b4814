import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { useMemo } from 'react';
import { decodingCurves, decodingMatrix } from '../../pipeline/results/curves';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import { Plot } from '../plots/Plot';

/** Every factor at every layer at a glance; 0 (chance) and below share the darkest colour. */
export function DecodingHeatmap({ analysis, averageAxes }: { analysis: AnalysisRecord; averageAxes: boolean }) {
  const matrix = useMemo(
    () => decodingMatrix(decodingCurves(analysis.perf, analysis.layers, { averageAxes })),
    [analysis, averageAxes],
  );
  const data = useMemo((): PlotTrace[] => {
    const cells = matrix.layers.length * matrix.factors.length;
    return [
      {
        type: 'heatmap',
        x: matrix.factors,
        y: matrix.layers,
        z: matrix.z,
        zmin: 0,
        zmax: 1,
        colorscale: 'Viridis',
        hoverongaps: false,
        colorbar: { title: { text: 'score' } },
        hovertemplate: '%{y}<br>%{x}: %{z:.3f}<extra></extra>',
        ...(cells <= 400 ? { texttemplate: '%{z:.2f}' } : {}),
      },
    ];
  }, [matrix]);
  const layout = useMemo(
    () => ({
      xaxis: { type: 'category', tickangle: -35, automargin: true },
      yaxis: { type: 'category', autorange: 'reversed', automargin: true },
      margin: { l: 130, r: 20, t: 30, b: 110 },
    }),
    [],
  );
  return (
    <Plot
      label="Decoding heatmap"
      data={data}
      layout={layout}
      height={Math.max(300, 140 + 30 * matrix.layers.length)}
    />
  );
}
