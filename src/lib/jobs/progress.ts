/** Progress of a long job as the UI shows it: counts, speed and time left. */
export interface JobProgress {
  done: number;
  total: number;
  /** Items per second over the recent window (0 until time has passed). */
  rate: number;
  /** Seconds left at the current rate; null while the rate is unknown or zero. */
  etaSeconds: number | null;
  elapsedSeconds: number;
  message?: string;
  /** What `done` and `total` count ("parameter records", "steps", "images"); set by the app, not the meter. */
  unit?: string;
  /** Images one counted item stands for (3 per binocular record, a batch per step), so rates read in images/s. */
  imagesPerItem?: number;
}

export interface ProgressMeterOptions {
  /** At most one report per interval, besides the first, the final one and flush(). */
  intervalMs?: number;
  /** Rate is measured over roughly this much recent time, so a slow start does not skew the ETA. */
  windowMs?: number;
  /** Clock in milliseconds; injectable so tests can drive time. */
  now?: () => number;
}

interface Sample {
  time: number;
  done: number;
}

/**
 * Turns a stream of `update(done, total)` calls into throttled `JobProgress` reports.
 * Pure apart from the clock: it posts nothing itself.
 */
export class ProgressMeter {
  private readonly intervalMs: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly startTime: number;
  /** Baseline samples for the rate; recorded at each report, so memory stays ~windowMs / intervalMs. */
  private samples: Sample[] = [];
  private lastReportTime: number | null = null;
  private unreported: JobProgress | null = null;

  constructor(options: ProgressMeterOptions = {}) {
    this.intervalMs = options.intervalMs ?? 200;
    this.windowMs = options.windowMs ?? 5000;
    this.now = options.now ?? (() => performance.now());
    this.startTime = this.now();
  }

  /** Records the state; returns a report when one is due, else null (kept for flush). */
  update(done: number, total: number, message?: string): JobProgress | null {
    const time = this.now();
    // The first update is the rate's baseline, so a job resuming at done > 0 is not credited for old work.
    if (this.samples.length === 0) this.samples.push({ time, done });
    const progress = this.measure(time, done, total, message);
    const due = this.lastReportTime === null || done >= total || time - this.lastReportTime >= this.intervalMs;
    if (!due) {
      this.unreported = progress;
      return null;
    }
    this.report(time, done);
    return progress;
  }

  /** The latest state not yet reported, if any (e.g. before the job's result is sent). */
  flush(): JobProgress | null {
    const progress = this.unreported;
    if (progress !== null) this.report(this.now(), progress.done);
    return progress;
  }

  private report(time: number, done: number): void {
    this.lastReportTime = time;
    this.unreported = null;
    this.samples.push({ time, done });
    // Keep the newest sample at least windowMs old as the baseline; drop the older ones.
    while (this.samples.length > 1 && time - (this.samples[1]?.time ?? time) >= this.windowMs) {
      this.samples.shift();
    }
  }

  private measure(time: number, done: number, total: number, message?: string): JobProgress {
    const base = this.samples[0] ?? { time, done };
    const seconds = (time - base.time) / 1000;
    const rate = seconds > 0 ? Math.max(0, done - base.done) / seconds : 0;
    const left = Math.max(0, total - done);
    const etaSeconds = left === 0 ? 0 : rate > 0 && Number.isFinite(left) ? left / rate : null;
    const progress: JobProgress = {
      done,
      total,
      rate,
      etaSeconds,
      elapsedSeconds: (time - this.startTime) / 1000,
    };
    if (message !== undefined) progress.message = message;
    return progress;
  }
}

/** "42 s", "3 min 05 s", "2 h 05 min"; an em dash while unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "25.0 images/s"; precision shrinks as the number grows; an em dash while unknown. */
export function formatRate(rate: number, unit = 'items'): string {
  if (!(rate > 0) || !Number.isFinite(rate)) return '—';
  const value = rate >= 100 ? rate.toFixed(0) : rate >= 1 ? rate.toFixed(1) : rate.toPrecision(2);
  return `${value} ${unit}/s`;
}
