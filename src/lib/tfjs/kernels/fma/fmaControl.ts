/**
 * The control block that the calling thread and the helper workers share at the start of the
 * kernels' memory (fmaRuntime.ts), and the claiming loop both run.
 */

/** Int32 slots of the control block. */
export const CONTROL = {
  /** Bumped for each call that helpers should join. */
  sequence: 0,
  /** Next unclaimed tile (claimed `chunk` at a time with Atomics.add). */
  next: 1,
  /** Tiles finished; the caller waits until it reaches `tiles`. */
  done: 2,
  tiles: 3,
  chunk: 4,
  kernel: 5,
  argCount: 6,
  /** Tiles computed by helpers since the memory was made (a diagnostic: are they taking part?). */
  helperTiles: 7,
  /** 1 once a chunk of the current call threw (a trap: a bug); the caller reports it. */
  failed: 63,
  /** The kernel's parameters after its tile range. */
  args: 8,
} as const;

export const CONTROL_BYTES = 256;

export const KERNEL_IDS = { conv: 0, filterGrad: 1, adam: 2, maxPoolGrad: 3 } as const;
export type KernelName = keyof typeof KERNEL_IDS;

type Kernel = (t0: number, t1: number, ...args: number[]) => void;
export interface KernelExports {
  conv: Kernel;
  filterGrad: Kernel;
  adam: Kernel;
  maxPoolGrad: Kernel;
}

const BY_ID: readonly KernelName[] = ['conv', 'filterGrad', 'adam', 'maxPoolGrad'];

/** What a helper posts once it waits for work. */
export const HELPER_STARTED = 'started';

/**
 * Claims chunks of the current call's tiles until none are left, running each. The call's
 * parameters are read after a claim succeeds: a claim is only ever made on a counter the caller
 * reset after writing them, and the counter advances by exactly the chunk claimed, so no tile is
 * claimed twice even by a thread that read an older chunk size. A chunk that throws still counts
 * as done (so the caller never waits for it) and marks the call failed.
 */
export function claimTiles(control: Int32Array, exports: KernelExports, helper: boolean): void {
  for (;;) {
    const chunk = Atomics.load(control, CONTROL.chunk);
    const t0 = Atomics.add(control, CONTROL.next, chunk);
    const tiles = Atomics.load(control, CONTROL.tiles);
    if (t0 >= tiles) return;
    const t1 = Math.min(tiles, t0 + chunk);
    const name = BY_ID[Atomics.load(control, CONTROL.kernel)] ?? 'conv';
    const args = Array.from(control.subarray(CONTROL.args, CONTROL.args + Atomics.load(control, CONTROL.argCount)));
    try {
      exports[name](t0, t1, ...args);
    } catch {
      Atomics.store(control, CONTROL.failed, 1);
    }
    if (helper) Atomics.add(control, CONTROL.helperTiles, t1 - t0);
    Atomics.add(control, CONTROL.done, t1 - t0);
    Atomics.notify(control, CONTROL.done);
  }
}
