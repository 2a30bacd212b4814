/** What a fake train worker answers for the backend a run asked for: that backend, plainly, nothing probed. */
import type { BackendReport, TfjsBackendName } from '../../src/lib/tfjs/backendKinds';

export function plainBackendReport(backend: TfjsBackendName): BackendReport {
  return {
    backend,
    preference: backend,
    attempts: [],
    webgpuAdapter: null,
    wasmThreads: null,
    convKernels: null,
    crossOriginIsolated: false,
  };
}
