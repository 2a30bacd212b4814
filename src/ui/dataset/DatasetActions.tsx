import { useId, useState } from 'react';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { datasetCsv } from '../../pipeline/dataset/exportCsv';
import { putRecord } from '../../lib/storage';
import { SPLIT_NAMES, type SplitCounts, splitCountsIssue } from '../../pipeline/dataset/splits';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { downloadBlob } from '../download';
import { workbenchDb } from '../../app/db';
import { DatasetQuery } from './DatasetQuery';
import { ZipExport } from './ZipExport';

/** The original's 2:1:1 proportions (48/24/24 of 96), the remainder going to training. */
function defaultCounts(identities: number): SplitCounts {
  const quarter = Math.floor(identities / 4);
  return { training: identities - 2 * quarter, validation: quarter, testing: quarter };
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Split a complete dataset's identities and export its table as the original's CSV. */
export function DatasetActions({ dataset }: { dataset: DatasetRecord }) {
  const id = useId();
  const touch = useJobsStore((s) => s.touch);
  const [counts, setCounts] = useState<SplitCounts>(dataset.split?.counts ?? defaultCounts(dataset.spec.identities));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [open, setOpen] = useState(false);

  async function saveSplit() {
    // The rule imports use too: whole counts, training and validation not empty, adding up.
    const problem = splitCountsIssue(counts, dataset.spec.identities);
    if (problem) {
      setMessage({ error: true, text: problem });
      return;
    }
    try {
      const updated: DatasetRecord = { ...dataset, split: { counts, seed: dataset.spec.seed } };
      await putRecord(await workbenchDb(), 'datasets', updated);
      setMessage({
        error: false,
        text: `Saved: ${counts.training} / ${counts.validation} / ${counts.testing} identities.`,
      });
      touch('generate');
    } catch (e) {
      setMessage({ error: true, text: errorText(e) });
    }
  }

  async function exportCsv() {
    try {
      const csv = await datasetCsv(await workbenchDb(), dataset);
      downloadBlob(new Blob([csv], { type: 'text/csv' }), `${dataset.spec.name}.csv`);
    } catch (e) {
      setMessage({ error: true, text: errorText(e) });
    }
  }

  return (
    <details
      className="dataset-actions"
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
      }}
    >
      <summary>Split and export</summary>
      <div
        role="group"
        aria-label={`Split of ${dataset.name}`}
        aria-describedby={message ? `${id}-message` : undefined}
      >
        {SPLIT_NAMES.map((name) => (
          <label key={name} className="split-count">
            {name}{' '}
            <input
              type="number"
              value={Number.isNaN(counts[name]) ? '' : counts[name]}
              onChange={(e) => {
                setCounts({ ...counts, [name]: e.target.value === '' ? Number.NaN : Number(e.target.value) });
              }}
            />
          </label>
        ))}
        <button type="button" onClick={() => void saveSplit()}>
          Save split
        </button>
      </div>
      {message && (
        <p id={`${id}-message`} role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : ''}>
          {message.text}
        </p>
      )}
      <button type="button" onClick={() => void exportCsv()}>
        Export CSV
      </button>
      <ZipExport dataset={dataset} />
      {/* Mounted only when open: it reads every image record of the dataset. */}
      {open && <DatasetQuery dataset={dataset} />}
    </details>
  );
}
