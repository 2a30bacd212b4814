import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY, dueForCheckpoint } from './checkpointSchedule';

describe('mid-epoch checkpoint schedule', () => {
  it('at most 20 s apart (what a reload can lose), at least 250 ms and 20 × the last write apart', () => {
    // A cheap write (5 ms): every 250 ms.
    expect(dueForCheckpoint(249, 5, CHECKPOINT_EVERY)).toBe(false);
    expect(dueForCheckpoint(250, 5, CHECKPOINT_EVERY)).toBe(true);
    // A 500 ms write: every 10 s, so writing takes at most 5 % of the time.
    expect(dueForCheckpoint(9_999, 500, CHECKPOINT_EVERY)).toBe(false);
    expect(dueForCheckpoint(10_000, 500, CHECKPOINT_EVERY)).toBe(true);
    // However slow the write, never more than 20 s of training unsaved.
    expect(dueForCheckpoint(20_000, 5_000, CHECKPOINT_EVERY)).toBe(true);
  });
});
