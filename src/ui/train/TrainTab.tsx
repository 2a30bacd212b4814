import { training } from '../../app/jobs';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { ExperimentOpen } from './ExperimentOpen';
import { ModelImport } from './ModelImport';
import { RunList } from './RunList';
import { RunMonitor } from './RunMonitor';
import { TrainForm } from './TrainForm';

export function TrainTab() {
  const busy = useJobsStore((s) => s.active.train !== null);
  return (
    <div className="train-tab">
      <section aria-labelledby="train-title">
        <h2 id="train-title">Train</h2>
        <p>
          A CNN trained in a worker on one or several generative targets. It is checkpointed in this browser as it
          trains, within epochs too (at most about 20 s apart); a reload or a crash resumes from the last checkpoint, a
          pause from the batch it stopped at.
        </p>
        <TrainForm busy={busy} onStart={(config, backend, seeds) => void training.start(config, backend, seeds)} />
      </section>
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <RunMonitor />
        <RunList />
        <ModelImport />
        <ExperimentOpen />
      </section>
    </div>
  );
}
