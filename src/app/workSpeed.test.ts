import { describe, expect, it } from 'vitest';
import type { SpeedMeasurement } from './speedMemory';
import {
  analysisMeasurement,
  analysisSpeedKey,
  describeAnalysisTime,
  describeTrainingTime,
  stepSpeedMeasurement,
  trainingSpeedKey,
} from './workSpeed';

const settings = { architecture: 'ResNet6', resolution: 64, batchSize: 16, backend: 'wasm' } as const;
const measured = (imagesPerSecond: number, source: SpeedMeasurement['source']): SpeedMeasurement => ({
  imagesPerSecond,
  images: 100,
  source,
  at: 1,
});

describe('work speed keys', () => {
  it('differ by every setting that changes the cost of an image', () => {
    const key = trainingSpeedKey(settings);
    expect(key).toBe('train:ResNet6:64px:batch16:wasm');
    for (const other of [
      { ...settings, architecture: 'VGG16' as const },
      { ...settings, resolution: 32 },
      { ...settings, batchSize: 8 },
      { ...settings, backend: 'webgpu' as const },
    ])
      expect(trainingSpeedKey(other)).not.toBe(key);
    expect(analysisSpeedKey(settings)).toBe('analyse:ResNet6:64px:wasm');
  });
});

describe('stepSpeedMeasurement', () => {
  it('turns ms per step into images/s and the compiling step into set-up time', () => {
    // 16 images in 250 ms = 64/s; the first step's 1250 ms less one ordinary step = 1 s of set-up.
    expect(stepSpeedMeasurement({ msPerStep: 250, warmupMs: 1250, measuredSteps: 4 }, 16, 7)).toEqual({
      imagesPerSecond: 64,
      images: 64,
      setupSeconds: 1,
      source: 'probe',
      at: 7,
    });
  });
});

describe('analysisMeasurement', () => {
  it('is dataset images per second, and nothing for a tiny analysis', () => {
    expect(analysisMeasurement(64, 32, 1)).toEqual({ imagesPerSecond: 2, images: 64, source: 'analysis', at: 1 });
    expect(analysisMeasurement(31, 32, 1)).toBeNull();
    expect(analysisMeasurement(64, 0, 1)).toBeNull();
  });
});

describe('describing a time', () => {
  it('trains epochs x images at the measured rates, saying what the range rests on', () => {
    // 8 epochs x 96 images = 768 at 16/s: 768 / 20 = 38.4 s to 768 / 12.8 = 60 s.
    const real = describeTrainingTime(settings, 96, 8, [measured(16, 'training')]);
    expect(real).toEqual({
      text: 'about 38 s – 1 min (1 measurement here, ResNet6 at 64 px, batch 16, wasm)',
      seconds: (38.4 + 60) / 2,
    });
    expect(describeTrainingTime(settings, 96, 8, [measured(16, 'probe')]).text).toBe(
      'about 38 s – 1 min (a probe of bare steps here, ResNet6 at 64 px, batch 16, wasm)',
    );
  });

  it('says when nothing was measured at these settings', () => {
    expect(describeAnalysisTime(settings, 384, [])).toEqual({
      text: 'not measured on this machine yet (ResNet6 at 64 px, wasm)',
      seconds: null,
    });
  });
});
