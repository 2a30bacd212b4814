/**
 * How fast this machine trains and analyses, remembered (speedMemory.ts) per setting that changes
 * the cost of an image: architecture, resolution, batch size and tfjs backend for training;
 * architecture, resolution and backend for an analysis. Real runs and analyses add measurements
 * when they end; a short probe of training steps (the guided experiment's "Size to this
 * machine") adds one before any run. Estimates are ranges read from them.
 */
import type { TfjsBackendName } from '../lib/tfjs/backendKinds';
import type { ArchitectureId } from '../pipeline/train/architectures';
import type { StepSpeed } from '../pipeline/train/stepSpeed';
import { measurementsFor, rangeText, type SpeedMeasurement, timeRange } from './speedMemory';

export interface TrainingSpeedSettings {
  architecture: ArchitectureId;
  resolution: number;
  batchSize: number;
  backend: TfjsBackendName;
}

export type AnalysisSpeedSettings = Omit<TrainingSpeedSettings, 'batchSize'>;

/**
 * A run shorter than this (in trained images after its first step, which compiles) is mostly
 * start-up, so it is not remembered: two batches of 16.
 */
export const MIN_TRAINING_IMAGES = 32;
/** An analysis of fewer dataset images than this is mostly start-up. */
export const MIN_ANALYSIS_IMAGES = 32;

export function trainingSpeedKey(s: TrainingSpeedSettings): string {
  return `train:${s.architecture}:${s.resolution}px:batch${s.batchSize}:${s.backend}`;
}

export function analysisSpeedKey(s: AnalysisSpeedSettings): string {
  return `analyse:${s.architecture}:${s.resolution}px:${s.backend}`;
}

/** A probe's steps as a measurement: images/s of training, the first (compiling) step as set-up. */
export function stepSpeedMeasurement(speed: StepSpeed, batch: number, at: number): SpeedMeasurement {
  return {
    imagesPerSecond: (1000 * batch) / speed.msPerStep,
    images: batch * speed.measuredSteps,
    setupSeconds: Math.max(0, speed.warmupMs - speed.msPerStep) / 1000,
    source: 'probe',
    at,
  };
}

/**
 * An analysis that ran from start to end in one go, as dataset images per second of the whole
 * analysis (compression, extraction, decoding): what an estimate for another dataset size needs.
 * Null when too small to say.
 */
export function analysisMeasurement(datasetImages: number, seconds: number, at: number): SpeedMeasurement | null {
  if (datasetImages < MIN_ANALYSIS_IMAGES || !(seconds > 0)) return null;
  return { imagesPerSecond: datasetImages / seconds, images: datasetImages, source: 'analysis', at };
}

export interface WorkTime {
  text: string;
  /** Seconds at the middle of the range, for sizing; null when nothing was measured. */
  seconds: number | null;
}

function describe(images: number, measurements: readonly SpeedMeasurement[], where: string): WorkTime {
  const range = timeRange(images, measurements);
  if (!range) return { text: `not measured on this machine yet (${where})`, seconds: null };
  const n = range.measurements;
  // A probe times bare steps: a real job adds data loading and validation, so say which it rests on.
  const probesOnly = measurements.every((m) => m.source === 'probe');
  const from = probesOnly ? `a probe of bare steps here` : `${n} measurement${n === 1 ? '' : 's'} here`;
  return { text: `about ${rangeText(range)} (${from}, ${where})`, seconds: (range.low + range.high) / 2 };
}

/** The time to train `epochs` passes over `trainingImages`, from the measurements at `s`. */
export function describeTrainingTime(
  s: TrainingSpeedSettings,
  trainingImages: number,
  epochs: number,
  measurements: readonly SpeedMeasurement[] = measurementsFor(trainingSpeedKey(s)),
): WorkTime {
  const where = `${s.architecture} at ${s.resolution} px, batch ${s.batchSize}, ${s.backend}`;
  return describe(trainingImages * epochs, measurements, where);
}

/** The time to analyse a dataset of `datasetImages`, from the measurements at `s`. */
export function describeAnalysisTime(
  s: AnalysisSpeedSettings,
  datasetImages: number,
  measurements: readonly SpeedMeasurement[] = measurementsFor(analysisSpeedKey(s)),
): WorkTime {
  return describe(datasetImages, measurements, `${s.architecture} at ${s.resolution} px, ${s.backend}`);
}
