import { describe, expect, it } from 'vitest';
import { timeSteps } from './fastestBackend';

/** A step that advances a fake clock by the next of `durations`. */
function fakeSteps(durations: number[]): { step: () => Promise<void>; now: () => number; calls: () => number } {
  let clock = 1000;
  let calls = 0;
  return {
    step: () => {
      clock += durations[calls++] ?? 0;
      return Promise.resolve();
    },
    now: () => clock,
    calls: () => calls,
  };
}

describe('timeSteps (the backend probe)', () => {
  it('times every step while the total stays within the bound: the mean of all of them', async () => {
    const fake = fakeSteps([10, 20, 30]);
    expect(await timeSteps(fake.step, 3, 60, fake.now)).toEqual({ msPerStep: 20, steps: 3 });
    expect(fake.calls()).toBe(3);
  });

  it('stops once the total passes the bound, when the backend can no longer be the fastest', async () => {
    // Best so far 30 ms per step over 3 steps: a first step of 100 ms already makes the mean over 30.
    const fake = fakeSteps([100, 100, 100]);
    expect(await timeSteps(fake.step, 3, 3 * 30, fake.now)).toEqual({ msPerStep: 100, steps: 1 });
    expect(fake.calls()).toBe(1);
  });

  it('never stops a backend that could still win, with no bound (the first one probed)', async () => {
    const fake = fakeSteps([500, 400, 300]);
    expect(await timeSteps(fake.step, 3, Infinity, fake.now)).toEqual({ msPerStep: 400, steps: 3 });
  });

  it('keeps going when the total equals the bound exactly (a tie is still a contender)', async () => {
    // Best so far 20 ms per step: 20 + 40 reaches 60 exactly, and a last step of 0 ms would tie.
    const fake = fakeSteps([20, 40, 0]);
    expect(await timeSteps(fake.step, 3, 3 * 20, fake.now)).toEqual({ msPerStep: 20, steps: 3 });
  });
});
