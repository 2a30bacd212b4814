import { useEffect, useState } from 'react';
import { analysis, generation, training } from '../../app/jobs';
import { type JobEntry, jobEntries, loadJobRecords, type StoredJobRecords } from '../../app/jobs/jobsOverview';
import { type JobKind, useJobsStore } from '../../app/jobs/jobsStore';
import { workbenchDb } from '../../app/db';
import { listAnalyses, listDatasets, listRuns } from '../../app/queries';
import type { TabId } from '../routing';

const KIND_LABEL: Record<JobKind, string> = { generate: 'Dataset generation', train: 'Training', analyze: 'Analysis' };
const KIND_TAB: Record<JobKind, { id: TabId; label: string }> = {
  generate: { id: 'dataset', label: 'Dataset' },
  train: { id: 'train', label: 'Train' },
  analyze: { id: 'analyze', label: 'Analyze' },
};
const STATE_LABEL: Record<JobEntry['state'], string> = {
  starting: 'starting',
  running: 'running',
  pausing: 'pausing',
  stopping: 'stopping',
  paused: 'paused',
  queued: 'queued',
  interrupted: 'interrupted',
  failed: 'failed',
};
const RUNNERS = { generate: generation.runner, train: training.runner, analyze: analysis.runner };
/** Analyses resume through their API, which refuses (with the reason) when the run or dataset is gone. */
const resume = (kind: JobKind, id: string): Promise<void> =>
  kind === 'analyze' ? analysis.resume(id) : RUNNERS[kind].resume(id);

/** Re-reads the stored records whenever a kind's records change or a job starts or ends. */
function useStoredJobRecords(): StoredJobRecords | null {
  const version = useJobsStore((s) => `${s.version.generate}/${s.version.train}/${s.version.analyze}`);
  const running = useJobsStore((s) =>
    Object.values(s.active)
      .map((job) => job?.id ?? '')
      .join('/'),
  );
  const [records, setRecords] = useState<StoredJobRecords | null>(null);
  useEffect(() => {
    let live = true;
    void workbenchDb()
      .then((db) => loadJobRecords(db, { datasets: listDatasets, runs: listRuns, analyses: listAnalyses }))
      .then((loaded) => {
        if (live) setRecords(loaded);
      });
    return () => {
      live = false;
    };
  }, [version, running]);
  return records;
}

function JobItem({
  entry,
  busy,
  onGoTo,
  onError,
}: {
  entry: JobEntry;
  /** A job of this kind runs (here or in another tab): Resume must wait. */
  busy: boolean;
  onGoTo: (tab: TabId) => void;
  onError: (message: string) => void;
}) {
  const { kind, id, name, progress: p } = entry;
  const tab = KIND_TAB[kind];
  const where = entry.where === 'another tab' ? ' in another tab of this browser' : entry.where ? ' in this tab' : '';
  return (
    <li aria-label={`${KIND_LABEL[kind]} ${name}`} className={`jobs-item jobs-item-${entry.state}`}>
      <div className="jobs-item-head">
        <span className="jobs-item-name" title={name}>
          {name}
        </span>
        <span className="jobs-item-state">
          {KIND_LABEL[kind]} · {STATE_LABEL[entry.state]}
          {where}
        </span>
      </div>
      {entry.where && <progress aria-label={`Progress of ${name}`} max={p?.total ?? 1} value={p?.done ?? 0} />}
      <p className="jobs-item-detail">{entry.detail}</p>
      {entry.where === 'another tab' && <p className="note">Pause and Stop are sent to the tab that runs it.</p>}
      {entry.note && <p className={entry.state === 'failed' ? 'error' : 'note'}>{entry.note}</p>}
      <div className="jobs-item-actions">
        {entry.actions.pause && (
          <button type="button" onClick={RUNNERS[kind].pause} aria-label={`Pause ${name}`}>
            Pause
          </button>
        )}
        {entry.actions.stop && (
          <button
            type="button"
            onClick={RUNNERS[kind].stop}
            aria-label={`Stop ${name}`}
            title="Ends training now; the weights so far become the run's model."
          >
            Stop
          </button>
        )}
        {entry.actions.resume && (
          <button
            type="button"
            disabled={busy}
            title={busy ? `Another ${KIND_LABEL[kind].toLowerCase()} job is running; resume once it ends.` : undefined}
            aria-label={`Resume ${name}`}
            onClick={() => {
              resume(kind, id).catch((error: unknown) => {
                onError(error instanceof Error ? error.message : String(error));
              });
            }}
          >
            Resume
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            onGoTo(tab.id);
          }}
        >
          Open the {tab.label} tab
        </button>
      </div>
    </li>
  );
}

/** Every running, paused, queued, interrupted and failed job, with its progress and actions. */
export function JobList({ onGoTo }: { onGoTo: (tab: TabId) => void }) {
  const active = useJobsStore((s) => s.active);
  const records = useStoredJobRecords();
  const [error, setError] = useState<string | null>(null);
  const entries = jobEntries(active, records ?? { datasets: [], runs: [], analyses: [] });
  return (
    <>
      {error && (
        <p role="alert" className="error">
          Not resumed: {error}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="jobs-empty">
          {records
            ? 'No jobs running, paused or interrupted. Generate a dataset, train a run or analyse one and it shows here.'
            : 'Reading stored jobs…'}
        </p>
      ) : (
        <ul aria-label="Jobs" className="jobs-list">
          {entries.map((entry) => (
            <JobItem
              key={`${entry.kind}-${entry.id}`}
              entry={entry}
              busy={active[entry.kind] !== null}
              onGoTo={onGoTo}
              onError={setError}
            />
          ))}
        </ul>
      )}
    </>
  );
}
