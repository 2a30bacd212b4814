import { useEffect, useState } from 'react';
import { training } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { listRuns } from '../../app/queries';
import { historyColumns, historyCsv } from '../../pipeline/train/history';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { safeFileName } from '../../pipeline/dataset/archive/manifest';
import { downloadBlob } from '../download';
import { trainJobs } from '../../app/workers/trainClient';
import { TrainingCurves } from './TrainingCurves';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function RunDetails({ run }: { run: RunRecord }) {
  const [message, setMessage] = useState<string | null>(null);
  const columns = historyColumns(run.history);
  async function exportModel() {
    try {
      const { json, weights, weightsFile } = await trainJobs.run('exportModel', { runId: run.id });
      downloadBlob(new Blob([json], { type: 'application/json' }), 'model.json');
      downloadBlob(new Blob([weights], { type: 'application/octet-stream' }), weightsFile);
    } catch (e) {
      setMessage(errorText(e));
    }
  }
  const finished = run.status === 'complete' || run.status === 'stopped';
  return (
    <details className="run-details">
      <summary>History and model</summary>
      <p>
        {run.imported
          ? 'Imported model.'
          : `${run.config.architecture} on ${run.images.training} training / ${run.images.validation} validation images; targets ${run.targets.map((t) => t.name).join(', ')}; batch ${run.config.batchSize}, learning rate ${run.config.learningRate}, ${run.config.data} data, query ${run.query ? `“${run.query.name}”: ${run.query.text}` : 'none (all images)'}.`}
        {run.note ? ` ${run.note}` : ''}
      </p>
      {run.history.length > 0 && (
        <>
          <table aria-label={`History of ${run.name}`} className="history">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {run.history.map((row) => (
                <tr key={row.epoch}>
                  {columns.map((c) => (
                    <td key={c}>{row[c]?.toPrecision(4) ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <TrainingCurves batches={[]} epochs={run.history} batchesPerEpoch={1} />
          <button
            type="button"
            onClick={() => {
              downloadBlob(
                new Blob([historyCsv(run.history)], { type: 'text/csv' }),
                `${safeFileName(run.name)}_history.csv`,
              );
            }}
          >
            Download history (CSV)
          </button>{' '}
        </>
      )}
      {finished && (
        <button type="button" onClick={() => void exportModel()}>
          Export model (tfjs)
        </button>
      )}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </details>
  );
}

/** Stored runs: status, last validation values, resume, history and model export. */
export function RunList() {
  const version = useJobsStore((s) => s.version.train);
  const active = useJobsStore((s) => s.active.train?.id);
  const [runs, setRuns] = useState<RunRecord[] | null>(null);
  useEffect(() => {
    let live = true;
    void listRuns().then((list) => {
      if (live) setRuns(list);
    });
    return () => {
      live = false;
    };
  }, [version, active]);
  if (!runs) return <p>Reading stored runs…</p>;
  if (runs.length === 0) return <p>No training runs yet.</p>;
  return (
    <table aria-label="Training runs" className="run-list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Epochs</th>
          <th scope="col">Last epoch</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const last = run.history.at(-1);
          const shown = last ? Object.entries(last).filter(([k]) => k.startsWith('val_')) : [];
          return (
            <tr key={run.id} aria-label={`Run ${run.name}`}>
              <td>{run.name}</td>
              <td>{run.id === active ? 'training' : run.status === 'training' ? 'interrupted' : run.status}</td>
              <td>
                {run.history.length} / {run.imported ? '–' : run.config.epochs}
              </td>
              <td>{shown.map(([k, v]) => `${k} ${v.toPrecision(3)}`).join(', ')}</td>
              <td>
                {(run.status === 'paused' || run.status === 'training' || run.status === 'failed') &&
                  run.id !== active && (
                    <button
                      type="button"
                      disabled={active !== undefined}
                      onClick={() => void training.runner.resume(run.id)}
                      aria-label={`Resume ${run.name}`}
                    >
                      Resume
                    </button>
                  )}
                {run.error && <span className="error"> {run.error}</span>}
                <RunDetails run={run} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
