import type { JobProgress } from '../../lib/jobs/progress';
import { formatEta, formatRate } from '../../lib/jobs/progress';

/** A running job's bar: done / total, rate, ETA and a cancel button. */
export function JobProgressView({
  label,
  unit,
  progress,
  onCancel,
}: {
  label: string;
  unit: string;
  progress: JobProgress | null;
  onCancel: () => void;
}) {
  return (
    <div role="group" aria-label={label} className="job-progress">
      <progress aria-label={label} max={progress?.total ?? 1} value={progress?.done ?? 0} />
      <span aria-live="polite">
        {progress
          ? `${progress.done} / ${progress.total} ${unit} · ${formatRate(progress.rate, unit)} · ${formatEta(progress.etaSeconds)} left`
          : 'Starting…'}
      </span>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
