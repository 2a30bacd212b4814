import { useGenerationStore } from '../../app/generationStore';
import { formatEta, formatRate } from '../../lib/jobs/progress';
import { cancelGeneration } from '../../app/jobs/generationRunner';

/** The running generation: images done / total, rate, ETA, cancel. */
export function GenerationProgress() {
  const run = useGenerationStore((s) => s.run);
  const error = useGenerationStore((s) => s.error);
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
        {run.resumed ? 'Resuming' : 'Generating'} “{run.name}”
      </h3>
      <progress aria-label="Images generated" max={p?.total ?? 1} value={p?.done ?? 0} />
      <p aria-live="polite">
        {p ? `${p.done} / ${p.total} parameter records · ${formatRate(p.rate, 'records')} · ${formatEta(p.etaSeconds)} left` : 'Starting the face model…'}
      </p>
      <button type="button" onClick={cancelGeneration}>
        Cancel
      </button>
    </section>
  );
}
