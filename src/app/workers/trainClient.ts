import { createJobClient } from '../../lib/jobs/client';
import type { TrainJobs } from '../../pipeline/train/jobs';

/** The training worker; kept alive between jobs (it holds the measured backend choice). */
export const trainJobs = createJobClient<TrainJobs>(
  () => new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'train' }),
  {
    idleTimeoutMs: Infinity,
    // A pause saves a checkpoint first, which may take a training step's time.
    cancelGraceMs: 120_000,
  },
);
