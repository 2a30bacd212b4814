/** Analysis as a job: the analysis worker compresses, decomposes and decodes; the record is the analysis. */
import type { JobClient } from '../../lib/jobs/client';
import type { WorkbenchDb } from '../../lib/storage';
import type { BackendPreference, TfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { AnalysisJobs } from '../../pipeline/analyze/jobs';
import { type AnalysisOptions, type AnalysisRecord, isAnalysisRecord } from '../../pipeline/analyze/records';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { createJobRunner, type JobRunner } from './jobRunner';

export interface AnalysisJobsApi {
  runner: JobRunner<AnalysisRecord>;
  /** `datasetId` is the run's own dataset, or the one chosen for an imported model. */
  start: (run: RunRecord, datasetId: string, options: AnalysisOptions) => Promise<void>;
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
