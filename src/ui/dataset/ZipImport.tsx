import type { DatasetRecord } from '../../pipeline/dataset/records';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { JobProgressView } from '../jobs/JobProgressView';
import { useJob } from '../jobs/useJob';
import { refreshStorageSummary } from '../../app/storageSummary';
import { ioJobs } from '../../app/workers/archiveClient';
import { FileInput } from '../forms/FileInput';

/** Restores a dataset from a zip this app exported; a refused zip changes nothing. */
export function ZipImport() {
  const touch = useJobsStore((s) => s.touch);
  const { state, run, cancel } = useJob<{ dataset: DatasetRecord; renamedFrom?: string }>();
  async function importZip(file: File) {
    await run(async (signal, onProgress) => {
      const datasetId = `dataset-${Date.now().toString(36)}`;
      return ioJobs.run('importDatasetZip', { file, datasetId }, { signal, onProgress });
    });
    touch('generate');
    void refreshStorageSummary();
  }
  return (
    <div className="zip-import">
      <FileInput
        label="Import a dataset zip"
        accept=".zip,application/zip"
        disabled={state.running}
        onFile={(file) => {
          void importZip(file);
        }}
      />
      {state.running && (
        <JobProgressView label="Zip import" unit="images" progress={state.progress} onCancel={cancel} />
      )}
      {state.result && (
        <span role="status" className="long-name">
          Imported “{state.result.dataset.name}”.
          {state.result.renamedFrom !== undefined &&
            ` Its name “${state.result.renamedFrom}” was taken here or too long, so it is stored as “${state.result.dataset.name}”.`}
        </span>
      )}
      {state.error && (
        <p role="alert" className="error">
          Import refused: {state.error}
        </p>
      )}
    </div>
  );
}
