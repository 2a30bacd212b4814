import type { DatasetRecord } from '../../pipeline/dataset/records';
import { safeFileName } from '../../pipeline/dataset/archive/manifest';
import { formatBytes } from '../../lib/storage';
import { downloadBlob } from '../download';
import { JobProgressView } from '../jobs/JobProgressView';
import { useJob } from '../jobs/useJob';
import { ioJobs } from '../../app/workers/archiveClient';

/** The dataset as a zip in the original on-disk layout, written by the io worker. */
export function ZipExport({ dataset }: { dataset: DatasetRecord }) {
  const { state, run, cancel } = useJob<{ images: number; bytes: number }>();
  async function exportZip() {
    await run(async (signal, onProgress) => {
      const { file, images, bytes } = await ioJobs.run(
        'exportDatasetZip',
        { datasetId: dataset.id },
        { signal, onProgress },
      );
      downloadBlob(file, `${safeFileName(dataset.name)}.zip`);
      return { images, bytes };
    });
  }
  return (
    <div className="zip-export">
      <button type="button" disabled={state.running} onClick={() => void exportZip()}>
        Export zip
      </button>
      {state.running && (
        <JobProgressView label="Zip export" unit="images" progress={state.progress} onCancel={cancel} />
      )}
      {state.result && (
        <span role="status">
          Zip written: {state.result.images} images, {formatBytes(state.result.bytes)}.
        </span>
      )}
      {state.error && (
        <p role="alert" className="error">
          Zip export failed: {state.error}
        </p>
      )}
    </div>
  );
}
