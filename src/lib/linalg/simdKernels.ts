/**
 * The WebAssembly SIMD kernels (kernels.wat, assembled at build time): loading, their status,
 * and the TypeScript side of each. The module is under 3 kB and compiled on first use,
 * synchronously (small enough for a page's main thread).
 *
 * Where WebAssembly or its SIMD extension is missing, `simdKernels()` is null and callers run
 * the JavaScript kernels (javascriptKernels.ts); `simdStatus()` says which and why. Where the
 * runtime has SIMD but the module does not compile or instantiate, that is a bug (a broken
 * build, a CSP without 'wasm-unsafe-eval'), and using the kernels throws a SimdKernelsError
 * instead of quietly running three times slower.
 *
 * The kernels work on their own memory, seen as one Float64Array (`memory`); callers place
 * their operands at indices ≥ HEAP_START and pass float64 indices.
 */
import { GmfError } from '../errors';
import type { RowKernels } from './javascriptKernels';
import kernelBytes from './kernels.wat';
import probeBytes from './simdProbe.wat';

/** Heap indices [0, HEAP_START) are the kernels' scratch: the four sums of the *Rows4 kernels. */
export const HEAP_START = 4;
const SUMS_AT = 0;
const PAGE = 65536;

export class SimdKernelsError extends GmfError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(
      'SIMD_KERNELS_FAILED',
      `The WebAssembly SIMD kernels of the linear algebra failed to load: ${message}`,
      options,
    );
  }
}

export type SimdStatus = { readonly active: true } | { readonly active: false; readonly reason: string };

