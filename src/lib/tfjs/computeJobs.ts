/** Jobs served by compute.worker.ts (types only, shared with the main-thread client). */
import type { BackendPreference, BackendReport } from './backendKinds';

// A `type`, not an `interface`: job maps must be assignable to JobMap's index signature.
export type ComputeJobs = {
  /** Selects the tfjs backend (WebGPU -> WebGL -> WASM -> CPU) and reports every attempt. */
  initBackend: { input: { preference: BackendPreference }; output: BackendReport };
};
