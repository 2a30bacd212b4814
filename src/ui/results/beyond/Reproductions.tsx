import { useEffect, useRef, useState } from 'react';
import { backendForJob } from '../../../app/compute';
import { workbenchDb } from '../../../app/db';
import { useWorkbenchStore } from '../../../app/workbenchStore';
import { analysisJobs } from '../../../app/workers/analysisClient';
import type { JobProgress } from '../../../lib/jobs/progress';
import type { AnalysisRecord } from '../../../pipeline/analyze/records';
import { storedUnitAuc, type UnitAucRecord } from '../../../pipeline/reproductions/runUnitAuc';
import { JobProgressView } from '../../jobs/JobProgressView';
import { CaricaturePanel } from './CaricaturePanel';
import { ReproductionsPanel } from './ReproductionsPanel';

/** The Reproductions panel of one analysis: its stored curve, and a run of the model to (re)compute it. */
export function Reproductions({ analysis, fileStem }: { analysis: AnalysisRecord; fileStem: string }) {
  // Keyed by analysis, so another analysis' record is never shown while this one's loads.
  const [stored, setStored] = useState<{ id: string; record: UnitAucRecord | null } | null>(null);
  const record = stored?.id === analysis.id ? stored.record : null;
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    let live = true;
    workbenchDb()
      .then((db) => storedUnitAuc(db, analysis.id))
      .then((found) => {
        if (live) setStored({ id: analysis.id, record: found });
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
      abort.current?.abort();
    };
  }, [analysis.id]);
  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setError(null);
    setProgress(null);
    try {
      const backend = await backendForJob(useWorkbenchStore.getState().preferences.backend);
      const result = await analysisJobs.run(
        'unitAuc',
        { analysisId: analysis.id, backend },
        { signal: controller.signal, onProgress: setProgress },
      );
      setStored({ id: analysis.id, record: result });
    } catch (e) {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  }
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
          onCancel={() => {
            abort.current?.abort();
          }}
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
