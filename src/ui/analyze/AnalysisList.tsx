import { useEffect, useState } from 'react';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import { analysis } from '../../app/jobs';
import { NOT_STARTED } from '../../app/jobs/analysis';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { listAnalyses } from '../../app/queries';
import { progressSummary } from '../../lib/jobs/progressText';
import { safeFileName } from '../../pipeline/dataset/archive/manifest';
import { downloadBlob } from '../download';
import { EmptyState } from '../empty/EmptyState';
import { ElsewhereNote } from '../jobs/ElsewhereNote';
import { analysisJobs } from '../../app/workers/analysisClient';

const STAGE: Record<AnalysisRecord['stage'], string> = {
  compress: 'compressing',
  decompose: 'decomposing',
  decode: 'decoding',
  done: 'done',
};

function Downloads({ analysis }: { analysis: AnalysisRecord }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notAvailable, setNotAvailable] = useState<string[]>([]);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      const files = await analysisJobs.run('exportAnalysis', { analysisId: analysis.id });
      const run = safeFileName(analysis.runName);
      const h5 = (bytes: Uint8Array | null, name: string) => {
        if (bytes) downloadBlob(new Blob([bytes as BlobPart], { type: 'application/x-hdf5' }), `${run}_${name}.h5`);
      };
      h5(files.compressed, 'compressed');
      h5(files.decomposed, 'decomposed');
      h5(files.results, 'results');
      downloadBlob(new Blob([files.perfTsv], { type: 'text/tab-separated-values' }), `${run}_perf.tsv`);
      if (files.perfInferenceTsv !== null)
        downloadBlob(
          new Blob([files.perfInferenceTsv], { type: 'text/tab-separated-values' }),
          `${run}_perf_inference.tsv`,
        );
      if (files.predictionsZip)
        downloadBlob(
          new Blob([files.predictionsZip.bytes as BlobPart], { type: 'application/zip' }),
          files.predictionsZip.name,
        );
      if (files.viewsZip)
        downloadBlob(new Blob([files.viewsZip.bytes as BlobPart], { type: 'application/zip' }), files.viewsZip.name);
      setNotAvailable(files.notAvailable);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void download()}>
        Download HDF5, TSV and CSV
      </button>
      {error && <span className="error"> {error}</span>}
      {notAvailable.length > 0 && <span className="results-note"> Not available: {notAvailable.join(' ')}</span>}
    </>
  );
}

/** Stored analyses: stage, explained variance per layer, resume, cancel, downloads. */
export function AnalysisList() {
  const version = useJobsStore((s) => s.version.analyze);
  const active = useJobsStore((s) => s.active.analyze);
  const error = useJobsStore((s) => s.error.analyze);
  const [analyses, setAnalyses] = useState<AnalysisRecord[] | null>(null);
  useEffect(() => {
    let live = true;
    void listAnalyses().then((list) => {
      if (live) setAnalyses(list);
    });
    return () => {
      live = false;
    };
  }, [version]);
  const p = active?.progress;
  return (
    <>
      {active && (
        <section aria-label="Analysis progress" className="analysis-progress">
          <h3>
            Analysing “{active.name}”{active.elsewhere && ' in another tab'}
          </h3>
          <ElsewhereNote job={active} />
          <progress aria-label="Analysis step" max={p?.total ?? 1} value={p?.done ?? 0} />
          <p aria-live="polite">
            {p ? `${p.message ?? 'analysing'}: ${progressSummary(p)}` : 'Loading the model and images…'}
          </p>
          <button type="button" disabled={active.state === 'pausing'} onClick={analysis.runner.pause}>
            Cancel
          </button>
        </section>
      )}
      {error && (
        <p role="alert" className="error">
          {error.startsWith(NOT_STARTED)
            ? `Analysis not started: ${error.slice(NOT_STARTED.length)}`
            : `Analysis stopped: ${error}`}
        </p>
      )}
      {analyses && analyses.length === 0 && (
        <EmptyState
          message="No analyses yet. Pick a trained run in the form above and start one; runs come from the Train tab."
          actions={[
            { label: 'Fill in the analysis form', focus: 'form[aria-label="Analyse a run"]' },
            { label: 'Go to the Train tab', tab: 'train' },
          ]}
        />
      )}
      {analyses && analyses.length > 0 && (
        <table aria-label="Analyses" className="analysis-list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Layers (explained variance)</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {analyses.map((a) => (
              <tr key={a.id} aria-label={`Analysis ${a.name}`}>
                <td>{a.name}</td>
                <td>
                  {a.id === active?.id
                    ? STAGE[a.stage]
                    : a.status === 'running'
                      ? 'interrupted'
                      : a.status === 'complete'
                        ? 'complete'
                        : `${a.status} (${STAGE[a.stage]})`}
                </td>
                <td>
                  {a.origin && `imported from ${a.origin.file}: `}
                  {a.layers
                    .map((l) =>
                      // Imported layers have no explained variance: the original's file does not hold it.
                      Number.isFinite(l.explainedVariance)
                        ? `${l.name} ${(100 * l.explainedVariance).toFixed(0)} %${l.sketchedTo ? ` (sketched ${l.features}→${l.sketchedTo})` : ''}`
                        : l.name,
                    )
                    .join(', ')}
                </td>
                <td>
                  {a.status !== 'complete' && a.id !== active?.id && (
                    <button
                      type="button"
                      disabled={active !== null}
                      onClick={() => void analysis.resume(a.id).catch(() => undefined)}
                      aria-label={`Resume ${a.name}`}
                    >
                      Resume
                    </button>
                  )}
                  {a.status === 'complete' && <Downloads analysis={a} />}
                  {a.error && <span className="error"> {a.error}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
