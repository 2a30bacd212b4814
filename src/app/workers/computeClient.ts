import { createJobClient, type JobClient } from '../../lib/jobs/client';
import type { ComputeJobs } from '../../lib/tfjs/computeJobs';
import { afterFirstFace } from './startupGate';

/**
 * The compute worker client. The worker keeps its tfjs backend between jobs, so it is kept
 * alive rather than terminated when idle.
 */
const client = createJobClient<ComputeJobs>(
  () => new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
  {
    idleTimeoutMs: Infinity,
  },
);

/**
 * Its jobs (the status bar's backend check at startup, a measurement) start once the first face
 * is drawn: starting tfjs and its backends would compete with the face model for the CPU.
 */
export const computeJobs: JobClient<ComputeJobs> = {
  run: (name, input, options) => afterFirstFace().then(() => client.run(name, input, options)),
  terminate: () => {
    client.terminate();
  },
};
