import type { AnalysisRecord } from '../../pipeline/analyze/records';
import { seedGroupKey } from '../../pipeline/results/runGroups';
import type { RunRecord } from '../../pipeline/train/runRecords';

/** An analysis as the pickers list it: its name, and how far it is when not complete. */
export function analysisLabel(a: AnalysisRecord): string {
  const state = a.status === 'complete' ? '' : ` (${a.decodedLayers.length} of ${a.layers.length} layers decoded)`;
  return `${a.name}${state}`;
}

/**
 * Any number of other analyses to overlay on the layerwise curves (architectures, targets,
 * seeds). The curves draw the analyses whose runs share a config but the seed as mean ± sd.
 */
export function OverlayPicker(props: {
  analysis: AnalysisRecord;
  /** Every other analysis with results. */
  candidates: readonly AnalysisRecord[];
  chosen: ReadonlySet<string>;
  runs: ReadonlyMap<string, RunRecord> | null;
  runsError: string | null;
  onChange: (chosen: ReadonlySet<string>) => void;
}) {
  const { analysis, candidates, chosen, runs, runsError, onChange } = props;
  const key = runs ? seedGroupKey(analysis, runs.get(analysis.runId)) : null;
  const seeds = key === null ? [] : candidates.filter((a) => seedGroupKey(a, runs?.get(a.runId)) === key);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="results-factors">
      <legend>Overlay analyses</legend>
      {candidates.length === 0 ? (
        <p className="results-note">No other analysis to overlay.</p>
      ) : (
        candidates.map((a) => (
          <label key={a.id} className="check">
            <input
              type="checkbox"
              checked={chosen.has(a.id)}
              onChange={(e) => {
                toggle(a.id, e.target.checked);
              }}
            />{' '}
            {analysisLabel(a)}
          </label>
        ))
      )}
      <div className="buttons">
        <button
          type="button"
          disabled={seeds.length === 0 || seeds.every((a) => chosen.has(a.id))}
          onClick={() => {
            onChange(new Set([...chosen, ...seeds.map((a) => a.id)]));
          }}
        >
          Other seeds of this config
        </button>
        <button
          type="button"
          disabled={chosen.size === 0}
          onClick={() => {
            onChange(new Set());
          }}
        >
          Clear overlays
        </button>
      </div>
      {runsError && (
        <p className="error">
          Could not read the stored runs ({runsError}): every analysis is drawn on its own, none averaged over seeds.
        </p>
      )}
    </fieldset>
  );
}