/** kernels.wat's exports: byte offsets into the memory (see there for what each computes). */
interface Exports {
  dots(a: number, aRows: number, b: number, bRows: number, k: number, out: number, symmetric: number): void;
  symmetricProductRows4(
    row: number,
    stride: number,
    d: number,
    e: number,
    count: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
    sums: number,
  ): void;
  rankTwoRows4(
    row: number,
    stride: number,
    d: number,
    e: number,
    count: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void;
  dotRows4(u: number, row: number, stride: number, count: number, sums: number): void;
  axpyRows4(
    w: number,
    row: number,
    stride: number,
    count: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void;
}

const EXPORTS = [
  'dots',
  'symmetricProductRows4',
  'rankTwoRows4',
  'dotRows4',
  'axpyRows4',
] as const satisfies readonly (keyof Exports)[];

/** The kernels over their memory; every index is a float64 index into `memory`. */
export class SimdKernels implements RowKernels {
  /** The kernels' memory; replaced (the old view detached) when `reserve` grows it. */
  memory: Float64Array;
  /** memory[0, 4), where the kernels write their sums: read in place, no copy per call. */
  sums: Float64Array;

  constructor(
    private readonly wasmMemory: WebAssembly.Memory,
    private readonly fns: Exports,
  ) {
    this.memory = new Float64Array(wasmMemory.buffer);
    this.sums = this.memory.subarray(SUMS_AT, SUMS_AT + 4);
  }

  /** Room for `doubles` values from HEAP_START on; returns the current memory view. */
  reserve(doubles: number): Float64Array {
    const bytes = (HEAP_START + doubles) * 8;
    const have = this.wasmMemory.buffer.byteLength;
    if (have < bytes) this.wasmMemory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.memory.buffer !== this.wasmMemory.buffer) {
      this.memory = new Float64Array(this.wasmMemory.buffer);
      this.sums = this.memory.subarray(SUMS_AT, SUMS_AT + 4);
    }
    return this.memory;
  }

  /**
   * out[i·bRows + j] = Σ_t a[i·k + t] b[j·k + t]: aRows % 4 = 0, bRows % 2 = 0, k even and ≥ 2.
   * With `symmetric` (b = a) only blocks with j ≥ i are written.
   */
  dots(a: number, aRows: number, b: number, bRows: number, k: number, out: number, symmetric: boolean): void {
    this.fns.dots(a * 8, aRows, b * 8, bRows, k, out * 8, symmetric ? 1 : 0);
  }

  symmetricProductRows4(
    row: number,
    stride: number,
    d: number,
    e: number,
    count: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void {
    this.fns.symmetricProductRows4(
      row * 8,
      stride * 8,
      d * 8,
      e * 8,
      count,
      f0,
      f1,
      f2,
      f3,
      g0,
      g1,
      g2,
      g3,
      SUMS_AT * 8,
    );
  }

  rankTwoRows4(
    row: number,
    stride: number,
    d: number,
    e: number,
    count: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void {
    this.fns.rankTwoRows4(row * 8, stride * 8, d * 8, e * 8, count, f0, f1, f2, f3, g0, g1, g2, g3);
  }

  dotRows4(u: number, row: number, stride: number, count: number): void {
    this.fns.dotRows4(u * 8, row * 8, stride * 8, count, SUMS_AT * 8);
  }

  axpyRows4(
    w: number,
    row: number,
    stride: number,
    count: number,
    g0: number,
    g1: number,
    g2: number,
    g3: number,
  ): void {
    this.fns.axpyRows4(w * 8, row * 8, stride * 8, count, g0, g1, g2, g3);
  }
}

/** Why this runtime cannot run SIMD kernels at all, or null when it can. */
export function missingSupport(): string | null {
  if (typeof WebAssembly !== 'object') return 'this runtime has no WebAssembly';
  if (!WebAssembly.validate(probeBytes)) return "this runtime's WebAssembly has no 128-bit SIMD";
  return null;
}

/** The kernels, or why this runtime has none. */
export type LoadedKernels = { readonly kernels: SimdKernels } | { readonly kernels: null; readonly reason: string };

/**
 * The kernels from the module `bytes`, or (kernels null) the reason this runtime cannot run
 * WebAssembly SIMD. Throws a SimdKernelsError when it can but the module does not compile,
 * instantiate, or export every kernel.
 */
export function loadSimdKernels(bytes: Uint8Array<ArrayBuffer>): LoadedKernels {
  const reason = missingSupport();
  if (reason !== null) return { kernels: null, reason };
  let instance: WebAssembly.Instance;
  const memory = new WebAssembly.Memory({ initial: 16 });
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  } catch (error) {
    throw new SimdKernelsError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const missing = EXPORTS.filter((name) => typeof instance.exports[name] !== 'function');
  if (missing.length > 0) throw new SimdKernelsError(`the module does not export ${missing.join(', ')}.`);
  return { kernels: new SimdKernels(memory, instance.exports as unknown as Exports) };
}

let loaded: LoadedKernels | { error: SimdKernelsError } | undefined;
let enabled = true;

/** Loads once; a failure is kept and reported on every later use. */
function load(): LoadedKernels | { error: SimdKernelsError } {
  if (loaded === undefined) {
    try {
      loaded = loadSimdKernels(kernelBytes);
    } catch (error) {
      if (!(error instanceof SimdKernelsError)) throw error;
      loaded = { error };
    }
  }
  return loaded;
}

/** The kernels, or null where WebAssembly SIMD is unavailable (or switched off); throws when they failed to load. */
export function simdKernels(): SimdKernels | null {
  if (!enabled) return null;
  const state = load();
  if ('error' in state) throw state.error;
  return state.kernels;
}

/** Whether the linear algebra runs the SIMD kernels, and if not, why (a failed load included). */
export function simdStatus(): SimdStatus {
  if (!enabled) return { active: false, reason: 'switched off with setSimdKernels(false)' };
  const state = load();
  if ('error' in state) return { active: false, reason: state.error.message };
  return state.kernels === null ? { active: false, reason: state.reason } : { active: true };
}

/** Whether setSimdKernels left the SIMD kernels on (rowCombination.ts follows the same switch). */
export function simdKernelsEnabled(): boolean {
  return enabled;
}

/** Switches the kernels off (or back on), e.g. to compare against the JavaScript kernels in tests. */
export function setSimdKernels(on: boolean): void {
  enabled = on;
}
