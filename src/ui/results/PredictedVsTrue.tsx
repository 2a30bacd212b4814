import { useMemo, useState } from 'react';
import type { FactorPrediction } from '../../pipeline/decode/decodeLayer';
import { bestComponent } from '../../pipeline/results/curves';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import { Plot } from '../plots/Plot';
import { predictionPlot, predictionSummary } from './predictionTraces';
import { predictionView } from './predictionView';
import { useLayerPredictions } from './useAnalyses';

/** The deepest feature layer (global pool) when there is one: where decoding is usually read off. */
function defaultLayer(analysis: AnalysisRecord): string {
  const decoded = analysis.layers
    .filter((l) => analysis.decodedLayers.includes(l.name))
    .sort((a, b) => a.opNr - b.opNr);
  return (decoded.findLast((l) => l.operation === 'globalpool') ?? decoded.at(-1) ?? analysis.layers[0])?.name ?? '';
}

function FactorChart({
  analysis,
  layer,
  predictions,
}: {
  analysis: AnalysisRecord;
  layer: string;
  predictions: readonly FactorPrediction[];
}) {
  const [factorChoice, setFactor] = useState<string | null>(null);
  const [componentChoice, setComponent] = useState<{ key: string; value: number } | null>(null);
  const prediction =
    predictions.find((p) => p.factor === factorChoice) ??
    predictions.find((p) => p.kind === 'continuous') ??
    predictions[0];
  const factor = prediction?.factor ?? '';
  const columns = prediction?.kind === 'continuous' ? prediction.true.cols : 1;
  const key = `${layer}/${factor}`;
  const component =
    componentChoice?.key === key ? componentChoice.value : (bestComponent(analysis.perf, layer, factor) ?? 1);
  const view = useMemo(() => (prediction ? predictionView(prediction, component) : null), [prediction, component]);
  const plot = useMemo(() => (view ? predictionPlot(view) : null), [view]);
  if (!prediction || !view || !plot) return <p>This layer stored no predictions.</p>;
  return (
    <>
      <label className="select">
        Factor{' '}
        <select
          aria-label="Factor"
          value={factor}
          onChange={(e) => {
            setFactor(e.target.value);
          }}
        >
          {predictions.map((p) => (
            <option key={p.factor} value={p.factor}>
              {p.factor}
            </option>
          ))}
        </select>
      </label>
      {columns > 1 && (
        <label className="select">
          Component (1–{columns}){' '}
          <input
            aria-label="Component"
            type="number"
            min={1}
            max={columns}
            step={1}
            value={component}
            onChange={(e) => {
              setComponent({ key, value: Math.min(columns, Math.max(1, Math.round(e.target.valueAsNumber) || 1)) });
            }}
          />
        </label>
      )}
      <Plot
        label="Predicted vs true"
        data={plot.data}
        layout={plot.layout}
        height={view.kind === 'confusion' ? Math.max(320, 120 + 22 * view.classes.length) : 360}
      />
      <p className="results-note">{predictionSummary(view)}</p>
    </>
  );
}

/** Testing-split predictions of one layer and factor, as stored by the decode step. */
export function PredictedVsTrue({ analysis }: { analysis: AnalysisRecord }) {
  const [layerChoice, setLayer] = useState<string | null>(null);
  const layer =
    layerChoice !== null && analysis.layers.some((l) => l.name === layerChoice) ? layerChoice : defaultLayer(analysis);
  const state = useLayerPredictions(analysis.id, layer);
  return (
    <section aria-label="Predictions" className="results-predictions">
      <h3>Predicted vs true</h3>
      <label className="select">
        Layer{' '}
        <select
          aria-label="Layer"
          value={layer}
          onChange={(e) => {
            setLayer(e.target.value);
          }}
        >
          {[...analysis.layers]
            .sort((a, b) => a.opNr - b.opNr)
            .map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
        </select>
      </label>
      {state.status === 'loading' && <p>Reading predictions…</p>}
      {state.status === 'missing' && <p>No predictions stored for {layer} (not decoded yet).</p>}
      {state.status === 'error' && <p className="error">Could not read the predictions: {state.message}</p>}
      {state.status === 'ready' && (
        <FactorChart key={analysis.id} analysis={analysis} layer={layer} predictions={state.predictions} />
      )}
    </section>
  );
}
