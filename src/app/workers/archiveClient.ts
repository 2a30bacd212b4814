import { createJobClient } from '../../lib/jobs/client';
import type { IoJobs } from '../../pipeline/dataset/archive/jobs';
import type { ExperimentJobs } from '../../pipeline/experiment/jobs';

/** Zip export/import of datasets and experiments run in the io worker (h5wasm + fflate), started when first needed. */
export const ioJobs = createJobClient<IoJobs & ExperimentJobs>(
  () => new Worker(new URL('../../workers/io.worker.ts', import.meta.url), { type: 'module', name: 'io' }),
);
