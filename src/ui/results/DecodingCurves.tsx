import { useMemo, useState } from 'react';
import { convertSelection, decodingCurves, hasInference, mergeLayerAxes } from '../../pipeline/results/curves';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import { Plot } from '../plots/Plot';
import { ALPHA, type CurveSet, curveLayout, curveTraces, seriesColours } from './curveTraces';

/** Shown until the researcher picks: everything but backgrounds and mean components. */
const isDefault = (key: string) => key !== 'bg' && !key.endsWith(':mean');

/** Layerwise decoding curves of one analysis (solid), optionally overlaid with a second (dashed). */
export function DecodingCurves(props: {
  analysis: AnalysisRecord;
  compare: AnalysisRecord | null;
  averageAxes: boolean;
  onAverageAxesChange: (on: boolean) => void;
}) {
  const { analysis, compare, averageAxes, onAverageAxesChange } = props;
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null);
  const primary = useMemo(
    () => decodingCurves(analysis.perf, analysis.layers, { averageAxes }),
    [analysis, averageAxes],
  );
  const secondary = useMemo(
    () => (compare ? decodingCurves(compare.perf, compare.layers, { averageAxes }) : null),
    [compare, averageAxes],
  );
  const options = useMemo(() => {
    const labels = new Map<string, string>();
    for (const s of [...primary.series, ...(secondary?.series ?? [])])
      if (!labels.has(s.key)) labels.set(s.key, s.label);
    return [...labels].map(([key, label]) => ({ key, label }));
  }, [primary, secondary]);
  const selected = useMemo(() => chosen ?? new Set(options.map((o) => o.key).filter(isDefault)), [chosen, options]);
  const { data, layout } = useMemo(() => {
    const colours = seriesColours(options.map((o) => o.key));
    const sets: CurveSet[] = [{ name: analysis.name, curves: primary, dash: 'solid' }];
    if (compare && secondary) sets.push({ name: compare.name, curves: secondary, dash: 'dash' });
    const ticks = secondary ? mergeLayerAxes(primary.layers, secondary.layers) : primary.layers;
    return { data: curveTraces(sets, selected, colours), layout: curveLayout(ticks) };
  }, [analysis.name, compare, primary, secondary, options, selected]);
  const inference = useMemo(() => {
    const a = hasInference(analysis.perf);
    const b = compare ? hasInference(compare.perf) : { pValues: false, intervals: false };
    return { pValues: a.pValues || b.pValues, intervals: a.intervals || b.intervals };
  }, [analysis, compare]);

  const toggle = (key: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };
  const toggleAverage = (on: boolean) => {
    onAverageAxesChange(on);
    if (chosen) setChosen(convertSelection(chosen, on));
  };

  return (
    <section aria-label="Layerwise decoding curves" className="results-curves">
      <fieldset className="results-factors">
        <legend>Factors</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={averageAxes}
            onChange={(e) => {
              toggleAverage(e.target.checked);
            }}
          />{' '}
          Average rotation, translation and lights over their axes
        </label>
        <div className="results-factor-list">
          {options.map((o) => (
            <label key={o.key} className="check">
              <input
                type="checkbox"
                checked={selected.has(o.key)}
                onChange={(e) => {
                  toggle(o.key, e.target.checked);
                }}
              />{' '}
              {o.label}
            </label>
          ))}
        </div>
        <div className="buttons">
          <button
            type="button"
            onClick={() => {
              setChosen(new Set(options.map((o) => o.key)));
            }}
          >
            All
          </button>
          <button
            type="button"
            onClick={() => {
              setChosen(new Set());
            }}
          >
            None
          </button>
          <button
            type="button"
            onClick={() => {
              setChosen(null);
            }}
          >
            Default
          </button>
        </div>
      </fieldset>
      <div className="results-curves-plot">
        <Plot label="Layerwise decoding" data={data} layout={layout} height={460} />
        <p className="results-note">
          Scores: R² for continuous factors, (AUC − 0.5) / 0.5 for categorical ones and id; 0 is chance.
          {compare && ` Solid: ${analysis.name}; dashed: ${compare.name}.`}
          {inference.intervals &&
            ' Error bars: 95 % bootstrap intervals over testing identities (for averages and mean components, the mean of the bounds).'}
          {inference.pValues &&
            ` Diamonds: p < ${ALPHA} in a shuffled-label permutation test, uncorrected (averages and mean components carry no p-value).`}
        </p>
      </div>
    </section>
  );
}
