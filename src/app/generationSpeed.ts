/**
 * How fast this machine generates datasets, remembered (speedMemory.ts) per setting that changes
 * the cost of an image: face model, resolution, render scale, background, binocular, format.
 * The speed probe and every long enough generation add a measurement.
 */
import { formatEta, type JobProgress } from '../lib/jobs/progress';
import { faceModelOf, type GeneratorSpec } from '../model/gmf/generatorSpec';
import {
  measurementsFor,
  progressMeasurement,
  rangeText,
  recordMeasurement,
  type SpeedMeasurement,
  type SpeedStorage,
  timeRange,
} from './speedMemory';

export type SpeedSettings = Pick<
  GeneratorSpec,
  'faceModel' | 'resolution' | 'renderScale' | 'addBackground' | 'binocular' | 'format'
>;

/** A generation shorter than this is mostly start-up noise, so it is not remembered. */
export const MIN_GENERATION_IMAGES = 20;

export function speedKey(spec: SpeedSettings): string {
  const model = faceModelOf({ faceModel: spec.faceModel }).id;
  const scene = `${spec.addBackground ? 'background' : 'plain'}:${spec.binocular ? 'binocular' : 'mono'}`;
  return `${model}:${spec.resolution}px:x${spec.renderScale}:${scene}:${spec.format}`;
}

/** A finished, paused or failed generation's rate (speedMemory.progressMeasurement); null when too short. */
export function generationMeasurement(first: JobProgress, last: JobProgress, at: number): SpeedMeasurement | null {
  return progressMeasurement(first, last, at, 'generation', MIN_GENERATION_IMAGES);
}

export function recordSpeed(spec: SpeedSettings, m: SpeedMeasurement, storage?: SpeedStorage | null): void {
  recordMeasurement(speedKey(spec), m, storage);
}

/** The measurements remembered for `spec`'s settings, oldest first. */
export function speedsFor(spec: SpeedSettings, storage?: Pick<SpeedStorage, 'getItem'> | null): SpeedMeasurement[] {
  return measurementsFor(speedKey(spec), storage);
}

/**
 * The estimate's time: a range from the measurements at `spec`'s settings, naming how many and
 * where; without one, the fixed-rate guess (`guess.seconds`), called what it is.
 */
export function describeGenerationTime(
  spec: Pick<GeneratorSpec, 'resolution' | 'renderScale'>,
  guess: { images: number; seconds: number },
  measurements: readonly SpeedMeasurement[],
): { text: string; measured: boolean } {
  const range = timeRange(guess.images, measurements);
  if (!range)
    return {
      text: `${formatEta(guess.seconds)} (a rough guess: not measured here at these settings)`,
      measured: false,
    };
  const n = range.measurements;
  const where = `${n} measurement${n === 1 ? '' : 's'} here at ${spec.resolution} px, render scale ${spec.renderScale}`;
  return { text: `about ${rangeText(range)}, from ${where}`, measured: true };
}
