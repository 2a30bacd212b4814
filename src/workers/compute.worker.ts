/** The compute worker: tfjs runs here, never on the main thread. */
import type { BackendPreference, BackendReport } from '../lib/tfjs/backendKinds';
import { selectTfjsBackend } from '../lib/tfjs/backends';
import type { ComputeJobs } from '../lib/tfjs/computeJobs';
import { serveJobs } from '../lib/jobs/runtime';

// tf.setBackend is global state: backend switches run one after another, never interleaved.
let switching: Promise<unknown> = Promise.resolve();
function switchBackend(preference: BackendPreference): Promise<BackendReport> {
  const next = switching.then(() => selectTfjsBackend(preference));
  switching = next.catch(() => undefined);
  return next;
}

serveJobs<ComputeJobs>({
  initBackend: ({ preference }) => switchBackend(preference),
});
