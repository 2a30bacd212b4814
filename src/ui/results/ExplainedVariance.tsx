import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { useMemo } from 'react';
import { explainedVarianceBars } from '../../pipeline/results/curves';
import type { AnalysedLayerInfo } from '../../pipeline/compress/compressLayers';
import { Plot } from '../plots/Plot';

const LAYOUT = {
  xaxis: { type: 'category', tickangle: -30, automargin: true },
  yaxis: { title: { text: 'variance explained (%)' }, range: [0, 100] },
  margin: { l: 60, r: 20, t: 30, b: 90 },
};

/** How much of each layer's variance the kept principal components explain. */
export function ExplainedVariance({ layers }: { layers: readonly AnalysedLayerInfo[] }) {
  const data = useMemo((): PlotTrace[] => {
    const bars = explainedVarianceBars(layers);
    return [
      {
        type: 'bar',
        x: bars.names,
        y: bars.explained.map((v) => 100 * v),
        text: bars.names.map((_, i) => `${bars.components[i] ?? 0} components of ${bars.features[i] ?? 0} features`),
        hovertemplate: '%{x}: %{y:.1f} %<br>%{text}<extra></extra>',
        textposition: 'none',
        marker: { color: '#2f6fde' },
      },
    ];
  }, [layers]);
  return <Plot label="Explained variance per layer" data={data} layout={LAYOUT} height={300} />;
}
