import { createJobClient } from '../../lib/jobs/client';
import type { ComputeJobs } from '../../lib/tfjs/computeJobs';

/**
 * The compute worker client. The worker keeps its tfjs backend between jobs, so it is kept
 * alive rather than terminated when idle.
 */
export const computeJobs = createJobClient<ComputeJobs>(
  () => new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
  {
    idleTimeoutMs: Infinity,
  },
);
