import { useState } from 'react';
import { type AnalysisRecord, idFoldsOf } from '../../pipeline/analyze/records';
import { StoragePanel } from '../storage/StoragePanel';
import { DecodingCurves } from './DecodingCurves';
import { DecodingHeatmap } from './DecodingHeatmap';
import { ExplainedVariance } from './ExplainedVariance';
import { ImportOriginal } from './ImportOriginal';
import { PredictedVsTrue } from './PredictedVsTrue';
import { useAnalyses } from './useAnalyses';

function describe(a: AnalysisRecord): string {
  const state = a.status === 'complete' ? '' : ` (${a.decodedLayers.length} of ${a.layers.length} layers decoded)`;
  return `${a.name}${state}`;
}

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

/** Decoding results of stored analyses: curves, heatmap, predictions, explained variance; and storage. */
export function ResultsTab() {
  const { analyses, error } = useAnalyses();
  const [chosen, setChosen] = useState<string | null>(null);
  const [compareId, setCompareId] = useState('');
  const [averageAxes, setAverageAxes] = useState(true);
  const withResults = (analyses ?? []).filter((a) => a.perf.length > 0);
  const analysis =
    withResults.find((a) => a.id === chosen) ?? withResults.find((a) => a.status === 'complete') ?? withResults[0];
  const compare = withResults.find((a) => a.id === compareId && a.id !== analysis?.id) ?? null;
  return (
    <>
      <section aria-label="Analysis results" className="results">
        <h2>Results</h2>
        {error && <p className="error">Could not read the stored analyses: {error}</p>}
        {analyses === null && <p>Reading stored analyses…</p>}
        <ImportOriginal />
        {analyses !== null && !analysis && (
          <p>No decoding results yet: analyse a trained run in the Analyze tab, or import the original&apos;s files.</p>
        )}
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
                      {describe(a)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="select">
                Compare with{' '}
                <select
                  aria-label="Compare with"
                  value={compare?.id ?? ''}
                  onChange={(e) => {
                    setCompareId(e.target.value);
                  }}
                >
                  <option value="">none</option>
                  {withResults
                    .filter((a) => a.id !== analysis.id)
                    .map((a) => (
                      <option key={a.id} value={a.id}>
                        {describe(a)}
                      </option>
                    ))}
                </select>
              </label>
            </div>
            <Summary analysis={analysis} />
            <DecodingCurves
              analysis={analysis}
              compare={compare}
              averageAxes={averageAxes}
              onAverageAxesChange={setAverageAxes}
            />
            <div className="results-grid">
              <DecodingHeatmap analysis={analysis} averageAxes={averageAxes} />
              {!analysis.origin && <ExplainedVariance layers={analysis.layers} />}
            </div>
            {analysis.origin?.kind !== 'original-perf' && <PredictedVsTrue key={analysis.id} analysis={analysis} />}
          </>
        )}
      </section>
      <StoragePanel />
    </>
  );
}
