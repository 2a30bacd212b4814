import { createJobClient } from '../../lib/jobs/client';
import type { AnalysisJobs } from '../../pipeline/analysisJobs/jobs';

export const analysisJobs = createJobClient<AnalysisJobs>(
  () => new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }),
  {
    idleTimeoutMs: 120_000,
    // A cancel takes effect between batches or layers, which can take a while on slow backends.
    cancelGraceMs: 60_000,
  },
);
