/**
 * tfjs backend selection: WebGPU -> WebGL -> WASM -> CPU, keeping the reason for every
 * fallback. Runs where the compute runs (a worker), never fails silently: if every
 * backend fails, it throws a BackendUnavailableError listing each reason. Call through
 * runtime.ts (which initialises tfjs first and serialises switches), not directly.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { GmfError } from '../errors';
import { fmaKernels, helpersStarted } from './kernels/fma/fmaRuntime';
import {
  type BackendAttempt,
  type BackendPreference,
  type BackendReport,
  TFJS_BACKENDS,
  type TfjsBackendName,
} from './backendKinds';

export class BackendUnavailableError extends GmfError {
  constructor(readonly attempts: BackendAttempt[]) {
    const reasons = attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
    super('BACKEND_UNAVAILABLE', `No tfjs backend could be initialised (${reasons}).`);
  }
}

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
    if (!adapter)
      return { reason: 'navigator.gpu.requestAdapter() returned no adapter (WebGPU disabled or unsupported here)' };
    const adapterName = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ');
    return { reason: '', adapter: adapterName || 'unknown adapter' };
  }
  if (backend === 'webgl') {
    if (typeof OffscreenCanvas === 'undefined')
      return { reason: 'OffscreenCanvas is missing, so WebGL is unavailable in a worker' };
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

/**
 * tfjs-wasm sizes its thread pool as min(requested, 8, hardwareConcurrency / 2), reading
 * hardwareConcurrency once as its module starts: it assumes two hardware threads per core, so
 * on a machine without SMT it uses half the cores (one on a 2-core machine). We ask for every
 * logical core, and for the module's start only show it twice the real count so that the
 * request is what decides.
 */
async function initWasmWithAllCores(init: () => Promise<boolean>): Promise<boolean> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const logical = nav?.hardwareConcurrency ?? 1;
  // Not cross-origin isolated (a host without COOP/COEP; the status bar says so): no shared
  // memory for a pool, so ask for the one thread there is.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  setThreadsCount(isolated ? Math.min(8, Math.max(1, logical)) : 1);
  if (!nav || !isolated) return init();
  Object.defineProperty(nav, 'hardwareConcurrency', { value: logical * 2, configurable: true });
  try {
    return await init();
  } finally {
    Reflect.deleteProperty(nav, 'hardwareConcurrency');
  }
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
    const init = async (): Promise<boolean> => {
      if (!(await tf.setBackend(backend))) return false;
      await tf.ready();
      return true;
    };
    if (!(await (backend === 'wasm' ? initWasmWithAllCores(init) : init())))
      return done(`tf.setBackend('${backend}') returned false`, pre.adapter);
    // The wasm convolution kernels' helper threads (one per core beside this one: made after the
    // start-up above, which shows tfjs-wasm twice the cores), running before any training step,
    // which may go on for seconds without returning to the event loop their scripts load in.
    if (backend === 'wasm') await helpersStarted();
    return done(await smokeTest(), pre.adapter);
  } catch (error) {
    return done(errorText(error));
  }
}

/**
 * Initialises tfjs with the preferred backend, or the first that works in the order
 * WebGPU -> WebGL -> WASM -> CPU. A forced backend that fails still falls back, with its
 * failure reported first, unless `fallback` is false (then only it is tried).
 */
export async function selectTfjsBackend(
  preference: BackendPreference = 'auto',
  { fallback = true }: { fallback?: boolean } = {},
): Promise<BackendReport> {
  const others = fallback ? TFJS_BACKENDS.filter((b) => b !== preference) : [];
  const order: TfjsBackendName[] = preference === 'auto' ? [...TFJS_BACKENDS] : [preference, ...others];
  const attempts: BackendAttempt[] = [];
  let webgpuAdapter: string | null = null;
  for (const backend of order) {
    const { attempt, adapter } = await tryBackend(backend);
    attempts.push(attempt);
    if (adapter !== undefined) webgpuAdapter = adapter;
    if (attempt.ok) {
      const kernels = backend === 'wasm' ? fmaKernels() : null;
      return {
        backend,
        preference,
        attempts,
        webgpuAdapter,
        wasmThreads: backend === 'wasm' ? getThreadsCount() : null,
        convKernels: kernels ? { simd: kernels.simd, helpers: await helpersStarted() } : null,
        crossOriginIsolated: globalThis.crossOriginIsolated,
      };
    }
  }
  throw new BackendUnavailableError(attempts);
}
