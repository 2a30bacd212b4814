import { useTrainingStore } from '../../app/trainingStore';
import { formatEta } from '../../lib/jobs/progress';
import { pauseTraining, stopTraining } from '../../app/jobs/trainRunner';
import { LiveTrainingCurves } from './TrainingCurves';

/** The run being trained: progress, learning rate, speed, ETA, pause/stop and live curves. */
export function RunMonitor() {
  const active = useTrainingStore((s) => s.active);
  const error = useTrainingStore((s) => s.error);
  if (!active) {
    return error ? (
      <p role="alert" className="error">
        Training stopped: {error}
      </p>
    ) : null;
  }
  const p = active.progress;
  return (
    <section aria-label="Training progress" className="run-monitor">
      <h3>
        {active.state === 'starting' ? 'Starting' : active.state === 'pausing' ? 'Pausing' : active.state === 'stopping' ? 'Stopping' : 'Training'} “{active.name}”
        {active.backend ? ` on ${active.backend}` : ''}
      </h3>
      <progress aria-label="Training steps" max={p?.total ?? 1} value={p?.done ?? 0} />
      <p aria-live="polite">
        {p ? `Step ${p.done} / ${p.total} · epoch ${active.epoch + 1}, batch ${active.batch + 1} / ${active.batches}` : 'Preparing data and model…'}
        {active.learningRate !== null && ` · learning rate ${active.learningRate.toExponential(1)}`}
        {active.imagesPerSecond !== null && ` · ${active.imagesPerSecond.toFixed(1)} images/s`}
        {p && ` · ${formatEta(p.etaSeconds)} left`}
      </p>
      <button type="button" onClick={pauseTraining} disabled={active.state !== 'training'}>
        Pause
      </button>{' '}
      <button type="button" onClick={stopTraining} disabled={active.state !== 'training'}>
        Stop
      </button>
      <LiveTrainingCurves epochs={active.epochs} batchesPerEpoch={Math.max(1, active.batches)} />
    </section>
  );
}
