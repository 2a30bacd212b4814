/** Analysis as a job: the analysis worker compresses, decomposes and decodes; the record is the analysis. */
import type { JobClient } from '../../lib/jobs/client';
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import type { BackendPreference, TfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { AnalysisJobs } from '../../pipeline/analysisJobs/jobs';
import { type AnalysisOptions, type AnalysisRecord, isAnalysisRecord } from '../../pipeline/analyze/records';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { createJobRunner, type JobRunner } from './jobRunner';
import { useJobsStore } from './jobsStore';

export interface AnalysisJobsApi {
  runner: JobRunner<AnalysisRecord>;
  /** `datasetId` is the run's own dataset, or the one chosen for an imported model. */
  start: (run: RunRecord, datasetId: string, options: AnalysisOptions) => Promise<void>;
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
}

export function createAnalysisJobs(deps: AnalysisDeps): AnalysisJobsApi {
  const runner = createJobRunner<AnalysisRecord>(
    {
      kind: 'analyze',
      store: 'results',
      isRecord: isAnalysisRecord,
      statuses: { running: 'running', paused: 'paused', failed: 'failed' },
      execute: async (record, { signal, onProgress }) => {
        const backend = await deps.backendFor(deps.preference());
        await deps.analysis.run('analyze', { analysisId: record.id, backend }, { signal, onProgress });
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
    start: (run, datasetId, options) =>
      runner.start({
        id: `analysis-${Date.now().toString(36)}`,
        name: `${run.name} analysis`,
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
      }),
  };
}
