import { useMemo, useState } from 'react';
import { type AnalysisRecord, idFoldsOf } from '../../pipeline/analyze/records';
import { EmptyState } from '../empty/EmptyState';
import { StoragePanel } from '../storage/StoragePanel';
import { analysisLabel, OverlayPicker } from './CompareRuns';
import { DecodingCurves } from './DecodingCurves';
import { DecodingHeatmap } from './DecodingHeatmap';
import { ExplainedVariance } from './ExplainedVariance';
import { ImportOriginal } from './ImportOriginal';
import { PredictedVsTrue } from './PredictedVsTrue';
import { BeyondDecoding } from './beyond/BeyondDecoding';
import { useAnalyses } from './useAnalyses';
import { useRunsById } from './useRuns';

const notScored = (a: AnalysisRecord): string =>
  a.skipped.length > 0
    ? ` Not scored: ${a.skipped.map((s) => `${s.factor} at ${s.layer} (${s.reason})`).join('; ')}.`
    : '';

function Summary({ analysis }: { analysis: AnalysisRecord }) {
  const { samples, options, query, origin } = analysis;
  if (origin)
    return (
      <p className="results-note">
        Imported from the original pipeline&apos;s {origin.file}
        {origin.kind === 'original-decomposed'
          ? `, decoded here: ${samples.training} / ${samples.validation} / ${samples.testing} training / validation / testing samples, identity folds as the original (unshuffled).`
          : ' (performance rows only: no predictions).'}
        {notScored(analysis)}
      </p>
    );
  return (
    <p className="results-note">
      Run {analysis.runName}; {samples.training} / {samples.validation} / {samples.testing} training / validation /
      testing images
      {query ? `, query “${query.text}”` : ''}; {options.nComponents} principal components per layer
      {options.permutations > 0 ? `, ${options.permutations} permutations` : ''}
      {options.bootstraps > 0 ? `, ${options.bootstraps} bootstrap resamples` : ''}; identity folds{' '}
      {idFoldsOf(options) === 'original' ? 'as the original (unshuffled)' : 'shuffled'}.{notScored(analysis)}
    </p>
  );
}

/** What to do when nothing is decoded yet: analyse a run, or train one first when there is none. */
function NoResults({ noRuns }: { noRuns: boolean }) {
  return noRuns ? (
    <EmptyState
      message="No decoding results yet: train a network in the Train tab, then analyse it in the Analyze tab, or import the original's files above."
      actions={[{ label: 'Go to the Train tab', tab: 'train' }]}
    />
  ) : (
    <EmptyState
      message="No decoding results yet: analyse a trained run in the Analyze tab, or import the original's files above."
      actions={[{ label: 'Go to the Analyze tab', tab: 'analyze' }]}
    />
  );
}

/** Decoding results of stored analyses: curves, heatmap, predictions, explained variance; and storage. */
export function ResultsTab() {
  const { analyses, error } = useAnalyses();
  const [chosen, setChosen] = useState<string | null>(null);
  const [overlayIds, setOverlayIds] = useState<ReadonlySet<string>>(new Set());
  const [averageAxes, setAverageAxes] = useState(true);
  const { runs, error: runsError } = useRunsById();
  const withResults = useMemo(() => (analyses ?? []).filter((a) => a.perf.length > 0), [analyses]);
  const analysis =
    withResults.find((a) => a.id === chosen) ?? withResults.find((a) => a.status === 'complete') ?? withResults[0];
  const candidates = useMemo(() => withResults.filter((a) => a.id !== analysis?.id), [withResults, analysis]);
  // Kept in list order (newest first), whatever order they were ticked in.
  const overlays = useMemo(() => candidates.filter((a) => overlayIds.has(a.id)), [candidates, overlayIds]);
  return (
    <>
      <section aria-label="Analysis results" className="results">
        <h2>Results</h2>
        {error && <p className="error">Could not read the stored analyses: {error}</p>}
        {analyses === null && <p>Reading stored analyses…</p>}
        <ImportOriginal />
        {analyses !== null && !analysis && <NoResults noRuns={runs !== null && runs.size === 0} />}
        {analysis && (
          <>
            <div className="results-pickers">
              <label className="select">
                Analysis{' '}
                <select
                  aria-label="Analysis"
                  value={analysis.id}
                  onChange={(e) => {
                    setChosen(e.target.value);
                  }}
                >
                  {withResults.map((a) => (
                    <option key={a.id} value={a.id}>
                      {analysisLabel(a)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <Summary analysis={analysis} />
            <DecodingCurves
              analysis={analysis}
              overlays={overlays}
              runs={runs}
              averageAxes={averageAxes}
              onAverageAxesChange={setAverageAxes}
              controls={
                <OverlayPicker
                  analysis={analysis}
                  candidates={candidates}
                  chosen={overlayIds}
                  runs={runs}
                  runsError={runsError}
                  onChange={setOverlayIds}
                />
              }
            />
            <div className="results-grid">
              <DecodingHeatmap analysis={analysis} averageAxes={averageAxes} />
              {!analysis.origin && <ExplainedVariance layers={analysis.layers} />}
            </div>
            {analysis.origin?.kind !== 'original-perf' && <PredictedVsTrue key={analysis.id} analysis={analysis} />}
            <BeyondDecoding analysis={analysis} analyses={withResults} />
          </>
        )}
      </section>
      <StoragePanel />
    </>
  );
}
