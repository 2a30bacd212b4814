import { useState } from 'react';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { safeFileName } from '../../pipeline/dataset/archive/manifest';
import type { ExportedExperiment } from '../../pipeline/experiment/exportExperiment';
import { formatBytes } from '../../lib/storage';
import { ioJobs } from '../../app/workers/archiveClient';
import { downloadBlob } from '../download';
import { JobProgressView } from '../jobs/JobProgressView';
import { useJob } from '../jobs/useJob';

/** The run, its dataset and complete analyses as one experiment file, written by the io worker. */
export function ExperimentExport({ run }: { run: RunRecord }) {
  const [images, setImages] = useState(true);
  const { state, run: start, cancel } = useJob<ExportedExperiment>();
  async function exportExperiment() {
    await start(async (signal, onProgress) => {
      const { file, ...result } = await ioJobs.run(
        'exportExperiment',
        { runId: run.id, images },
        { signal, onProgress },
      );
      downloadBlob(file, `${safeFileName(run.name)}.experiment.zip`);
      return result;
    });
  }
  return (
    <div className="experiment-export">
      <button type="button" disabled={state.running} onClick={() => void exportExperiment()}>
        Export experiment
      </button>{' '}
      <label>
        <input
          type="checkbox"
          checked={images}
          onChange={(e) => {
            setImages(e.currentTarget.checked);
          }}
        />{' '}
        with images
      </label>
      {state.running && (
        <JobProgressView label="Experiment export" unit="parts" progress={state.progress} onCancel={cancel} />
      )}
      {state.result && (
        <span role="status">
          Experiment written: {state.result.images} images, {state.result.analyses} analyses,{' '}
          {formatBytes(state.result.bytes)}.
        </span>
      )}
      {state.error && (
        <p role="alert" className="error">
          Experiment export failed: {state.error}
        </p>
      )}
    </div>
  );
}
