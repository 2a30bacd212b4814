/**
 * The one tfjs runtime policy of a worker. `initTfjsRuntime()` is the explicit start-up step
 * (bundled wasm binaries, the wasm pthread fix, our wasm training kernels), made once; every
 * backend change afterwards goes through one queue, so two jobs of one worker never initialise
 * a backend at the same time (two concurrent `setBackend('wasm')` calls make tfjs-wasm fail,
 * and a silent fallback to WebGPU on SwiftShader trains ~100x slower: issue 14 §6).
 *
 * Which backend a job runs on is decided by the app (its Settings, or "fastest, measured" once
 * per browser) and passed in; a worker only obeys: `switchToBackend(name)` switches to exactly that
 * backend or throws, it never falls back behind the user's back.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import wasmThreadedSimdScriptUrl from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
import { GmfError } from '../errors';
import { BACKEND_LABELS, type BackendPreference, type BackendReport, type TfjsBackendName } from './backendKinds';
import { BackendUnavailableError, selectTfjsBackend } from './backends';
import { type BackendTiming, measureTrainingBackends } from './fastestBackend';
import { registerTrainingGradients, registerWasmTrainingKernels } from './kernels';

/**
 * The tfjs release this runtime was written and tested against. The pthread fix and the kernel
 * replacements depend on tfjs-wasm internals, so package.json pins it exactly and
 * runtime.test.ts fails when the installed version differs.
 */
export const TFJS_VERSION: string = '4.22.0';

/**
 * wasm threads under our CSP. tfjs-wasm 4.22 hands each pthread worker the threaded module as
 * a Blob (`"var WasmBackendModuleThreadedSimd = " + factory.toString()`), loaded there with
 * importScripts(blob:). A blob worker inherits its creator's CSP, and script-src 'self'
 * forbids blob: scripts, so no pthread ever started. The same module ships verbatim as an
 * asset of our origin, and the workers' "load" message points at it instead of the Blob.
 * A no-op where there is no Worker (Node: tfjs-wasm runs single-threaded there).
 */
function installWasmPthreadScript(): void {
  const Base = globalThis.Worker as typeof Worker | undefined;
  if (typeof Base !== 'function') return;
  const scriptUrl = new URL(wasmThreadedSimdScriptUrl, globalThis.location.href).href;
  const isPthreadLoad = (message: unknown): message is { cmd: 'load'; urlOrBlob: unknown } =>
    typeof message === 'object' &&
    message !== null &&
    (message as { cmd?: unknown }).cmd === 'load' &&
    'urlOrBlob' in message;
  class PthreadAwareWorker extends Base {
    override postMessage(message: unknown, options?: StructuredSerializeOptions | Transferable[]): void {
      const fixed =
        isPthreadLoad(message) && message.urlOrBlob instanceof Blob ? { ...message, urlOrBlob: scriptUrl } : message;
      if (Array.isArray(options)) super.postMessage(fixed, options);
      else super.postMessage(fixed, options);
    }
  }
  globalThis.Worker = PthreadAwareWorker;
}

let initialised = false;

/** Start-up of tfjs in this worker; call once before any backend work (idempotent). */
export function initTfjsRuntime(): void {
  if (initialised) return;
  if (tf.version_core !== TFJS_VERSION) {
    throw new GmfError(
      'TFJS_VERSION',
      `This app was built for tfjs ${TFJS_VERSION} but tfjs ${tf.version_core} is loaded; its wasm kernels and thread fix need review.`,
    );
  }
  // The wasm binaries are bundled with the app; tfjs must never fetch them from a CDN.
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  installWasmPthreadScript();
  // Gradient kernels the wasm backend lacks, and faster ones for convnet training.
  registerWasmTrainingKernels();
  registerTrainingGradients();
  initialised = true;
}

// Backend switches are global tfjs state: one at a time, in order.
let queue: Promise<unknown> = Promise.resolve();
let active: BackendReport | null = null;

function serialised<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task);
  queue = next.catch(() => undefined);
  return next;
}

function requireInit(): void {
  if (!initialised)
    throw new GmfError('TFJS_NOT_INITIALISED', 'initTfjsRuntime() must run before any tfjs backend is used.');
}

/** The job's backend could not be started; nothing else was tried. */
export class BackendSwitchError extends GmfError {
  constructor(backend: TfjsBackendName, reason: string) {
    super(
      'BACKEND_SWITCH',
      `The ${BACKEND_LABELS[backend]} compute backend could not be started here: ${reason}. Choose another backend in Settings.`,
    );
  }
}

/** Switches to exactly `backend` (a no-op when it is already in use) or throws BackendSwitchError. */
export function switchToBackend(backend: TfjsBackendName): Promise<BackendReport> {
  requireInit();
  return serialised(async () => {
    if (active?.backend === backend && tf.getBackend() === backend) return active;
    try {
      active = await selectTfjsBackend(backend, { fallback: false });
      return active;
    } catch (error) {
      // tfjs stays on the backend it had; the job must not run on another one behind the user's back.
      const reason = error instanceof BackendUnavailableError ? error.attempts[0]?.reason : undefined;
      throw new BackendSwitchError(backend, reason ?? (error instanceof Error ? error.message : String(error)));
    }
  });
}

/** For work that runs on any backend (model summaries, export): the current one, else CPU. */
export function ensureSomeBackend(): Promise<BackendReport> {
  requireInit();
  return serialised(async () => {
    if (active && tf.getBackend() === active.backend) return active;
    active = await selectTfjsBackend('cpu');
    return active;
  });
}

/** Settings' choice with the usual fallback order, each failure reported (the status bar's view). */
export function selectBackend(preference: BackendPreference): Promise<BackendReport> {
  requireInit();
  return serialised(async () => {
    active = await selectTfjsBackend(preference);
    return active;
  });
}

/** "Fastest (measured)": a probe training step on each backend; leaves the fastest in use. */
export function measureBackends(): Promise<{ report: BackendReport; timings: BackendTiming[] }> {
  requireInit();
  return serialised(async () => {
    const measured = await measureTrainingBackends();
    active = measured.report;
    return measured;
  });
}
