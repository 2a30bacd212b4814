import { backendForJob } from '../../../app/compute';
import { useWorkbenchStore } from '../../../app/workbenchStore';
import { analysisJobs } from '../../../app/workers/analysisClient';
import type { AnalysisRecord } from '../../../pipeline/analyze/records';
import { storedUnitAuc } from '../../../pipeline/reproductions/runUnitAuc';
import { JobProgressView } from '../../jobs/JobProgressView';
import { CaricaturePanel } from './CaricaturePanel';
import { ReproductionsPanel } from './ReproductionsPanel';
import { useReproduction } from './useReproduction';

/** The Reproductions panel of one analysis: its stored curve, and a run of the model to (re)compute it. */
export function Reproductions({ analysis, fileStem }: { analysis: AnalysisRecord; fileStem: string }) {
  const { record, running, progress, error, start, cancel } = useReproduction(analysis.id, storedUnitAuc);
  const run = () =>
    start(async (signal, onProgress) => {
      const backend = await backendForJob(useWorkbenchStore.getState().preferences.backend);
      return analysisJobs.run('unitAuc', { analysisId: analysis.id, backend }, { signal, onProgress });
    });
  return (
    <>
      <ReproductionsPanel
        rows={record?.rows ?? null}
        layer={record?.layer ?? null}
        running={running}
        onRun={() => void run()}
        error={error}
        fileStem={fileStem}
      />
      {running && (
        <JobProgressView
          label="Reproduction progress"
          unit={progress?.message === 'top-layer activations' ? 'images' : 'steps'}
          progress={progress}
          onCancel={cancel}
        />
      )}
      {record && (
        <p className="results-note">
          {record.layer}, {record.images} testing images, {record.options.draws} random draws of units per count, up to{' '}
          {record.options.maxPairs.toLocaleString()} image pairs.
        </p>
      )}
      <CaricaturePanel analysis={analysis} fileStem={fileStem} />
    </>
  );
}
