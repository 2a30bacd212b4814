import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../lib/jobs/progress';
import { progressMeasurement, rangeText, type SpeedMeasurement, typicalRate } from './speedMemory';

const at = (imagesPerSecond: number): SpeedMeasurement => ({ imagesPerSecond, images: 10, source: 'probe', at: 1 });

describe('typicalRate', () => {
  it('is the median of the usable rates', () => {
    expect(typicalRate([at(3), at(1), at(2)])).toBe(2);
    expect(typicalRate([at(4), at(1), at(0), at(Number.NaN)])).toBe(2.5);
    expect(typicalRate([at(0)])).toBeNull();
  });
});

describe('progressMeasurement', () => {
  const progress = (done: number, elapsedSeconds: number): JobProgress => ({
    done,
    total: 10,
    rate: 0,
    etaSeconds: null,
    elapsedSeconds,
    imagesPerItem: 16,
  });
  it('labels the measurement with its source and needs `minImages` images', () => {
    // 4 steps of 16 images in 8 s.
    expect(progressMeasurement(progress(1, 2), progress(5, 10), 3, 'training', 64)).toEqual({
      imagesPerSecond: 8,
      images: 64,
      source: 'training',
      at: 3,
    });
    expect(progressMeasurement(progress(1, 2), progress(5, 10), 3, 'training', 65)).toBeNull();
  });
});

describe('rangeText', () => {
  it('gives one duration when both ends round alike', () => {
    expect(rangeText({ low: 61, high: 89 })).toBe('1 min');
    expect(rangeText({ low: 9.6, high: 15 })).toBe('10 s – 15 s');
  });
});
