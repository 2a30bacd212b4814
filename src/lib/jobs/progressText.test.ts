import { describe, expect, it } from 'vitest';
import type { JobProgress } from './progress';
import { countedIn, imagesPerSecond, progressSummary } from './progressText';

const at = (done: number, total: number, rate: number, etaSeconds: number | null): JobProgress => ({
  done,
  total,
  rate,
  etaSeconds,
  elapsedSeconds: 1,
});

describe('imagesPerSecond', () => {
  it('multiplies the item rate by the images per item', () => {
    expect(imagesPerSecond(countedIn(at(4, 10, 2, 3), 'parameter records', 3))).toBe(6);
    expect(imagesPerSecond(countedIn(at(4, 10, 0.5, 12), 'steps', 16))).toBe(8);
  });

  it('counts images one to one and has no rate for what is not images', () => {
    expect(imagesPerSecond(countedIn(at(4, 10, 2.5, 3), 'images'))).toBe(2.5);
    expect(imagesPerSecond(countedIn(at(1, 5, 2, 2), 'layers'))).toBeNull();
    expect(imagesPerSecond(at(1, 5, 2, 2))).toBeNull();
  });
});

describe('progressSummary', () => {
  it('says the unit, adds the image counts for multi-image items and gives the rate in images/s', () => {
    expect(progressSummary(countedIn(at(40, 100, 10, 6), 'parameter records', 3))).toBe(
      '40 / 100 parameter records (120 / 300 images) · 30.0 images/s · 6 s left',
    );
  });

  it('leaves out image counts equal to the item counts', () => {
    expect(progressSummary(countedIn(at(40, 100, 10, 6), 'parameter records', 1))).toBe(
      '40 / 100 parameter records · 10.0 images/s · 6 s left',
    );
    expect(progressSummary(countedIn(at(100, 640, 25, 21.6), 'images'))).toBe(
      '100 / 640 images · 25.0 images/s · 22 s left',
    );
  });

  it('gives steps with short last batches a rate but no image counts', () => {
    // 10 images in batches of 4: 3 steps an epoch, 10 / 3 images a step.
    expect(progressSummary(countedIn(at(3, 30, 3, 9), 'steps', 10 / 3))).toBe(
      '3 / 30 steps · 10.0 images/s · 9 s left',
    );
  });

  it('has no rate for what is not images and a dash while the rate is unknown', () => {
    expect(progressSummary(countedIn(at(2, 5, 1, 3), 'layers'))).toBe('2 / 5 layers · 3 s left');
    expect(progressSummary(countedIn(at(0, 48, 0, null), 'parameter records', 3))).toBe(
      '0 / 48 parameter records (0 / 144 images) · — · — left',
    );
  });
});

describe('countedIn', () => {
  it('tags a copy and drops a stale or meaningless images-per-item', () => {
    const p = countedIn(at(1, 2, 1, 1), 'parameter records', 3);
    expect(countedIn(p, 'layers')).not.toHaveProperty('imagesPerItem');
    expect(countedIn(p, 'steps', 0)).not.toHaveProperty('imagesPerItem');
    expect(p.imagesPerItem).toBe(3);
  });
});
