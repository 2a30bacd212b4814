import { useMemo, useState } from 'react';
import { type CaricatureStep, runCaricatureEffect } from '../../../app/caricature';
import { backendForJob } from '../../../app/compute';
import { workbenchDb } from '../../../app/db';
import { generation } from '../../../app/jobs';
import { useWorkbenchStore } from '../../../app/workbenchStore';
import { analysisJobs } from '../../../app/workers/analysisClient';
import type { AnalysisRecord } from '../../../pipeline/analyze/records';
import { storedCaricature } from '../../../pipeline/reproductions/caricatureRun';
import { DEFAULT_CARICATURE_LEVELS, parseCaricatureLevels } from '../../../pipeline/reproductions/caricatureSpec';
import { caricatureTsv } from '../../../pipeline/reproductions/caricatureTables';
import { downloadBlob } from '../../download';
import { TextField } from '../../forms/formFields';
import { JobProgressView } from '../../jobs/JobProgressView';
import { Plot } from '../../plots/Plot';
import { caricaturePlot } from './caricatureTraces';
import { useReproduction } from './useReproduction';

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
  const { record, running, progress, error, start, cancel, reportError } = useReproduction(
    analysis.id,
    storedCaricature,
  );
  const [step, setStep] = useState<CaricatureStep | null>(null);
  const plot = useMemo(() => (record ? caricaturePlot(record) : null), [record]);
  const run = (chosen: number[]) =>
    start(async (signal, onProgress) => {
      try {
        return await runCaricatureEffect(DEPS, analysis.id, chosen, {
          signal,
          onStep: (s) => {
            setStep(s);
            onProgress(null);
          },
          onProgress,
        });
      } finally {
        setStep(null);
      }
    });
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
          onCancel={cancel}
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
                reportError(e);
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
