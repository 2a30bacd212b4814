/**
 * tfjs backend selection: WebGPU -> WebGL -> WASM -> CPU, keeping the reason for every
 * fallback. Runs where the compute runs (a worker), never fails silently: if every
 * backend fails, it throws a BackendUnavailableError listing each reason.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { GmfError } from '../errors';
import { type BackendAttempt, type BackendPreference, type BackendReport, TFJS_BACKENDS, type TfjsBackendName } from './backendKinds';

export class BackendUnavailableError extends GmfError {
  constructor(attempts: BackendAttempt[]) {
    const reasons = attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
    super('BACKEND_UNAVAILABLE', `No tfjs backend could be initialised (${reasons}).`);
  }
}

// The wasm binaries are bundled with the app; tfjs must never fetch them from a CDN.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});

// tfjs-wasm's threaded build starts pthread workers from `factory.toString()`, which a
// minifying bundler breaks (free identifiers vanish). Single-threaded SIMD until threads
// are built properly (wasm training work).
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

interface GpuLike {
  requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string } } | null>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Cheap checks before asking tfjs, so its own init errors are not the only signal. */
async function precheck(backend: TfjsBackendName): Promise<{ reason: string; adapter?: string }> {
  if (backend === 'webgpu') {
    const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
    if (!gpu) return { reason: 'navigator.gpu is missing: this browser has no WebGPU' };
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { reason: 'navigator.gpu.requestAdapter() returned no adapter (WebGPU disabled or unsupported here)' };
    const adapterName = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ');
    return { reason: '', adapter: adapterName || 'unknown adapter' };
  }
  if (backend === 'webgl') {
    if (typeof OffscreenCanvas === 'undefined') return { reason: 'OffscreenCanvas is missing, so WebGL is unavailable in a worker' };
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { reason: 'WebGL2 context creation failed' };
  }
  if (backend === 'wasm' && typeof WebAssembly === 'undefined') return { reason: 'WebAssembly is missing' };
  return { reason: '' };
}

/** Verifies a backend really computes: a tiny op read back and checked. */
async function smokeTest(): Promise<string> {
  const t = tf.tidy(() => tf.add(tf.tensor1d([1, 2, 3]), tf.scalar(1)).sum());
  const value = (await t.data())[0];
  t.dispose();
  return value === 9 ? '' : `a test computation returned ${value} instead of 9`;
}

async function tryBackend(backend: TfjsBackendName): Promise<{ attempt: BackendAttempt; adapter?: string }> {
  const start = performance.now();
  const done = (reason: string, adapter?: string): { attempt: BackendAttempt; adapter?: string } => ({
    attempt: { backend, ok: reason === '', reason, ms: performance.now() - start },
    ...(adapter === undefined ? {} : { adapter }),
  });
  try {
    const pre = await precheck(backend);
    if (pre.reason) return done(pre.reason, pre.adapter);
    if (!(await tf.setBackend(backend))) return done(`tf.setBackend('${backend}') returned false`, pre.adapter);
    await tf.ready();
    return done(await smokeTest(), pre.adapter);
  } catch (error) {
    return done(errorText(error));
  }
}

/**
 * Initialises tfjs with the preferred backend, or the first that works in the order
 * WebGPU -> WebGL -> WASM -> CPU. A forced backend that fails still falls back, with its
 * failure reported first.
 */
export async function selectTfjsBackend(preference: BackendPreference = 'auto'): Promise<BackendReport> {
  const order: TfjsBackendName[] = preference === 'auto' ? [...TFJS_BACKENDS] : [preference, ...TFJS_BACKENDS.filter((b) => b !== preference)];
  const attempts: BackendAttempt[] = [];
  let webgpuAdapter: string | null = null;
  for (const backend of order) {
    const { attempt, adapter } = await tryBackend(backend);
    attempts.push(attempt);
    if (adapter !== undefined) webgpuAdapter = adapter;
    if (attempt.ok) {
      return {
        backend,
        preference,
        attempts,
        webgpuAdapter,
        wasmThreads: backend === 'wasm' ? getThreadsCount() : null,
        crossOriginIsolated: globalThis.crossOriginIsolated,
      };
    }
  }
  throw new BackendUnavailableError(attempts);
}
