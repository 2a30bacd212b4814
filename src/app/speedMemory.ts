/**
 * How fast this machine does a kind of work, remembered per setting that changes its cost: the
 * last few measurements under each key (probes and real jobs), in images/s. Estimates read a time
 * range from them rather than a fixed guess. Generation (generationSpeed.ts) and training and
 * analysis (workSpeed.ts) each make their own keys. Tiny, so localStorage; absent (Node,
 * workers) it remembers nothing.
 */
import type { JobProgress } from '../lib/jobs/progress';

export interface SpeedMeasurement {
  imagesPerSecond: number;
  /** Images it was measured over. */
  images: number;
  /** One-off cost before the first image (model and pipeline build), where measured. */
  setupSeconds?: number;
  /** A short probe, or the real job that ran at these settings. */
  source: 'probe' | 'generation' | 'training' | 'analysis';
  /** Date.now() when it was measured. */
  at: number;
}

const SOURCES: readonly SpeedMeasurement['source'][] = ['probe', 'generation', 'training', 'analysis'];

/** Measurements kept per key: enough for a spread, few enough to follow a changed machine. */
export const KEPT_PER_KEY = 5;
/** A rate measured once varies with the machine's load: ranges reach this factor either side of the measured rates. */
export const RATE_SPREAD = 1.25;

// The first key held generation speeds only; its name stays so that a second visit keeps them.
const STORAGE_KEY = 'gmf-workbench:generation-speed';

export type SpeedStore = Record<string, SpeedMeasurement[]>;
export type SpeedStorage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

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
 * A job's rate from its progress reports: images since the first report (so a resumed job is not
 * credited for stored work, and its start-up is left out) over the time between the reports.
 * Null below `minImages` images, mostly start-up noise.
 */
export function progressMeasurement(
  first: JobProgress,
  last: JobProgress,
  at: number,
  source: SpeedMeasurement['source'],
  minImages: number,
): SpeedMeasurement | null {
  const images = (last.done - first.done) * (last.imagesPerItem ?? 1);
  const seconds = last.elapsedSeconds - first.elapsedSeconds;
  if (images < minImages || !(seconds > 0)) return null;
  return { imagesPerSecond: images / seconds, images, source, at };
}

function isMeasurement(value: unknown): value is SpeedMeasurement {
  const m = value as Partial<SpeedMeasurement> | null;
  return (
    typeof m?.imagesPerSecond === 'number' &&
    typeof m.images === 'number' &&
    typeof m.at === 'number' &&
    (SOURCES as readonly unknown[]).includes(m.source) &&
    (m.setupSeconds === undefined || typeof m.setupSeconds === 'number')
  );
}

function defaultStorage(): SpeedStorage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

/** Everything remembered; whatever does not parse is forgotten rather than trusted. */
export function loadSpeeds(storage: Pick<SpeedStorage, 'getItem'> | null = defaultStorage()): SpeedStore {
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

/** Calls `listener` after every recorded measurement (estimates redraw); returns the unsubscribe. */
export function subscribeSpeeds(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Remembers `m` under `key`. */
export function recordMeasurement(
  key: string,
  m: SpeedMeasurement,
  storage: SpeedStorage | null = defaultStorage(),
): void {
  if (!storage) return;
  const store = loadSpeeds(storage);
  store[key] = withMeasurement(store[key] ?? [], m);
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(store));
  } catch {
    return; // Storage full or refused: the estimate stays a guess, nothing else depends on it.
  }
  version++;
  for (const listener of listeners) listener();
}

/** The measurements remembered under `key`, oldest first. */
export function measurementsFor(
  key: string,
  storage: Pick<SpeedStorage, 'getItem'> | null = defaultStorage(),
): SpeedMeasurement[] {
  return loadSpeeds(storage)[key] ?? [];
}

/** A duration as a person would say it: a range's ends need no seconds past the first minute. */
export function roughDuration(seconds: number): string {
  if (seconds < 59.5) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3570) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A range in words: "10 s – 15 s", or one duration when both ends round alike. */
export function rangeText(range: Pick<TimeRange, 'low' | 'high'>): string {
  const [low, high] = [roughDuration(range.low), roughDuration(range.high)];
  return low === high ? low : `${low} – ${high}`;
}

/** The median of the usable measured rates, for sizing work to a time; null without one. */
export function typicalRate(measurements: readonly SpeedMeasurement[]): number | null {
  const rates = measurements
    .map((m) => m.imagesPerSecond)
    .filter((r) => Number.isFinite(r) && r > 0)
    .sort((a, b) => a - b);
  if (rates.length === 0) return null;
  const mid = Math.floor(rates.length / 2);
  return rates.length % 2 === 1 ? (rates[mid] ?? null) : ((rates[mid - 1] ?? 0) + (rates[mid] ?? 0)) / 2;
}
