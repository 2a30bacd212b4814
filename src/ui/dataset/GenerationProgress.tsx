import { generation } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { progressSummary } from '../../lib/jobs/progressText';
import { ElsewhereNote } from '../jobs/ElsewhereNote';

/** The running generation: images done / total, rate, ETA, cancel. */
export function GenerationProgress() {
  const run = useJobsStore((s) => s.active.generate);
  const error = useJobsStore((s) => s.error.generate);
  if (!run) {
    return error ? (
      <p role="alert" className="error">
        Generation stopped: {error}
      </p>
    ) : null;
  }
  const p = run.progress;
  return (
    <section aria-label="Generation progress" className="generation-progress">
      <h3>
        {run.resumed ? 'Resuming' : 'Generating'} “{run.name}”{run.elsewhere && ' in another tab'}
      </h3>
      <ElsewhereNote job={run} />
      <progress aria-label="Images generated" max={p?.total ?? 1} value={p?.done ?? 0} />
      <p aria-live="polite">{p ? progressSummary(p) : 'Starting the face model…'}</p>
      {run.stalled && (
        <p role="status" className="warning">
          {run.stalled}
        </p>
      )}
      <button type="button" onClick={generation.runner.pause}>
        Cancel
      </button>
    </section>
  );
}
