/** tfjs compute backends, in the order auto-selection tries them. Shared by ui and workers. */
export const TFJS_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type TfjsBackendName = (typeof TFJS_BACKENDS)[number];
export type BackendPreference = 'auto' | TfjsBackendName;

export const BACKEND_LABELS: Record<TfjsBackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

export interface BackendAttempt {
  backend: TfjsBackendName;
  ok: boolean;
  /** Why it was skipped or failed; empty when ok. */
  reason: string;
  ms: number;
}

export interface BackendReport {
  /** The backend tfjs now uses. */
  backend: TfjsBackendName;
  preference: BackendPreference;
  /** Every backend tried, in order, with the reason for each fallback. */
  attempts: BackendAttempt[];
  /** Adapter description when WebGPU was probed (e.g. "google swiftshader"). */
  webgpuAdapter: string | null;
  /** wasm threads in use (1 = single-threaded). */
  wasmThreads: number | null;
  /**
   * On wasm, our own kernels for convolutions, their gradients, max-pool gradients and Adam
   * (kernels/fma): 'relaxed' SIMD (fused multiply-add) or 'plain', and the helper threads that
   * started beside the caller; null on other backends or where they cannot run (no shared memory).
   */
  convKernels: { simd: 'relaxed' | 'plain'; helpers: number } | null;
  crossOriginIsolated: boolean;
}

export function isBackendPreference(value: unknown): value is BackendPreference {
  return value === 'auto' || (TFJS_BACKENDS as readonly unknown[]).includes(value);
}

export function isTfjsBackendName(value: unknown): value is TfjsBackendName {
  return (TFJS_BACKENDS as readonly unknown[]).includes(value);
}
