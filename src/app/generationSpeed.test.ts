import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../lib/jobs/progress';
import { TINY_PRESET, type GeneratorSpec } from '../model/gmf/generatorSpec';
import { describeGenerationTime, generationMeasurement, recordSpeed, speedKey, speedsFor } from './generationSpeed';
import {
  KEPT_PER_KEY,
  loadSpeeds,
  roughDuration,
  type SpeedMeasurement,
  speedsVersion,
  subscribeSpeeds,
  timeRange,
} from './speedMemory';

const spec = structuredClone(TINY_PRESET) as GeneratorSpec;
const probe = (imagesPerSecond: number, setupSeconds?: number): SpeedMeasurement => ({
  imagesPerSecond,
  images: 18,
  source: 'probe',
  at: 1,
  ...(setupSeconds === undefined ? {} : { setupSeconds }),
});

/** localStorage's getItem/setItem over a Map. */
function fakeStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => {
      map.set(key, value);
    },
  };
}

describe('speedKey', () => {
  it('differs by resolution, render scale, background, binocular, format and face model, not by counts or name', () => {
    const key = speedKey(spec);
    expect(speedKey({ ...spec, resolution: 128 })).not.toBe(key);
    expect(speedKey({ ...spec, renderScale: spec.renderScale + 1 })).not.toBe(key);
    expect(speedKey({ ...spec, addBackground: !spec.addBackground })).not.toBe(key);
    expect(speedKey({ ...spec, binocular: !spec.binocular })).not.toBe(key);
    expect(speedKey({ ...spec, format: spec.format === 'png' ? 'jpg' : 'png' })).not.toBe(key);
    expect(speedKey({ ...spec, faceModel: 'gmf-procedural' })).not.toBe(
      speedKey({ ...spec, faceModel: 'ict-facekit' }),
    );
    const bigger: GeneratorSpec = { ...spec, identities: 500, variationsPerIdentity: 9, name: 'other', seed: 7 };
    expect(speedKey(bigger)).toBe(key);
  });
});

describe('timeRange', () => {
  it('is null without a usable measurement', () => {
    expect(timeRange(100, [])).toBeNull();
    expect(timeRange(100, [probe(0)])).toBeNull();
  });

  it('runs from the fastest rate x 1.25 to the slowest / 1.25 plus the longest build', () => {
    // 100 images at 20/s x 1.25 = 25/s: 4 s; at 10/s / 1.25 = 8/s: 12.5 s, + 3 s build.
    expect(timeRange(100, [probe(10, 3), probe(20, 1)])).toEqual({ low: 4, high: 15.5, measurements: 2 });
  });

  it('gives a range from a single measurement', () => {
    // 144 images at 12/s: 144 / 15 = 9.6 s to 144 / 9.6 = 15 s.
    expect(timeRange(144, [probe(12)])).toEqual({ low: 9.6, high: 15, measurements: 1 });
  });
});

describe('generationMeasurement', () => {
  const progress = (done: number, elapsedSeconds: number): JobProgress => ({
    done,
    total: 48,
    rate: 0,
    etaSeconds: null,
    elapsedSeconds,
    unit: 'parameter records',
    imagesPerItem: 3,
  });

  it('counts images since the first report over the time between reports', () => {
    // Resumed at 8 records: 40 records x 3 images in 12 s (the 2 s before the first report is the build).
    expect(generationMeasurement(progress(8, 2), progress(48, 14), 5)).toEqual({
      imagesPerSecond: 10,
      images: 120,
      source: 'generation',
      at: 5,
    });
  });

  it('ignores a generation of fewer than 20 images', () => {
    expect(generationMeasurement(progress(0, 1), progress(6, 3), 5)).toBeNull();
    expect(generationMeasurement(progress(0, 1), progress(7, 3), 5)?.images).toBe(21);
  });
});

describe('remembered measurements', () => {
  it('round-trips through storage per key and keeps the last few', () => {
    const storage = fakeStorage();
    for (let i = 1; i <= KEPT_PER_KEY + 2; i++) recordSpeed(spec, probe(i), storage);
    recordSpeed({ ...spec, resolution: 128 }, probe(99), storage);
    const rates = speedsFor(spec, storage).map((m) => m.imagesPerSecond);
    expect(rates).toEqual([3, 4, 5, 6, 7]);
    expect(speedsFor({ ...spec, resolution: 128 }, storage)).toEqual([probe(99)]);
    expect(speedsFor({ ...spec, renderScale: 1 }, storage)).toEqual([]);
  });

  it('forgets what does not parse and tells subscribers of a new measurement', () => {
    const storage = fakeStorage();
    storage.setItem('gmf-workbench:generation-speed', '{not json');
    expect(loadSpeeds(storage)).toEqual({});
    storage.setItem(
      'gmf-workbench:generation-speed',
      JSON.stringify({ [speedKey(spec)]: [{ imagesPerSecond: 'fast' }] }),
    );
    expect(speedsFor(spec, storage)).toEqual([]);
    let calls = 0;
    const before = speedsVersion();
    const unsubscribe = subscribeSpeeds(() => calls++);
    recordSpeed(spec, probe(5), storage);
    unsubscribe();
    recordSpeed(spec, probe(6), storage);
    expect(calls).toBe(1);
    expect(speedsVersion()).toBe(before + 2);
  });

  it('remembers nothing without storage', () => {
    expect(() => {
      recordSpeed(spec, probe(5), null);
    }).not.toThrow();
    expect(speedsFor(spec, null)).toEqual([]);
  });
});

describe('describeGenerationTime', () => {
  it('names the measured range and where it was measured', () => {
    // 144 images at 12/s: 9.6 s to 15 s; at 2/s: 57.6 s to 90 s.
    expect(describeGenerationTime(spec, { images: 144, seconds: 4 }, [probe(12)])).toEqual({
      text: 'about 10 s – 15 s, from 1 measurement here at 64 px, render scale 4',
      measured: true,
    });
    expect(describeGenerationTime(spec, { images: 144, seconds: 4 }, [probe(2), probe(2)]).text).toBe(
      'about 58 s – 2 min, from 2 measurements here at 64 px, render scale 4',
    );
  });

  it('calls the fixed-rate time a rough guess without a measurement', () => {
    expect(describeGenerationTime(spec, { images: 144, seconds: 4 }, [])).toEqual({
      text: '4 s (a rough guess: not measured here at these settings)',
      measured: false,
    });
  });

  it('rounds durations as a person would say them', () => {
    expect([0.2, 9.6, 59.4, 89, 3000, 7200].map(roughDuration)).toEqual([
      '1 s',
      '10 s',
      '59 s',
      '1 min',
      '50 min',
      '2.0 h',
    ]);
  });
});
