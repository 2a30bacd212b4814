import { useState } from 'react';
import { analysis as analysisJobsApi } from '../../../app/jobs';
import { useJobsStore } from '../../../app/jobs/jobsStore';
import type { AnalysisRecord } from '../../../pipeline/analyze/records';
import { BEYOND_KINDS } from '../../../pipeline/beyond/records';
import { safeFileName } from '../../../pipeline/dataset/archive/manifest';
import { GeometryPanel } from './GeometryPanel';
import { PsychophysicsPanel } from './PsychophysicsPanel';
import { Reproductions } from './Reproductions';
import { SymmetryPanel } from './SymmetryPanel';
import { TuningPanel } from './TuningPanel';
import { useBeyondResults } from './useBeyondResults';

const TITLES = {
  psychophysics: 'decoding error by factor value',
  tuning: 'variance partitioning and view invariance',
  symmetry: 'mirror-symmetric viewpoint tuning',
  geometry: 'representational geometry',
} as const;

/** The views beyond decoding of one analysis (issue 13): computed after decode, or on request for older analyses. */
export function BeyondDecoding({ analysis, analyses }: { analysis: AnalysisRecord; analyses: AnalysisRecord[] }) {
  const state = useBeyondResults(analysis);
  const running = useJobsStore((s) => s.active.analyze?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  if (analysis.origin?.kind === 'original-perf') return null;
  const beyond = analysis.beyond;
  const missing = BEYOND_KINDS.filter(
    (k) => !beyond?.done.includes(k) && !beyond?.notApplicable.some((n) => n.kind === k),
  );
  const fileStem = safeFileName(analysis.runName);
  const others = analyses.filter(
    (a) => a.id !== analysis.id && a.stage === 'done' && a.origin?.kind !== 'original-perf',
  );
  const compute = () => {
    setError(null);
    analysisJobsApi.runner.resume(analysis.id).catch((e: unknown) => {
      setError(e instanceof Error ? e.message : String(e));
    });
  };
  return (
    <section aria-label="Beyond decoding" className="results-beyond-all">
      <h2>Beyond decoding</h2>
      {missing.length > 0 && analysis.stage === 'done' && (
        <p className="results-note">
          {running === analysis.id
            ? `Computing: ${missing.map((k) => TITLES[k]).join(', ')}…`
            : `Not computed yet: ${missing.map((k) => TITLES[k]).join(', ')}. `}
          {running !== analysis.id && (
            <button type="button" disabled={running !== null} onClick={compute}>
              Compute views
            </button>
          )}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {beyond?.notApplicable.map((n) => (
        <p key={n.kind} className="results-note">
          No {TITLES[n.kind]}: {n.reason}
        </p>
      ))}
      {state.status === 'error' && <p className="error">Could not read the stored views: {state.message}</p>}
      {state.status === 'ready' &&
        state.results.map((result) => {
          switch (result.kind) {
            case 'psychophysics':
              return <PsychophysicsPanel key={result.kind} result={result} fileStem={fileStem} />;
            case 'tuning':
              return <TuningPanel key={result.kind} result={result} fileStem={fileStem} />;
            case 'symmetry':
              return <SymmetryPanel key={result.kind} result={result} fileStem={fileStem} />;
            case 'geometry':
              return (
                <GeometryPanel
                  key={result.kind}
                  result={result}
                  analysis={analysis}
                  others={others}
                  factors={state.factors}
                  fileStem={fileStem}
                />
              );
          }
        })}
      {!analysis.origin && analysis.stage === 'done' && <Reproductions analysis={analysis} fileStem={fileStem} />}
    </section>
  );
}
