/** The compute worker: probes and measures tfjs backends for the status bar and Settings. */
import type { ComputeJobs } from '../lib/tfjs/computeJobs';
import { initTfjsRuntime, measureBackends, selectBackend } from '../lib/tfjs/runtime';
import { serveJobs } from '../lib/jobs/runtime';

initTfjsRuntime();

serveJobs<ComputeJobs>({
  initBackend: ({ preference }) => selectBackend(preference),
  measureBackends: () => measureBackends(),
});
