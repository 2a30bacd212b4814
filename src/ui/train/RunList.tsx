import { Fragment, useEffect, useId, useState } from 'react';
import { training } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { isQueuedRun } from '../../app/jobs/seedQueue';
import { listRuns } from '../../app/queries';
import { historyColumns, historyCsv } from '../../pipeline/train/history';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { safeFileName } from '../../pipeline/dataset/archive/manifest';
import { downloadBlob } from '../download';
import { EmptyState } from '../empty/EmptyState';
import { trainJobs } from '../../app/workers/trainClient';
import { ExperimentExport } from './ExperimentExport';
import { RunProvenance } from './RunProvenance';
import { TrainingCurves } from './TrainingCurves';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The numpy loader, served by this app (public/python): never fetched from anywhere else. */
async function pythonLoader(): Promise<Blob> {
  const response = await fetch(`${import.meta.env.BASE_URL}python/gmf_model.py`);
  if (!response.ok) throw new Error(`The Python loader could not be read from this app (HTTP ${response.status}).`);
  return new Blob([await response.text()], { type: 'text/x-python' });
}

/** A history cell: the epoch as a whole number, other values to 4 significant digits without trailing zeros. */
function historyCell(column: string, value: number | undefined): string {
  if (value === undefined) return '';
  return column === 'epoch' ? String(value) : String(Number(value.toPrecision(4)));
}

function RunDetails({ run }: { run: RunRecord }) {
  const [message, setMessage] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const columns = historyColumns(run.history);
  async function exportModel(forPython: boolean) {
    setMessage(null);
    setNote(null);
    setExporting(true);
    try {
      const [files, loader] = await Promise.all([
        trainJobs.run('exportModel', { runId: run.id, reference: forPython }),
        forPython ? pythonLoader() : null,
      ]);
      downloadBlob(new Blob([files.json], { type: 'application/json' }), 'model.json');
      downloadBlob(new Blob([files.weights], { type: 'application/octet-stream' }), files.weightsFile);
      if (files.reference && loader) {
        downloadBlob(new Blob([files.reference.h5 as BlobPart], { type: 'application/x-hdf5' }), 'reference.h5');
        downloadBlob(loader, 'gmf_model.py');
        setNote(
          `reference.h5 holds every layer's output for the ${files.reference.source}, computed on ${files.reference.backend}. Check: python3 gmf_model.py model.json --check reference.h5`,
        );
      }
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setExporting(false);
    }
  }
  const finished = run.status === 'complete' || run.status === 'stopped';
  return (
    <div className="run-details">
      <p>
        {run.imported
          ? 'Imported model.'
          : `${run.config.architecture} on ${run.images.training} training / ${run.images.validation} validation images; targets ${run.targets.map((t) => t.name).join(', ')}; batch ${run.config.batchSize}, learning rate ${run.config.learningRate}, ${run.config.data} data, query ${run.query ? `“${run.query.name}”: ${run.query.text}` : 'none (all images)'}.`}
      </p>
      <RunProvenance run={run} />
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
                    <td key={c}>{historyCell(c, row[c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <TrainingCurves batches={[]} epochs={run.history} batchesPerEpoch={1} axis="epoch" />
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
        <>
          <button type="button" disabled={exporting} onClick={() => void exportModel(false)}>
            Export model (tfjs)
          </button>{' '}
          <button type="button" disabled={exporting} onClick={() => void exportModel(true)}>
            Export for Python (model, reference.h5, gmf_model.py)
          </button>
        </>
      )}
      {note && <p role="status">{note}</p>}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </div>
  );
}

/** A diverged run: its last good checkpoint becomes the model (the run then says 'stopped', never 'complete'). */
function UseLastGoodCheckpoint({ run }: { run: RunRecord }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      {' '}
      <button
        type="button"
        disabled={busy}
        aria-label={`Use the last good checkpoint of ${run.name} as its model`}
        onClick={() => {
          setBusy(true);
          setMessage(null);
          training.useLastGoodCheckpoint(run.id).catch((e: unknown) => {
            setMessage(errorText(e));
            setBusy(false);
          });
        }}
      >
        Use last good checkpoint as the model
      </button>
      {message && (
        <span role="alert" className="error">
          {' '}
          {message}
        </span>
      )}
    </>
  );
}

/** Stored runs: status, last validation values, resume, history and model export. */
export function RunList() {
  const version = useJobsStore((s) => s.version.train);
  const active = useJobsStore((s) => s.active.train?.id);
  const [runs, setRuns] = useState<RunRecord[] | null>(null);
  // Runs whose history and model show in a row of their own below theirs, at the table's full width.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const detailsId = useId();
  const toggle = (id: string) => {
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  };
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
  if (runs.length === 0)
    return (
      <EmptyState
        message="No training runs yet. Set one up in the form above; it trains on a dataset from the Dataset tab."
        actions={[
          { label: 'Fill in the training form', focus: 'form[aria-label="Train a network"]' },
          { label: 'Go to the Dataset tab', tab: 'dataset' },
        ]}
      />
    );
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
          const shownDetails = open.has(run.id);
          return (
            <Fragment key={run.id}>
              <tr aria-label={`Run ${run.name}`}>
                <td>{run.name}</td>
                <td>
                  {run.id === active
                    ? 'training'
                    : run.status === 'training'
                      ? 'interrupted'
                      : isQueuedRun(run)
                        ? 'queued'
                        : run.status}
                  {/* Why it waits (a queued seed) or why it ended early (plateau, early stop): seen without opening anything. */}
                  {run.note && <div className="note">{run.note}</div>}
                </td>
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
                  {run.status === 'failed' && run.diverged?.lastGood && run.id !== active && (
                    <UseLastGoodCheckpoint run={run} />
                  )}
                  {(run.status === 'complete' || run.status === 'stopped') && <ExperimentExport run={run} />}
                  <button
                    type="button"
                    className="disclosure"
                    aria-expanded={shownDetails}
                    aria-controls={`${detailsId}-${run.id}`}
                    onClick={() => {
                      toggle(run.id);
                    }}
                  >
                    History and model
                  </button>
                </td>
              </tr>
              {shownDetails && (
                <tr
                  id={`${detailsId}-${run.id}`}
                  aria-label={`History and model of ${run.name}`}
                  className="run-details-row"
                >
                  <td colSpan={5}>
                    <RunDetails run={run} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
