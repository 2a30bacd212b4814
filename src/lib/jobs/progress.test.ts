import { describe, expect, it } from 'vitest';
import { ProgressMeter, formatEta, formatRate } from './progress';

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

describe('ProgressMeter', () => {
  it('reports rate and ETA from the first update (50 items in 2 s of 200 → 25/s, 6 s left)', () => {
    const clock = fakeClock();
    const meter = new ProgressMeter({ now: clock.now, intervalMs: 200 });
    expect(meter.update(0, 200)).toEqual({ done: 0, total: 200, rate: 0, etaSeconds: null, elapsedSeconds: 0 });
    clock.advance(2000);
    expect(meter.update(50, 200, 'rendering')).toEqual({
      done: 50,
      total: 200,
      rate: 25,
      etaSeconds: 6,
      elapsedSeconds: 2,
      message: 'rendering',
    });
  });

  it('measures the rate from the first update, so a resumed job is not credited for old work', () => {
    const clock = fakeClock();
    const meter = new ProgressMeter({ now: clock.now });
    clock.advance(1000);
    meter.update(500, 1000);
    clock.advance(4000);
    const report = meter.update(600, 1000);
    expect(report?.rate).toBe(25);
    expect(report?.etaSeconds).toBe(16);
    expect(report?.elapsedSeconds).toBe(5);
  });

  it('throttles to one report per interval but always reports the final update', () => {
    const clock = fakeClock();
    const meter = new ProgressMeter({ now: clock.now, intervalMs: 200 });
    const reported: number[] = [];
    for (let done = 0; done <= 100; done++) {
      const report = meter.update(done, 100);
      if (report) reported.push(report.done);
      clock.advance(10);
    }
    // First at t=0, then every 20 updates (200 ms), and the final one.
    expect(reported).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('flush returns the latest unreported state once', () => {
    const clock = fakeClock();
    const meter = new ProgressMeter({ now: clock.now, intervalMs: 200 });
    meter.update(0, 10);
    clock.advance(50);
    expect(meter.update(3, 10)).toBeNull();
    expect(meter.flush()?.done).toBe(3);
    expect(meter.flush()).toBeNull();
  });

  it('measures the rate over the recent window, not since the start', () => {
    const clock = fakeClock();
    const meter = new ProgressMeter({ now: clock.now, intervalMs: 1000, windowMs: 2000 });
    meter.update(0, 1000);
    // Slow phase: 1 item/s for 10 s, then fast: 100 items/s.
    for (let s = 1; s <= 10; s++) {
      clock.advance(1000);
      meter.update(s, 1000);
    }
    let report = null;
    for (let s = 1; s <= 5; s++) {
      clock.advance(1000);
      report = meter.update(10 + 100 * s, 1000);
    }
    // Baseline is the newest report at least 2 s old (done 210 at t = 12 s): (510 - 210) / 3 s;
    // the average since the start would be 510 / 15 s = 34.
    expect(report?.rate).toBe(100);
    expect(report?.etaSeconds).toBeCloseTo(4.9, 10);
  });

  it('gives ETA 0 when done and null when no time has passed', () => {
    const clock = fakeClock();
    const meter = new ProgressMeter({ now: clock.now });
    expect(meter.update(5, 10)?.etaSeconds).toBeNull();
    clock.advance(500);
    expect(meter.update(10, 10)?.etaSeconds).toBe(0);
  });
});

describe('formatEta / formatRate', () => {
  it('formats durations and rates for the UI', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(42.4)).toBe('42 s');
    expect(formatEta(185)).toBe('3 min 05 s');
    expect(formatEta(7500)).toBe('2 h 05 min');
    expect(formatRate(0)).toBe('—');
    expect(formatRate(25, 'images')).toBe('25.0 images/s');
    expect(formatRate(1234.4)).toBe('1234 items/s');
    expect(formatRate(0.25)).toBe('0.25 items/s');
  });
});
