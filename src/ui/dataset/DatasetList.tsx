import { useEffect, useState } from 'react';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { generation } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { listDatasets } from '../../app/queries';
import { EmptyState } from '../empty/EmptyState';
import { DatasetActions } from './DatasetActions';
import { FactorAudit } from './FactorAudit';
import './DatasetList.css';

const STATUS: Record<DatasetRecord['status'], string> = {
  generating: 'interrupted',
  paused: 'paused',
  complete: 'complete',
};

/** Stored datasets with their spec summary and status; paused ones can be resumed. */
export function DatasetList() {
  const version = useJobsStore((s) => s.version.generate);
  const running = useJobsStore((s) => s.active.generate?.id);
  const [datasets, setDatasets] = useState<DatasetRecord[] | null>(null);

  useEffect(() => {
    let current = true;
    void listDatasets().then((list) => {
      if (current) setDatasets(list);
    });
    return () => {
      current = false;
    };
  }, [version, running]);

  if (!datasets) return <p>Reading stored datasets…</p>;
  if (datasets.length === 0)
    return (
      <EmptyState
        message="No datasets yet. Generate one with the form above (its Tiny preset is quick to try), or import a zip below."
        actions={[{ label: 'Fill in the generator form', focus: 'form[aria-label="Generate a dataset"]' }]}
      />
    );
  // Each row is a grid whose actions take a full-width line of their own (DatasetList.css): opened,
  // a split, a query's images or an audit get the list's whole width. The explicit roles keep the
  // table a table for assistive technology whatever its CSS display.
  return (
    <table aria-label="Datasets" className="dataset-list" role="table">
      <thead role="rowgroup">
        <tr role="row">
          <th scope="col" role="columnheader">
            Name
          </th>
          <th scope="col" role="columnheader">
            Identities × variations
          </th>
          <th scope="col" role="columnheader">
            Images
          </th>
          <th scope="col" role="columnheader">
            Status
          </th>
          <th scope="col" role="columnheader" className="dataset-list-actions">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {datasets.map((d) => (
          <tr key={d.id} aria-label={`Dataset ${d.name}`} role="row">
            <td role="cell">
              {/* One line however long (names stored before the length limit may have 10,000 characters). */}
              <span className="name-clip" title={d.name}>
                {d.name}
              </span>
            </td>
            <td role="cell">
              {d.spec.identities} × {d.spec.variationsPerIdentity}
            </td>
            <td role="cell">
              {d.spec.resolution}×{d.spec.resolution} {d.spec.format}
              {d.spec.binocular ? ', binocular' : ''}
              {d.spec.addBackground ? ', background' : ''}
            </td>
            <td role="cell">{d.id === running ? 'generating' : STATUS[d.status]}</td>
            <td role="cell" className="dataset-list-actions">
              {d.status === 'complete' && <DatasetActions dataset={d} />}
              {d.status === 'complete' && <FactorAudit dataset={d} />}
              {d.status !== 'complete' && d.id !== running && (
                <button
                  type="button"
                  disabled={running !== undefined}
                  onClick={() => void generation.runner.resume(d.id)}
                  aria-label={`Resume ${d.name}`}
                >
                  Resume
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
