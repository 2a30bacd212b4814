import { describe, expect, it } from 'vitest';
import { createRng } from '../../../random';
import {
  CONTROL,
  CONTROL_BYTES,
  callKernel,
  claimSteps,
  complete,
  type ControlViews,
  controlViews,
  finishTiles,
  openSteps,
} from './fmaControl';

// The claim protocol under every interleaving a seeded scheduler picks: a caller making calls one
// after another and helpers claiming beside it, each a generator that pauses at every shared read
// and write (the points where a real thread can be held up by a busy machine). A helper's
// "kernel" records which tiles it computed for which call (its parameters name the call).

interface Computed {
  call: number;
  tile: number;
  /** The caller had already returned from this call when the tile was written. */
  late: boolean;
}

function* helper(views: ControlViews, log: Computed[], state: { returned: Set<number>; over: boolean }) {
  let seen = Atomics.load(views.control, CONTROL.sequence);
  for (;;) {
    for (;;) {
      const range = yield* claimSteps(views);
      if (range === null) break;
      if (range === 'retry') continue;
      yield;
      const { args } = callKernel(views.control);
      const [call = -1, tiles = -1] = args;
      yield;
      for (let t = range.t0; t < range.t1; t++) {
        expect(t, `tile ${t} of call ${call} (${tiles} tiles)`).toBeLessThan(tiles);
        log.push({ call, tile: t, late: state.returned.has(call) });
      }
      yield;
      finishTiles(views.control, range, true);
    }
    // Atomics.wait on the sequence: paused until it changes.
    while (Atomics.load(views.control, CONTROL.sequence) === seen) {
      if (state.over) return;
      yield;
    }
    seen = Atomics.load(views.control, CONTROL.sequence);
    yield;
  }
}

function* caller(views: ControlViews, log: Computed[], state: { returned: Set<number>; over: boolean }, calls: number) {
  const rng = createRng(calls, 'calls');
  for (let call = 1; call <= calls; call++) {
    const tiles = rng.int(1, 12);
    const chunk = rng.int(1, 4);
    const number = yield* openSteps(views, { kernel: 'conv', tiles, chunk, args: [call, tiles] });
    expect(number).toBe(call);
    yield* callerShare(views, log, state);
    while (Atomics.load(views.control, CONTROL.done) < tiles) yield;
    expect(Atomics.load(views.control, CONTROL.done), `call ${call} done exactly once`).toBe(tiles);
    state.returned.add(call);
    const mine = log.filter((c) => c.call === call).map((c) => c.tile);
    expect(mine.sort((a, b) => a - b)).toEqual(Array.from({ length: tiles }, (_, t) => t));
  }
  state.over = true;
}

/** The caller's own claims: the same steps as a helper's, without the wait. */
function* callerShare(views: ControlViews, log: Computed[], state: { returned: Set<number> }) {
  for (;;) {
    const range = yield* claimSteps(views);
    if (range === null) return;
    if (range === 'retry') continue;
    const [call = -1] = callKernel(views.control).args;
    for (let t = range.t0; t < range.t1; t++) log.push({ call, tile: t, late: state.returned.has(call) });
    finishTiles(views.control, range, false);
  }
}

function schedule(seed: number, helpers: number, calls: number): Computed[] {
  const views = controlViews(new SharedArrayBuffer(CONTROL_BYTES));
  const log: Computed[] = [];
  const state = { returned: new Set<number>(), over: false };
  const threads: Generator<void, void>[] = [caller(views, log, state, calls)];
  for (let h = 0; h < helpers; h++) threads.push(helper(views, log, state));
  const rng = createRng(seed, 'schedule');
  const running = new Set(threads.keys());
  for (let steps = 0; running.size > 0; steps++) {
    if (steps > 1_000_000) throw new Error(`seed ${seed}: no end after ${steps} steps (a stall)`);
    const ids = [...running];
    // Runs of several steps on one thread, and long pauses for the others: a held-up helper.
    const id = ids[rng.int(0, ids.length - 1)] ?? 0;
    const burst = rng.int(1, 6);
    for (let b = 0; b < burst; b++) {
      if (threads[id]?.next().done === true) {
        running.delete(id);
        break;
      }
    }
  }
  return log;
}

describe('the tile-claim protocol of the wasm product kernels', () => {
  it('under 400 seeded interleavings, every tile of every call is computed once, for its own call, before the caller returns', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const log = schedule(seed, 1 + (seed % 3), 25);
      const late = log.filter((c) => c.late);
      expect(late, `seed ${seed}: tiles written after their call returned`).toEqual([]);
      const counts = new Map<string, number>();
      for (const c of log) counts.set(`${c.call}:${c.tile}`, (counts.get(`${c.call}:${c.tile}`) ?? 0) + 1);
      expect(
        [...counts.values()].every((n) => n === 1),
        `seed ${seed}: a tile computed twice`,
      ).toBe(true);
    }
  });

  it('a helper that read the word during one call cannot claim after the next call opened', () => {
    const views = controlViews(new SharedArrayBuffer(CONTROL_BYTES));
    complete(openSteps(views, { kernel: 'adam', tiles: 4, chunk: 2, args: [1] }));
    const late = claimSteps(views);
    late.next(); // read the word of call 1 (tile 0) ... and is held up here
    for (let range = complete(claimSteps(views)); range !== null; range = complete(claimSteps(views))) {
      if (range !== 'retry') finishTiles(views.control, range, false);
    }
    complete(openSteps(views, { kernel: 'conv', tiles: 8, chunk: 2, args: [2] }));
    late.next(); // reads call 2's sizes
    expect(late.next()).toEqual({ done: true, value: 'retry' });
    expect(complete(claimSteps(views))).toEqual({ t0: 0, t1: 2 });
  });

  it('refuses more parameters than the control block holds', () => {
    const views = controlViews(new SharedArrayBuffer(CONTROL_BYTES));
    expect(() =>
      complete(openSteps(views, { kernel: 'conv', tiles: 1, chunk: 1, args: new Array<number>(49).fill(0) })),
    ).toThrow(/at most 48 parameters/);
  });
});
