/**
 * How fast this machine generates datasets, remembered per setting that changes the cost of an
 * image (face model, resolution, render scale, background, binocular, format): the last few
 * measurements of each, from the speed probe and from real generations. Estimates read a time
 * range from them rather than a fixed guess. Tiny, so localStorage; absent (Node, workers) it
 * remembers nothing.
 */
import { formatEta, type JobProgress } from '../lib/jobs/progress';
import { faceModelOf, type GeneratorSpec } from '../model/gmf/generatorSpec';

export type SpeedSettings = Pick<
  GeneratorSpec,
  'faceModel' | 'resolution' | 'renderScale' | 'addBackground' | 'binocular' | 'format'
>;

export interface SpeedMeasurement {
  imagesPerSecond: number;
  /** Images it was measured over. */
  images: number;
  /** One-off cost before the first image (model and pipeline build), where measured. */
  setupSeconds?: number;
  source: 'probe' | 'generation';
  /** Date.now() when it was measured. */
  at: number;
}

/** Measurements kept per key: enough for a spread, few enough to follow a changed machine. */
export const KEPT_PER_KEY = 5;
/** A generation shorter than this is mostly start-up noise, so it is not remembered. */
export const MIN_GENERATION_IMAGES = 20;
/** A rate measured once varies with the machine's load: ranges reach this factor either side of the measured rates. */
export const RATE_SPREAD = 1.25;

const STORAGE_KEY = 'gmf-workbench:generation-speed';

export type SpeedStore = Record<string, SpeedMeasurement[]>;
type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export function speedKey(spec: SpeedSettings): string {
  const model = faceModelOf({ faceModel: spec.faceModel }).id;
  const scene = `${spec.addBackground ? 'background' : 'plain'}:${spec.binocular ? 'binocular' : 'mono'}`;
  return `${model}:${spec.resolution}px:x${spec.renderScale}:${scene}:${spec.format}`;
}

/** `list` with `m` appended, the oldest dropped beyond KEPT_PER_KEY. */
export function withMeasurement(list: readonly SpeedMeasurement[], m: SpeedMeasurement): SpeedMeasurement[] {
  return [...list, m].slice(-KEPT_PER_KEY);
}

export interface TimeRange {
  /** Seconds at the fastest measured rate, a little faster still, and nothing to build. */
  low: number;
  /** Seconds at the slowest measured rate, a little slower still, plus the longest measured build. */
  high: number;
  measurements: number;
}

/** The time `images` take at these measurements' rates; null without a usable measurement. */
export function timeRange(images: number, measurements: readonly SpeedMeasurement[]): TimeRange | null {
  const usable = measurements.filter((m) => Number.isFinite(m.imagesPerSecond) && m.imagesPerSecond > 0);
  if (usable.length === 0) return null;
  const rates = usable.map((m) => m.imagesPerSecond);
  const setup = Math.max(0, ...usable.map((m) => m.setupSeconds ?? 0));
  return {
    low: images / (Math.max(...rates) * RATE_SPREAD),
    high: (images * RATE_SPREAD) / Math.min(...rates) + setup,
    measurements: usable.length,
  };
}

/**
 * A finished (or long enough) generation's rate: images since its first progress report (so a
 * resumed run is not credited for stored ones, and the pipeline build is left out) over the time
 * between the reports. Null when too short to say.
 */
export function generationMeasurement(first: JobProgress, last: JobProgress, at: number): SpeedMeasurement | null {
  const images = (last.done - first.done) * (last.imagesPerItem ?? 1);
  const seconds = last.elapsedSeconds - first.elapsedSeconds;
  if (images < MIN_GENERATION_IMAGES || !(seconds > 0)) return null;
  return { imagesPerSecond: images / seconds, images, source: 'generation', at };
}

function isMeasurement(value: unknown): value is SpeedMeasurement {
  const m = value as Partial<SpeedMeasurement> | null;
  return (
    typeof m?.imagesPerSecond === 'number' &&
    typeof m.images === 'number' &&
    typeof m.at === 'number' &&
    (m.source === 'probe' || m.source === 'generation') &&
    (m.setupSeconds === undefined || typeof m.setupSeconds === 'number')
  );
}

function defaultStorage(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

/** Everything remembered; whatever does not parse is forgotten rather than trusted. */
export function loadSpeeds(storage: Pick<Storage, 'getItem'> | null = defaultStorage()): SpeedStore {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return {};
    const store: SpeedStore = {};
    for (const [key, list] of Object.entries(raw)) {
      if (Array.isArray(list)) store[key] = list.filter(isMeasurement).slice(-KEPT_PER_KEY);
    }
    return store;
  } catch {
    return {};
  }
}

const listeners = new Set<() => void>();
let version = 0;

/** Grows with every recorded measurement: a snapshot for useSyncExternalStore. */
export function speedsVersion(): number {
  return version;
}

/** Calls `listener` after every recorded measurement (the estimate redraws); returns the unsubscribe. */
export function subscribeSpeeds(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function recordSpeed(
  spec: SpeedSettings,
  m: SpeedMeasurement,
  storage: Storage | null = defaultStorage(),
): void {
  if (!storage) return;
  const store = loadSpeeds(storage);
  const key = speedKey(spec);
  store[key] = withMeasurement(store[key] ?? [], m);
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(store));
  } catch {
    return; // Storage full or refused: the estimate stays a guess, nothing else depends on it.
  }
  version++;
  for (const listener of listeners) listener();
}

/** The measurements remembered for `spec`'s settings, oldest first. */
export function speedsFor(
  spec: SpeedSettings,
  storage: Pick<Storage, 'getItem'> | null = defaultStorage(),
): SpeedMeasurement[] {
  return loadSpeeds(storage)[speedKey(spec)] ?? [];
}

/** A duration as a person would say it: a range's ends need no seconds past the first minute. */
export function roughDuration(seconds: number): string {
  if (seconds < 59.5) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3570) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
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
  const [low, high] = [roughDuration(range.low), roughDuration(range.high)];
  const n = range.measurements;
  const where = `${n} measurement${n === 1 ? '' : 's'} here at ${spec.resolution} px, render scale ${spec.renderScale}`;
  return { text: `about ${low === high ? low : `${low} – ${high}`}, from ${where}`, measured: true };
}
