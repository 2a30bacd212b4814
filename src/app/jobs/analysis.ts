/** Analysis as a job: the analysis worker compresses, decomposes and decodes; the record is the analysis. */
import type { JobClient } from '../../lib/jobs/client';
import type { JobProgress } from '../../lib/jobs/progress';
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import type { BackendPreference, TfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { AnalysisJobs } from '../../pipeline/analysisJobs/jobs';
import { type AnalysisOptions, type AnalysisRecord, isAnalysisRecord } from '../../pipeline/analyze/records';
import { isDatasetRecord } from '../../pipeline/dataset/records';
import { analysisDatasetProblem, analysisStartProblems } from '../../pipeline/analyze/preflight';
import { isRunRecord, type RunRecord } from '../../pipeline/train/runRecords';
import { uniqueName } from '../../lib/names';
import { GmfError } from '../../lib/errors';
import { createJobRunner, type JobRunner } from './jobRunner';
import { useJobsStore } from './jobsStore';
import { analysisProgress } from './progressUnits';
import { type RecordSpeed, recordAnalysisSpeed } from './workMeasurements';
import { recordMeasurement } from '../speedMemory';

export interface AnalysisJobsApi {
  runner: JobRunner<AnalysisRecord>;
  /**
   * `datasetId` is the run's own dataset, or the one chosen for an imported model. Refused
   * (AnalysisRefusedError, shown as the analysis error, nothing stored) when the run or its
   * dataset is gone or incomplete, or the options do not fit the run.
   */
  start: (run: RunRecord, datasetId: string, options: AnalysisOptions) => Promise<void>;
  /**
   * Continues a stored analysis; refused like start (the record keeps its status, no "failed")
   * when its run or dataset has been deleted since.
   */
  resume: (id: string) => Promise<void>;
  /**
   * Imports one of the original pipeline's files (`*_decomposed.h5` or `*_perf.tsv`) as an
   * analysis; a decomposed.h5 is then decoded as a job of this runner. Resolves with the stored
   * record once the file is stored; `decoding` resolves with the record once the decode job has
   * ended (complete, failed or paused), and is null when there is nothing to decode or another
   * analysis is running (the import is then resumed from the list).
   */
  importOriginal: (
    file: File,
  ) => Promise<{ record: AnalysisRecord; decoding: Promise<AnalysisRecord | undefined> | null }>;
}

export interface AnalysisDeps {
  db: () => Promise<WorkbenchDb>;
  analysis: JobClient<AnalysisJobs>;
  /** Settings' backend preference now: each analysis (and each resume) runs on the current choice. */
  preference: () => BackendPreference;
  backendFor: (preference: BackendPreference) => Promise<TfjsBackendName>;
  onStored?: () => void;
  stallAfterMs?: number;
  /** Remembers an analysis's images/s (default: speedMemory's localStorage). */
  recordSpeed?: RecordSpeed;
}

/** How a refusal's message begins, so the UI can say "not started" rather than "stopped". */
export const NOT_STARTED = 'Not started: ';

/** An analysis not started: what is missing or wrong, checked against what is stored now. */
export class AnalysisRefusedError extends GmfError {
  constructor(problems: readonly string[]) {
    super('ANALYSIS_REFUSED', `${NOT_STARTED}${problems.join(' ')}`);
  }
}

export function createAnalysisJobs(deps: AnalysisDeps): AnalysisJobsApi {
  const recordSpeed = deps.recordSpeed ?? recordMeasurement;
  const runner = createJobRunner<AnalysisRecord>(
    {
      kind: 'analyze',
      store: 'results',
      isRecord: isAnalysisRecord,
      statuses: { running: 'running', paused: 'paused', failed: 'failed' },
      execute: async (record, { signal, onProgress }) => {
        const backend = await deps.backendFor(deps.preference());
        let first: JobProgress | undefined;
        let completed = false;
        const started = performance.now();
        try {
          await deps.analysis.run(
            'analyze',
            { analysisId: record.id, backend },
            {
              signal,
              onProgress: (p) => {
                first ??= p;
                onProgress(analysisProgress(p, record.options));
              },
            },
          );
          completed = true;
        } finally {
          const seconds = (performance.now() - started) / 1000;
          await recordAnalysisSpeed(deps.db, record.id, backend, { first, seconds, completed }, recordSpeed);
        }
      },
    },
    deps,
  );
  return {
    runner,
    importOriginal: async (file) => {
      const { analysis: record } = await deps.analysis.run('importOriginal', {
        analysisId: `analysis-${Date.now().toString(36)}`,
        file,
        fileName: file.name,
      });
      useJobsStore.getState().touch('analyze');
      deps.onStored?.();
      const busy = useJobsStore.getState().active.analyze !== null;
      const decoding =
        record.stage === 'decode' && !busy
          ? runner.resume(record.id).then(async () => {
              const stored = await getRecord(await deps.db(), 'results', record.id);
              return isAnalysisRecord(stored) ? stored : undefined;
            })
          : null;
      return { record, decoding };
    },
    resume: async (id) => {
      const db = await deps.db();
      const record = await getRecord(db, 'results', id);
      // An analysis imported from the original's files names no stored run or dataset.
      if (isAnalysisRecord(record) && !record.origin) {
        const [storedRun, dataset] = await Promise.all([
          getRecord(db, 'runs', record.runId),
          getRecord(db, 'datasets', record.datasetId),
        ]);
        const problem = !isRunRecord(storedRun)
          ? `The run '${record.runName}' this analysis reads has been deleted.`
          : analysisDatasetProblem(storedRun, record.datasetId, isDatasetRecord(dataset) ? dataset : undefined);
        if (problem) {
          const refused = new AnalysisRefusedError([problem]);
          useJobsStore.getState().setError('analyze', refused.message);
          throw refused;
        }
      }
      await runner.resume(id);
    },
    start: async (run, datasetId, options) => {
      const db = await deps.db();
      // Checked against the stored records, not the form's copy: the dataset may have been deleted since.
      const [storedRun, dataset, results] = await Promise.all([
        getRecord(db, 'runs', run.id),
        getRecord(db, 'datasets', datasetId),
        db.getAll('results'),
      ]);
      const problems = analysisStartProblems(
        isRunRecord(storedRun) ? storedRun : undefined,
        datasetId,
        isDatasetRecord(dataset) ? dataset : undefined,
        options,
      );
      if (problems.length > 0) {
        const refused = new AnalysisRefusedError(problems);
        useJobsStore.getState().setError('analyze', refused.message);
        throw refused;
      }
      const taken = results.filter(isAnalysisRecord).map((a) => a.name);
      await runner.start({
        id: `analysis-${Date.now().toString(36)}`,
        name: uniqueName(`${run.name} analysis`, taken),
        createdAt: Date.now(),
        runId: run.id,
        runName: run.name,
        datasetId,
        query: run.query,
        options,
        status: 'running',
        stage: 'compress',
        layers: [],
        samples: { training: 0, validation: 0, testing: 0 },
        decomposed: [],
        decodedLayers: [],
        perf: [],
        skipped: [],
      });
    },
  };
}
