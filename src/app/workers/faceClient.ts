import { createJobClient } from '../../lib/jobs/client';
import type { FaceJobs } from '../../pipeline/generate/faceJobs';

/** The face worker holds the built model, so it is kept alive between jobs. */
export const faceJobs = createJobClient<FaceJobs>(
  () => new Worker(new URL('../../workers/face.worker.ts', import.meta.url), { type: 'module', name: 'face' }),
  {
    idleTimeoutMs: Infinity,
  },
);
