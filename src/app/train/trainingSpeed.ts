/**
 * Whether the watched run has become slow: its recent speed (an exponential moving average of
 * images/s, weight 0.2) against the best such average it reached since it (re)started. The
 * first batches are slow anyway (kernels compile, caches fill), so the best, not the first,
 * speed is the reference; below half of it, the monitor says so and why it may be.
 */
const WEIGHT = 0.2;
/** Batches before the average means anything. */
const WARMUP = 5;
export const SLOW_FRACTION = 0.5;

export interface SpeedTrack {
  batches: number;
  average: number;
  best: number;
}

export const NO_SPEED: SpeedTrack = { batches: 0, average: 0, best: 0 };

export function trackSpeed(track: SpeedTrack, imagesPerSecond: number): SpeedTrack {
  if (!Number.isFinite(imagesPerSecond) || imagesPerSecond <= 0) return track;
  const batches = track.batches + 1;
  const average = batches === 1 ? imagesPerSecond : WEIGHT * imagesPerSecond + (1 - WEIGHT) * track.average;
  return { batches, average, best: batches >= WARMUP ? Math.max(track.best, average) : 0 };
}

/** The monitor's note when the run is slower than it was, or null. */
export function slowNote(track: SpeedTrack): string | null {
  if (track.batches < WARMUP || track.best <= 0 || track.average >= SLOW_FRACTION * track.best) return null;
  const share = Math.round((100 * track.average) / track.best);
  return `Training is slower than earlier in this run: ${track.average.toFixed(1)} images/s, ${share} % of its best ${track.best.toFixed(1)}. Another tab or program may be using the processor; it keeps going.`;
}
