/** The compute worker: tfjs runs here, never on the main thread. */
import type { BackendPreference, BackendReport } from '../train/backendKinds';
import { selectTfjsBackend } from '../train/backends';
import type { ComputeJobs } from './computeJobs';
import { serveJobs } from './runtime';

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
