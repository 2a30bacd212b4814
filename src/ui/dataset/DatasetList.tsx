import { useEffect, useState } from 'react';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { generation } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { listDatasets } from '../../app/queries';
import { EmptyState } from '../empty/EmptyState';
import { DatasetActions } from './DatasetActions';
import { FactorAudit } from './FactorAudit';

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
  return (
    <table aria-label="Datasets" className="dataset-list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Identities × variations</th>
          <th scope="col">Images</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d) => (
          <tr key={d.id} aria-label={`Dataset ${d.name}`}>
            <td>
              {/* One line however long (names stored before the length limit may have 10,000 characters). */}
              <span className="name-clip" title={d.name}>
                {d.name}
              </span>
            </td>
            <td>
              {d.spec.identities} × {d.spec.variationsPerIdentity}
            </td>
            <td>
              {d.spec.resolution}×{d.spec.resolution} {d.spec.format}
              {d.spec.binocular ? ', binocular' : ''}
              {d.spec.addBackground ? ', background' : ''}
            </td>
            <td>{d.id === running ? 'generating' : STATUS[d.status]}</td>
            <td>
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
