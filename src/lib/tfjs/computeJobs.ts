/** Jobs served by compute.worker.ts (types only, shared with the main-thread client). */
import type { BackendPreference, BackendReport } from './backendKinds';
import type { BackendTiming } from './fastestBackend';

// A `type`, not an `interface`: job maps must be assignable to JobMap's index signature.
export type ComputeJobs = {
  /** Starts Settings' backend (a forced one first, then WebGPU -> WebGL -> WASM -> CPU) and reports every attempt. */
  initBackend: { input: { preference: BackendPreference }; output: BackendReport };
  /** Times a probe training step on every backend; the fastest is what "automatic" means. */
  measureBackends: { input: Record<string, never>; output: { report: BackendReport; timings: BackendTiming[] } };
};
