import { useJobsStore } from '../../app/jobs/jobsStore';
import { refreshStorageSummary } from '../../app/storageSummary';
import { ioJobs } from '../../app/workers/archiveClient';
import type { OpenedExperiment } from '../../pipeline/experiment/importExperiment';
import { JobProgressView } from '../jobs/JobProgressView';
import { useJob } from '../jobs/useJob';
import { FileInput } from '../forms/FileInput';

/** Opens an experiment file (dataset, run, analyses) this app exported; a refused file changes nothing. */
export function ExperimentOpen() {
  const touch = useJobsStore((s) => s.touch);
  const { state, run, cancel } = useJob<OpenedExperiment>();
  async function open(file: File) {
    const opened = await run((signal, onProgress) =>
      ioJobs.run('openExperiment', { file, stamp: Date.now().toString(36) }, { signal, onProgress }),
    );
    if (!opened) return;
    touch('generate');
    touch('train');
    touch('analyze');
    void refreshStorageSummary();
  }
  const result = state.result;
  return (
    <div className="experiment-open">
      <FileInput
        label="Open an experiment file"
        accept=".zip,application/zip"
        disabled={state.running}
        onFile={(file) => {
          void open(file);
        }}
      />
      {state.running && (
        <JobProgressView label="Opening experiment" unit="kB" progress={state.progress} onCancel={cancel} />
      )}
      {result && (
        <span role="status">
          Opened “{result.run.name}” with {result.analyses.length} analyses on “{result.dataset.name}”.
          {!result.images &&
            ' Its images were left out of the file: resume the dataset in the Dataset tab to render them again from its settings and seed.'}
          {result.renamed
            .map((r) => ` “${r.from}” is stored as “${r.to}”: the name was taken here or too long.`)
            .join('')}
        </span>
      )}
      {state.error && (
        <p role="alert" className="error">
          Experiment refused: {state.error}
        </p>
      )}
    </div>
  );
}
