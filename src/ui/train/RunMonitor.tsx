import { training } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { useTrainingLive } from '../../app/train/trainingLive';
import { formatEta } from '../../lib/jobs/progress';
import { progressSummary } from '../../lib/jobs/progressText';
import { ElsewhereNote } from '../jobs/ElsewhereNote';
import { checkpointPlace } from '../../pipeline/train/divergence';
import { LiveTrainingCurves } from './TrainingCurves';

/** Pause keeps the run resumable; Stop ends it with its weights so far (in another tab: asks that tab). */
function PauseStop({ running }: { running: boolean }) {
  return (
    <>
      <button type="button" onClick={training.runner.pause} disabled={!running}>
        Pause
      </button>{' '}
      <button type="button" onClick={training.runner.stop} disabled={!running}>
        Stop
      </button>
    </>
  );
}

/** The run being trained: progress, learning rate, speed, ETA, pause/stop and live curves. */
export function RunMonitor() {
  const active = useJobsStore((s) => s.active.train);
  const error = useJobsStore((s) => s.error.train);
  const live = useTrainingLive();
  if (!active) {
    return error ? (
      <p role="alert" className="error">
        Training stopped: {error}
      </p>
    ) : null;
  }
  const p = active.progress;
  // The live view (epoch, curves) is fed by this tab's own job; for another tab's, its progress only.
  if (active.elsewhere)
    return (
      <section aria-label="Training progress" className="run-monitor">
        <h3>Training “{active.name}” in another tab</h3>
        <ElsewhereNote job={active} />
        <progress aria-label="Training steps" max={p?.total ?? 1} value={p?.done ?? 0} />
        <p aria-live="polite">{p ? progressSummary(p) : 'Preparing data and model…'}</p>
        <PauseStop running={active.state === 'running'} />
      </section>
    );
  return (
    <section aria-label="Training progress" className="run-monitor">
      <h3>
        {active.state === 'starting'
          ? 'Starting'
          : active.state === 'pausing'
            ? 'Pausing'
            : active.state === 'stopping'
              ? 'Stopping'
              : 'Training'}{' '}
        “{active.name}”{live.backend ? ` on ${live.backend}` : ''}
      </h3>
      <progress aria-label="Training steps" max={p?.total ?? 1} value={p?.done ?? 0} />
      <p aria-live="polite">
        {p
          ? `Step ${p.done} / ${p.total} · epoch ${live.epoch + 1}, batch ${live.batch + 1} / ${live.batches}`
          : 'Preparing data and model…'}
        {live.learningRate !== null && ` · learning rate ${live.learningRate.toExponential(1)}`}
        {live.imagesPerSecond !== null && ` · ${live.imagesPerSecond.toFixed(1)} images/s`}
        {p && ` · ${formatEta(p.etaSeconds)} left`}
      </p>
      {live.resumed && (
        <p role="status" aria-label="Resumed">
          Resumed after {checkpointPlace(live.resumed)} (its last checkpoint), at epoch {live.resumed.epoch + 1}, batch{' '}
          {live.resumed.batch + 1}; the {live.resumed.points} batch points before are kept.
        </p>
      )}
      {live.slow && (
        <p role="status" aria-label="Slow training" className="warning">
          {live.slow}
        </p>
      )}
      {active.stalled && (
        <p role="status" className="warning">
          {active.stalled}
        </p>
      )}
      <PauseStop running={active.state === 'running'} />
      <LiveTrainingCurves epochs={live.epochs} batchesPerEpoch={Math.max(1, live.batches)} />
    </section>
  );
}
