/**
 * The control block that the calling thread and the helper workers share at the start of the
 * kernels' memory (fmaRuntime.ts), and the protocol both follow to share a call's tiles.
 *
 * Each call has a number. The claim word (64 bits) holds the number of the call whose tiles are
 * being claimed (high half) and its next unclaimed tile (low half). A thread claims tiles by a
 * compare-and-swap on that word from the value it read, so a claim can only succeed on the call
 * it read: a helper that was held up (a busy machine) between reading the word and claiming
 * cannot take tiles of a later call with the earlier call's sizes, nor count them as done there.
 * The caller closes the word (its next call's number with no tile left) before it writes that
 * call's sizes and parameters, and opens it (tile 0) after: sizes read between a read of the word
 * and a successful claim therefore belong to the call claimed. Parameters are read after the
 * claim, while the caller waits for the claimed tiles and so cannot overwrite them.
 *
 * Each step is a generator step (`claimSteps`, `openSteps`), so that a test can interleave
 * threads at every shared read and write; `complete` runs one without pauses.
 */

/** Int32 slots of the control block. */
export const CONTROL = {
  /** The current call's number (helpers wait on it changing). */
  sequence: 0,
  /** Tiles finished; the caller waits until it reaches `tiles`. */
  done: 1,
  /** The claim word: a 64-bit slot over Int32 slots 2 and 3 (`CLAIM_WORD` in 64-bit units). */
  tiles: 4,
  chunk: 5,
  kernel: 6,
  argCount: 7,
  /** Tiles computed by helpers since the memory was made (a diagnostic: are they taking part?). */
  helperTiles: 8,
  /** 1 once a chunk of the current call threw (a trap: a bug); the caller reports it. */
  failed: 9,
  /** The kernel's parameters after its tile range. */
  args: 16,
} as const;

/** The claim word's index in a BigUint64Array over the same memory. */
export const CLAIM_WORD = 1;

export const CONTROL_BYTES = 256;

/** Most parameters a kernel may take. */
export const MAX_ARGS = CONTROL_BYTES / 4 - CONTROL.args;

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

/** The shared views a thread works through. */
export interface ControlViews {
  control: Int32Array;
  claim: BigUint64Array;
}

export function controlViews(buffer: ArrayBufferLike): ControlViews {
  return {
    control: new Int32Array(buffer, 0, CONTROL_BYTES / 4),
    claim: new BigUint64Array(buffer, 0, CONTROL_BYTES / 8),
  };
}

const TILE_BITS = 32n;
const TILE_MASK = (1n << TILE_BITS) - 1n;
/** A tile index past any call's last: the closed word. */
const CLOSED = Number(TILE_MASK);

const word = (call: number, tile: number) => (BigInt(call >>> 0) << TILE_BITS) | BigInt(tile);

/** A call to set up: the kernel, its tile count, the tiles per claim and its parameters. */
export interface CallSetup {
  kernel: KernelName;
  tiles: number;
  chunk: number;
  args: readonly number[];
}

/** Runs a stepwise operation to its end. */
export function complete<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The caller's set-up of its next call, step by step: close the claim word, write the sizes and
 * parameters, reset the done count, open the word, then announce the call's number (helpers
 * wake). Returns the call's number.
 */
export function* openSteps({ control, claim }: ControlViews, setup: CallSetup): Generator<void, number> {
  if (setup.args.length > MAX_ARGS) throw new RangeError(`a kernel takes at most ${MAX_ARGS} parameters`);
  const call = (Atomics.load(control, CONTROL.sequence) + 1) | 0;
  Atomics.store(claim, CLAIM_WORD, word(call, CLOSED));
  yield;
  Atomics.store(control, CONTROL.tiles, setup.tiles);
  Atomics.store(control, CONTROL.chunk, setup.chunk);
  control[CONTROL.kernel] = KERNEL_IDS[setup.kernel];
  control.set(setup.args, CONTROL.args);
  control[CONTROL.argCount] = setup.args.length;
  Atomics.store(control, CONTROL.done, 0);
  yield;
  Atomics.store(claim, CLAIM_WORD, word(call, 0));
  yield;
  Atomics.store(control, CONTROL.sequence, call);
  return call;
}

/** Tiles [t0, t1) of the open call, claimed by one thread. */
export interface TileRange {
  t0: number;
  t1: number;
}

/**
 * One claim, step by step: read the word, then the call's sizes, then swap in the next tile.
 * Returns the range claimed, 'retry' when another thread (or a new call) changed the word first,
 * or null when the call read has no tile left.
 */
export function* claimSteps({ control, claim }: ControlViews): Generator<void, TileRange | 'retry' | null> {
  const seen = Atomics.load(claim, CLAIM_WORD);
  yield;
  const tiles = Atomics.load(control, CONTROL.tiles);
  const chunk = Atomics.load(control, CONTROL.chunk);
  yield;
  const t0 = Number(seen & TILE_MASK);
  if (t0 >= tiles) return null;
  const t1 = Math.min(tiles, t0 + chunk);
  const next = (seen & ~TILE_MASK) | BigInt(t1);
  return Atomics.compareExchange(claim, CLAIM_WORD, seen, next) === seen ? { t0, t1 } : 'retry';
}

/** The claimed call's kernel and parameters (stable while its caller waits for the claimed tiles). */
export function callKernel(control: Int32Array): { kernel: KernelName; args: number[] } {
  const kernel = BY_ID[control[CONTROL.kernel] ?? 0] ?? 'conv';
  return { kernel, args: Array.from(control.subarray(CONTROL.args, CONTROL.args + (control[CONTROL.argCount] ?? 0))) };
}

/** Counts a claimed range as done (and wakes the caller). */
export function finishTiles(control: Int32Array, range: TileRange, helper: boolean): void {
  if (helper) Atomics.add(control, CONTROL.helperTiles, range.t1 - range.t0);
  Atomics.add(control, CONTROL.done, range.t1 - range.t0);
  Atomics.notify(control, CONTROL.done);
}

/**
 * Claims chunks of the open call's tiles until none are left, running each. A chunk that throws
 * still counts as done (so the caller never waits for it) and marks the call failed.
 */
export function claimTiles(views: ControlViews, exports: KernelExports, helper: boolean): void {
  for (;;) {
    const range = complete(claimSteps(views));
    if (range === null) return;
    if (range === 'retry') continue;
    const { kernel, args } = callKernel(views.control);
    try {
      exports[kernel](range.t0, range.t1, ...args);
    } catch {
      Atomics.store(views.control, CONTROL.failed, 1);
    }
    finishTiles(views.control, range, helper);
  }
}
