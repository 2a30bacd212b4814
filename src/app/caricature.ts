/**
 * The caricature effect (Hill et al. 2019) as the UI runs it: first each level's images are
 * rendered as a dataset through the app's generation job (so they show in the Dataset tab, can be
 * paused there and resume where they stopped), then the analysis worker runs the model on them
 * (pipeline/reproductions/caricatureRun.ts). A level already rendered is reused.
 */
import { GmfError, JobCancelledError, throwIfCancelled } from '../lib/errors';
import type { JobClient } from '../lib/jobs/client';
import type { JobProgress } from '../lib/jobs/progress';
import { getRecord, type WorkbenchDb } from '../lib/storage';
import type { TfjsBackendName } from '../lib/tfjs/backendKinds';
import type { AnalysisJobs } from '../pipeline/analysisJobs/jobs';
import { isAnalysisRecord } from '../pipeline/analyze/records';
import { type DatasetRecord, isDatasetRecord } from '../pipeline/dataset/records';
import type { CaricatureRecord } from '../pipeline/reproductions/caricatureRun';
import {
  caricatureDatasetId,
  caricatureSpec,
  checkCaricatureLevels,
  sameCaricatureSettings,
} from '../pipeline/reproductions/caricatureSpec';
import type { JobRunner } from './jobs/jobRunner';
import { useJobsStore } from './jobs/jobsStore';

export interface CaricatureDeps {
  db: () => Promise<WorkbenchDb>;
  /** The app's dataset generation (jobs/index.ts `generation.runner`). */
  generation: Pick<JobRunner<DatasetRecord>, 'start' | 'resume' | 'pause'>;
  analysis: JobClient<Pick<AnalysisJobs, 'caricature'>>;
  backend: () => Promise<TfjsBackendName>;
}

/** What is running: rendering level `scale` (the `index`-th of `count` to render), or the model pass. */
export type CaricatureStep =
  { step: 'render'; scale: number; datasetName: string; index: number; count: number } | { step: 'model' };

export interface CaricatureRunOptions {
  signal: AbortSignal;
  onStep: (step: CaricatureStep) => void;
  /** Progress of the current step (images rendered, or images through the model). */
  onProgress: (progress: JobProgress) => void;
}

/** Renders the levels still missing, then scores every level; resolves with the stored record. */
export async function runCaricatureEffect(
  deps: CaricatureDeps,
  analysisId: string,
  levels: readonly number[],
  { signal, onStep, onProgress }: CaricatureRunOptions,
): Promise<CaricatureRecord> {
  const scales = checkCaricatureLevels(levels);
  const db = await deps.db();
  const analysis = await getRecord(db, 'results', analysisId);
  if (!isAnalysisRecord(analysis)) throw new GmfError('ANALYSIS_MISSING', `There is no analysis '${analysisId}'.`);
  if (analysis.origin)
    throw new GmfError(
      'REPRO_IMPORTED',
      `'${analysis.name}' was imported from the original's files: there is no model here to run on caricatures.`,
    );
  const dataset = await getRecord(db, 'datasets', analysis.datasetId);
  if (!isDatasetRecord(dataset))
    throw new GmfError('ANALYSIS_NO_DATASET', `The dataset of '${analysis.name}' is gone.`);
  // Every level's settings are checked before anything renders.
  const wanted = scales.filter((s) => s !== 1).map((scale) => ({ scale, spec: caricatureSpec(dataset.spec, scale) }));
  const missing: typeof wanted = [];
  for (const level of wanted) {
    const stored = await getRecord(db, 'datasets', caricatureDatasetId(dataset.id, level.scale));
    if (isDatasetRecord(stored) && !sameCaricatureSettings(stored.spec, level.spec))
      throw new GmfError(
        'CARICATURE_SETTINGS',
        `'${stored.name}' was not made from the settings of '${dataset.name}' scaled by ${level.scale}; delete it in the Dataset tab and run again.`,
      );
    if (!isDatasetRecord(stored) || stored.status !== 'complete') missing.push(level);
  }
  for (const [index, level] of missing.entries()) {
    throwIfCancelled(signal);
    onStep({ step: 'render', scale: level.scale, datasetName: level.spec.name, index, count: missing.length });
    await render(deps, db, caricatureDatasetId(dataset.id, level.scale), level.spec, signal, onProgress);
  }
  throwIfCancelled(signal);
  onStep({ step: 'model' });
  return deps.analysis.run(
    'caricature',
    { analysisId, backend: await deps.backend(), levels: scales },
    { signal, onProgress },
  );
}

/** One level through the generation job: started, or resumed where a paused or failed one stopped. */
async function render(
  deps: CaricatureDeps,
  db: WorkbenchDb,
  id: string,
  spec: DatasetRecord['spec'],
  signal: AbortSignal,
  onProgress: (progress: JobProgress) => void,
): Promise<void> {
  const jobs = useJobsStore;
  const pause = () => {
    const active = jobs.getState().active.generate;
    if (active?.id === id && (active.state === 'starting' || active.state === 'running')) deps.generation.pause();
  };
  // Progress of our dataset only; a cancel that came before the job was running is applied once it runs.
  const unsubscribe = jobs.subscribe((state) => {
    const active = state.active.generate;
    if (active?.id !== id) return;
    if (signal.aborted) pause();
    else if (active.progress) onProgress(active.progress);
  });
  signal.addEventListener('abort', pause);
  try {
    const stored = await getRecord(db, 'datasets', id);
    if (isDatasetRecord(stored)) await deps.generation.resume(id);
    else await deps.generation.start({ id, name: spec.name, createdAt: Date.now(), spec, status: 'generating' });
  } finally {
    signal.removeEventListener('abort', pause);
    unsubscribe();
  }
  // The runner records a failure instead of throwing it: read the outcome back.
  const after = await getRecord(db, 'datasets', id);
  if (isDatasetRecord(after) && after.status === 'complete') return;
  if (signal.aborted)
    throw new JobCancelledError(`Rendering '${spec.name}' was cancelled; it resumes at the next run.`);
  const why = jobs.getState().error.generate;
  throw new GmfError(
    'CARICATURE_RENDER_FAILED',
    `Rendering '${spec.name}' did not finish${why ? `: ${why}` : ` (it is ${isDatasetRecord(after) ? after.status : 'gone'})`}.`,
  );
}
