import { useTrainingStore } from '../../app/trainingStore';
import { ModelImport } from './ModelImport';
import { RunList } from './RunList';
import { RunMonitor } from './RunMonitor';
import { TrainForm } from './TrainForm';
import { startTraining } from '../../app/jobs/trainRunner';

export function TrainTab() {
  const busy = useTrainingStore((s) => s.active !== null);
  return (
    <div className="train-tab">
      <section aria-labelledby="train-title">
        <h2 id="train-title">Train</h2>
        <p>
          A CNN trained in a worker on one or several generative targets. Every epoch is checkpointed in this browser; a reload or a crash
          resumes from the last checkpoint, a pause from the batch it stopped at.
        </p>
        <TrainForm busy={busy} onStart={(config, backend) => void startTraining(config, backend)} />
      </section>
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <RunMonitor />
        <RunList />
        <ModelImport />
      </section>
    </div>
  );
}
