import { type ReactNode, useMemo, useState } from 'react';
import { convertSelection, hasInference } from '../../pipeline/results/curves';
import { groupBySeed } from '../../pipeline/results/runGroups';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { Plot } from '../plots/Plot';
import {
  ALPHA,
  curveLayout,
  curveTraces,
  curveYRange,
  plotSets,
  seriesColours,
  setsAxis,
  setsNote,
  setsSeries,
  Y_FLOOR,
} from './curveTraces';

/** Shown until the researcher picks: everything but backgrounds and mean components. */
const isDefault = (key: string) => key !== 'bg' && !key.endsWith(':mean');

const NO_RUNS: ReadonlyMap<string, RunRecord> = new Map();

/**
 * Layerwise decoding curves of one analysis and any overlaid ones, one line style each; the
 * analyses that are seeds of one training config (their runs, from `runs`) drawn as mean ± sd.
 */
export function DecodingCurves(props: {
  analysis: AnalysisRecord;
  overlays: readonly AnalysisRecord[];
  /** Stored runs by id; null while they are read (then every analysis is drawn on its own). */
  runs: ReadonlyMap<string, RunRecord> | null;
  averageAxes: boolean;
  onAverageAxesChange: (on: boolean) => void;
  /** Shown above the factor choice (the overlay picker). */
  controls?: ReactNode;
}) {
  const { analysis, overlays, runs, averageAxes, onAverageAxesChange, controls } = props;
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null);
  const groups = useMemo(() => groupBySeed([analysis, ...overlays], runs ?? NO_RUNS), [analysis, overlays, runs]);
  const sets = useMemo(() => plotSets(groups, averageAxes), [groups, averageAxes]);
  const options = useMemo(() => setsSeries(sets), [sets]);
  const selected = useMemo(() => chosen ?? new Set(options.map((o) => o.key).filter(isDefault)), [chosen, options]);
  const { data, layout, hidden } = useMemo(() => {
    const colours = seriesColours(options.map((o) => o.key));
    const traces = curveTraces(sets, selected, colours);
    const y = curveYRange(traces);
    return { data: traces, layout: curveLayout(setsAxis(sets), y), hidden: y.hidden };
  }, [sets, options, selected]);
  // Intervals and p-values belong to single analyses; a seed group's bars are its sd.
  const inference = useMemo(() => {
    const single = groups.filter((g) => g.members.length === 1).flatMap((g) => g.members);
    const found = single.map((a) => hasInference(a.perf));
    return { pValues: found.some((f) => f.pValues), intervals: found.some((f) => f.intervals) };
  }, [groups]);
  const note = useMemo(() => setsNote(groups, sets), [groups, sets]);

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
      <div>
        {controls}
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
      </div>
      <div className="results-curves-plot">
        <Plot label="Layerwise decoding" data={data} layout={layout} height={460} />
        <p className="results-note">
          Scores: R² for continuous factors, (AUC − 0.5) / 0.5 for categorical ones and id; 0 is chance.
          {note}
          {inference.intervals &&
            ' Error bars: 95 % bootstrap intervals over testing identities (for averages and mean components, the mean of the bounds).'}
          {hidden > 0 &&
            ` The y axis starts at ${Y_FLOOR}: ${hidden} ${hidden === 1 ? 'score or error bar reaches' : 'scores or error bars reach'} below it (double-click the chart to show everything).`}
          {inference.pValues &&
            ` Diamonds: p < ${ALPHA} in a shuffled-label permutation test, uncorrected (averages and mean components carry no p-value).`}
        </p>
      </div>
    </section>
  );
}
