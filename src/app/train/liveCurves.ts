/** Per-batch values of the watched run, outside React state; charts subscribe and redraw throttled. */
import type { BatchPoint } from '../../pipeline/train/runRecords';

let points: BatchPoint[] = [];
/** What subscribers see: a new array at each (throttled) notification, so React notices the change. */
let snapshot: readonly BatchPoint[] = [];
const listeners = new Set<() => void>();
let scheduled = false;

function notify(): void {
  if (scheduled) return;
  scheduled = true;
  // At most a few redraws a second, however fast batches come.
  setTimeout(() => {
    scheduled = false;
    snapshot = [...points];
    for (const l of listeners) l();
  }, 250);
}

export const liveCurves = {
  reset(initial: BatchPoint[] = []): void {
    points = [...initial];
    notify();
  },
  push(point: BatchPoint): void {
    points.push(point);
    notify();
  },
  get: (): readonly BatchPoint[] => snapshot,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
