import { useEffect, useMemo, useRef, useState } from 'react';
import { type CaricatureStep, runCaricatureEffect } from '../../../app/caricature';
import { backendForJob } from '../../../app/compute';
import { workbenchDb } from '../../../app/db';
import { generation } from '../../../app/jobs';
import { useWorkbenchStore } from '../../../app/workbenchStore';
import { analysisJobs } from '../../../app/workers/analysisClient';
import type { JobProgress } from '../../../lib/jobs/progress';
import type { AnalysisRecord } from '../../../pipeline/analyze/records';
import { type CaricatureRecord, storedCaricature } from '../../../pipeline/reproductions/caricatureRun';
import { DEFAULT_CARICATURE_LEVELS, parseCaricatureLevels } from '../../../pipeline/reproductions/caricatureSpec';
import { caricatureTsv } from '../../../pipeline/reproductions/caricatureTables';
import { downloadBlob } from '../../download';
import { TextField } from '../../forms/formFields';
import { JobProgressView } from '../../jobs/JobProgressView';
import { Plot } from '../../plots/Plot';
import { caricaturePlot } from './caricatureTraces';

const DEPS = {
  db: workbenchDb,
  generation: generation.runner,
  analysis: analysisJobs,
  backend: () => backendForJob(useWorkbenchStore.getState().preferences.backend),
};

function parseLevels(text: string): { levels: number[] | null; issue: string | null } {
  try {
    return { levels: parseCaricatureLevels(text), issue: null };
  } catch (e) {
    return { levels: null, issue: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Hill et al. 2019's caricature effect on this analysis' network: renders the testing identities'
 * caricatures (a dataset per level), then identifies them by the nearest veridical centroid.
 */
export function CaricaturePanel({ analysis, fileStem }: { analysis: AnalysisRecord; fileStem: string }) {
  const [text, setText] = useState(DEFAULT_CARICATURE_LEVELS.join(', '));
  const { levels, issue } = useMemo(() => parseLevels(text), [text]);
  // Keyed by analysis, so another analysis' record is never shown while this one's loads.
  const [stored, setStored] = useState<{ id: string; record: CaricatureRecord | null } | null>(null);
  const record = stored?.id === analysis.id ? stored.record : null;
  const [step, setStep] = useState<CaricatureStep | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    let live = true;
    workbenchDb()
      .then((db) => storedCaricature(db, analysis.id))
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
  const plot = useMemo(() => (record ? caricaturePlot(record) : null), [record]);
  async function run(chosen: number[]) {
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setError(null);
    setProgress(null);
    setStep(null);
    try {
      const result = await runCaricatureEffect(DEPS, analysis.id, chosen, {
        signal: controller.signal,
        onStep: (s) => {
          setStep(s);
          setProgress(null);
        },
        onProgress: setProgress,
      });
      setStored({ id: analysis.id, record: result });
    } catch (e) {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStep(null);
      setRunning(false);
    }
  }
  return (
    <section aria-label="Caricature effect" className="results-beyond">
      <h4>Caricature effect (Hill et al. 2019)</h4>
      <p className="results-note">
        Hill et al. 2019 (Nature Machine Intelligence 1:522–529) found that a face-identification network&apos;s
        identification accuracy increased with caricature level. Here every identity of the dataset is rendered again
        (the testing ones are scored) with its shape and texture coefficients scaled by s (below 1: anti-caricatures; 1:
        the stored images), every pose, light, expression and background unchanged; each image is identified by the
        nearest (cosine) identity centroid of the veridical top-layer vectors, its own image left out. Their network,
        faces and protocol differ from ours: compare the direction of the curve, not its values. Each level&apos;s
        images are stored as a dataset named &ldquo;… caricature ×s&rdquo; (see the Dataset tab) and reused by later
        runs.
      </p>
      <TextField
        label="Caricature levels"
        field="levels"
        value={text}
        issues={new Map(issue ? [['levels', issue]] : [])}
        onChange={setText}
      />
      <button
        type="button"
        disabled={running || levels === null}
        onClick={() => {
          if (levels) void run(levels);
        }}
      >
        {running ? 'Running…' : 'Run caricature effect'}
      </button>
      {step && (
        <JobProgressView
          label={step.step === 'render' ? 'Caricature rendering progress' : 'Caricature model pass progress'}
          unit="images"
          progress={progress}
          onCancel={() => {
            abort.current?.abort();
          }}
        />
      )}
      {step?.step === 'render' && (
        <p className="results-note" aria-live="polite">
          Rendering {step.datasetName} ({step.index + 1} of {step.count} levels to render).
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {record && plot && (
        <>
          <Plot label="Identification vs caricature level" data={plot.data} layout={plot.layout} height={340} />
          <p className="results-note">
            {record.layer}, {record.identities} testing identities, {record.images} probe images per level
            {record.droppedIdentities.length > 0 &&
              `; identities ${record.droppedIdentities.join(', ')} left out (one testing image, no centroid to leave it out of)`}
            .
          </p>
          <button
            type="button"
            onClick={() => {
              try {
                const tsv = caricatureTsv(record);
                downloadBlob(new Blob([tsv], { type: 'text/tab-separated-values' }), `${fileStem}_caricature.tsv`);
              } catch (e) {
                setError(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            Download caricature TSV
          </button>
        </>
      )}
    </section>
  );
}
