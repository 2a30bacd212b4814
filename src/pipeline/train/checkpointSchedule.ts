/**
 * When training checkpoints mid-epoch, and the data order a checkpoint resumes into.
 *
 * A reload loses the work since the last checkpoint, so checkpoints come at most `maxMs`
 * (20 s) apart; but each one writes every weight and Adam moment to IndexedDB, so they also
 * come no more often than 20 × the last write's duration (≤ 5 % of the time spent writing),
 * and never more than every `minMs` (250 ms). A ResNet-6 whose write takes 20 ms checkpoints
 * about every 0.4 s, a large net whose write takes a second every 20 s. The interval scales
 * with the write, not the clock, so it falls inside an epoch of a few batches on any machine.
 */
import { GmfError } from '../../lib/errors';
import type { CheckpointRecord, DataOrder } from './runRecords';

export interface CheckpointEvery {
  minMs: number;
  maxMs: number;
}

export const CHECKPOINT_EVERY: CheckpointEvery = { minMs: 250, maxMs: 20_000 };
/** Time writing checkpoints may take, as a share of training time (1/20 = 5 %). */
const WRITE_SHARE = 20;

/** True when a mid-epoch checkpoint is due `sinceMs` after the last one, whose write took `lastWriteMs`. */
export function dueForCheckpoint(sinceMs: number, lastWriteMs: number, every: CheckpointEvery): boolean {
  const interval = Math.min(every.maxMs, Math.max(every.minMs, WRITE_SHARE * lastWriteMs));
  return sinceMs >= interval;
}

const LABELS: Record<keyof DataOrder, string> = { seed: 'seed', items: 'training images:', batchSize: 'batch size' };

/**
 * A resume continues the stored epoch's shuffled order at the stored batch; that order is a
 * function of the seed, the number of training images and the batch size, so all three must
 * be what they were, or the resumed run would see other batches than the interrupted one.
 */
export function checkOrder(resume: Pick<CheckpointRecord, 'order'>, now: DataOrder): void {
  const was = resume.order;
  if (!was) return; // checkpoints from before the order was stored: always at an epoch's start
  const changed = (['seed', 'items', 'batchSize'] as const).filter((k) => was[k] !== now[k]);
  if (changed.length === 0) return;
  const say = (order: DataOrder) => changed.map((k) => `${LABELS[k]} ${order[k]}`).join(', ');
  throw new GmfError(
    'CHECKPOINT_ORDER',
    `This run's checkpoint was taken with ${say(was)}, but it now has ${say(now)} (its dataset or query changed since). Resuming would train on other batches than the ones it stopped in: start a new run.`,
  );
}
