import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../lib/jobs/progress';
import { imagesPerSecond, progressSummary } from '../../lib/jobs/progressText';
import { analysisProgress, generationProgress, trainingProgress } from './progressUnits';

const at = (done: number, total: number, rate: number, message?: string): JobProgress => ({
  done,
  total,
  rate,
  etaSeconds: 10,
  elapsedSeconds: 1,
  ...(message === undefined ? {} : { message }),
});

describe('generationProgress', () => {
  it('counts parameter records; a binocular record is three images (left, centre, right)', () => {
    expect(imagesPerSecond(generationProgress(at(4, 48, 2), { binocular: false }))).toBe(2);
    expect(imagesPerSecond(generationProgress(at(4, 48, 2), { binocular: true }))).toBe(6);
    expect(progressSummary(generationProgress(at(4, 48, 2), { binocular: true }))).toMatch(
      /^4 \/ 48 parameter records \(12 \/ 144 images\) · 6\.0 images\/s/,
    );
  });
});

describe('trainingProgress', () => {
  it('turns steps/s into images/s with the batch size when every batch is full', () => {
    const p = trainingProgress(at(8, 40, 0.5), { config: { batchSize: 16 }, images: { training: 64 } });
    expect(imagesPerSecond(p)).toBe(8);
    expect(progressSummary(p)).toMatch(/^8 \/ 40 steps \(128 \/ 640 images\) · 8\.0 images\/s/);
  });

  it('averages in the short last batch of each epoch', () => {
    // 50 images in batches of 16: 4 steps an epoch (16, 16, 16, 2), 12.5 images a step.
    expect(
      imagesPerSecond(trainingProgress(at(1, 8, 2), { config: { batchSize: 16 }, images: { training: 50 } })),
    ).toBe(25);
    // Before the worker has selected the images (a new run), or a record without them: the batch size.
    expect(imagesPerSecond(trainingProgress(at(1, 8, 2), { config: { batchSize: 16 }, images: { training: 0 } }))).toBe(
      32,
    );
    expect(imagesPerSecond(trainingProgress(at(1, 8, 2), { config: { batchSize: 16 } }))).toBe(32);
  });
});

describe('analysisProgress', () => {
  const options = { batchSize: 32 };
  it('compress counts batches of training images', () => {
    const p = analysisProgress(at(2, 5, 0.25, 'compress'), options);
    expect(imagesPerSecond(p)).toBe(8);
    expect(progressSummary(p)).toMatch(/^2 \/ 5 batches \(64 \/ 160 images\) · 8\.0 images\/s/);
  });

  it('decompose counts images, decode layers (no images/s), the views their own steps', () => {
    expect(progressSummary(analysisProgress(at(100, 640, 25, 'decompose training'), options))).toBe(
      '100 / 640 images · 25.0 images/s · 10 s left',
    );
    expect(progressSummary(analysisProgress(at(2, 5, 1, 'decode'), options))).toBe('2 / 5 layers · 10 s left');
    expect(imagesPerSecond(analysisProgress(at(2, 5, 1, 'views: rsa'), options))).toBeNull();
  });
});
