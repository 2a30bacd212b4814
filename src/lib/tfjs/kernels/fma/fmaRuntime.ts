/**
 * The convolution product kernels (convKernels.wat) at run time: one shared WebAssembly memory,
 * the module instantiated on it (relaxed SIMD's fused multiply-add where the runtime has it, the
 * same kernels with a multiply and an add where it has not), and helper workers that share each
 * call's tiles with the calling thread.
 *
 * A call places its operands in the memory (`reserve`, then views), and `run` splits its tiles:
 * every thread, the caller included, claims chunks of tiles from one shared claim word until none
 * are left (fmaControl.ts: a claim names its call, so a late helper never takes a later call's
 * tiles), and the caller waits until every tile is done. A helper that is slow to wake (a busy
 * machine) or not started yet only leaves more tiles to the others, and a tile's values do not
 * depend on which thread computed it. Helpers run only where the caller may block (a dedicated
 * worker of a cross-origin isolated page); elsewhere the caller computes every tile.
 *
 * Helpers start as the kernels are made; a worker's script loads only while its parent returns
 * to its event loop, so code about to run kernels in one long synchronous stretch first awaits
 * `helpersStarted()` (the wasm backend's start-up does).
 *
 * Unavailable (null from `fmaKernels()`) where shared WebAssembly memory or SIMD is missing; the
 * wasm training kernels then use XNNPACK as before.
 */
import { GmfError } from '../../../errors';
import relaxedBytes from './convKernels.wat';
import plainBytes from './convKernels.wat?plain';
import {
  CONTROL,
  CONTROL_BYTES,
  claimTiles,
  complete,
  type ControlViews,
  controlViews,
  HELPER_STARTED,
  type KernelExports,
  type KernelName,
  openSteps,
} from './fmaControl';

const PAGE = 65536;
const MAX_HELPERS = 7;
/** How long `helpersStarted` waits for a helper before the kernels go on without it. */
const HELPER_START_TIMEOUT_MS = 10_000;

export type FmaSimd = 'relaxed' | 'plain';

export interface FmaKernels {
  /** 'relaxed': fused multiply-adds; 'plain': a multiply and an add (no relaxed SIMD here). */
  readonly simd: FmaSimd;
  /** Helper workers made (each joins calls once started). */
  readonly helpers: number;
  /** Makes room for `bytes` of operands; returns the byte offset of the first. */
  reserve(bytes: number): number;
  /** Views of the whole memory (take them after `reserve`: growing replaces the buffer). */
  f32(): Float32Array;
  i32(): Int32Array;
  /** Runs `kernel` over tiles [0, tiles) with `args` (the kernel's parameters after t0, t1). */
  run(kernel: KernelName, tiles: number, args: readonly number[]): void;
  /** Tiles the helpers computed so far (a diagnostic). */
  helperTiles(): number;
}

function sharedMemoryAvailable(): boolean {
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

/** Helpers where the caller may block on Atomics.wait: a dedicated worker, with memory shared across threads. */
function helperCount(): number {
  const scope = globalThis as {
    crossOriginIsolated?: boolean;
    DedicatedWorkerGlobalScope?: unknown;
    Worker?: unknown;
    navigator?: { hardwareConcurrency?: number };
  };
  if (scope.crossOriginIsolated !== true || scope.DedicatedWorkerGlobalScope === undefined || !scope.Worker) return 0;
  return Math.max(0, Math.min(MAX_HELPERS, (scope.navigator?.hardwareConcurrency ?? 1) - 1));
}

/**
 * A helper worker, resolving once it waits for work (false if it failed or took too long); null
 * where the worker cannot be made (e.g. a policy that forbids it): the caller computes its share.
 */
function startHelper(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<boolean> | null {
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('./fmaHelper.worker.ts', import.meta.url), { type: 'module' });
    worker.postMessage({ module, memory });
  } catch {
    worker?.terminate();
    return null;
  }
  const helper = worker;
  // Its first message arrives on a later turn of this worker's event loop: handlers set now see it.
  return new Promise<boolean>((resolve) => {
    helper.onmessage = (event) => {
      resolve(event.data === HELPER_STARTED);
    };
    helper.onerror = () => {
      resolve(false);
    };
    setTimeout(() => {
      resolve(false);
    }, HELPER_START_TIMEOUT_MS);
  });
}

class Runtime implements FmaKernels {
  readonly helpers: number;
  readonly started: Promise<number>;
  private readonly exports: KernelExports;
  private readonly views: ControlViews;

  constructor(
    readonly simd: FmaSimd,
    module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
  ) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.exports = instance.exports as unknown as KernelExports;
    this.views = controlViews(memory.buffer);
    const starts: Promise<boolean>[] = [];
    for (let i = 0; i < helperCount(); i++) {
      const worker = startHelper(module, memory);
      if (worker) starts.push(worker);
    }
    this.helpers = starts.length;
    this.started = Promise.all(starts).then((ok) => ok.filter(Boolean).length);
  }

  reserve(bytes: number): number {
    const needed = CONTROL_BYTES + bytes;
    const have = this.memory.buffer.byteLength;
    if (needed > have) this.memory.grow(Math.ceil((needed - have) / PAGE));
    return CONTROL_BYTES;
  }

  f32(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }

  i32(): Int32Array {
    return new Int32Array(this.memory.buffer);
  }

  helperTiles(): number {
    return Atomics.load(this.views.control, CONTROL.helperTiles);
  }

  run(kernel: KernelName, tiles: number, args: readonly number[]): void {
    const c = this.views.control;
    // Chunks small enough to balance busy threads, large enough that a panel of b serves many tiles.
    const chunk = Math.max(1, Math.ceil(tiles / (8 * (this.helpers + 1))));
    complete(openSteps(this.views, { kernel, tiles, chunk, args }));
    if (this.helpers > 0) Atomics.notify(c, CONTROL.sequence);
    claimTiles(this.views, this.exports, false);
    for (let done = Atomics.load(c, CONTROL.done); done < tiles; done = Atomics.load(c, CONTROL.done)) {
      Atomics.wait(c, CONTROL.done, done);
    }
    if (Atomics.exchange(c, CONTROL.failed, 0) !== 0) {
      throw new GmfError('CONV_KERNEL_FAILED', `The wasm convolution kernel ${kernel} failed on part of its tiles.`);
    }
  }
}

let kernels: Runtime | null | undefined;

/** The kernels, made on first use; null where the runtime lacks shared memory or SIMD. */
export function fmaKernels(): FmaKernels | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  if (typeof WebAssembly === 'undefined' || !sharedMemoryAvailable()) return kernels;
  const simd: FmaSimd | null = WebAssembly.validate(relaxedBytes)
    ? 'relaxed'
    : WebAssembly.validate(plainBytes)
      ? 'plain'
      : null;
  if (!simd) return kernels;
  const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
  kernels = new Runtime(simd, new WebAssembly.Module(simd === 'relaxed' ? relaxedBytes : plainBytes), memory);
  return kernels;
}

/** Makes the kernels and resolves once their helpers wait for work: how many did (0 where there are none). */
export function helpersStarted(): Promise<number> {
  fmaKernels();
  return kernels ? kernels.started : Promise.resolve(0);
}
