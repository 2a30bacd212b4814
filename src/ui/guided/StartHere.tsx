import { useGuidedStore } from '../../app/guided/guidedExperiment';
import { GuidedSetup } from './GuidedSetup';
import { GuidedSteps } from './GuidedSteps';
import './StartHere.css';

/**
 * The guided first experiment: the original's worked example at browser scale in one flow.
 * Set up while none runs; its steps and their state once started.
 */
export function StartHere({ onStarted }: { onStarted?: () => void }) {
  const plan = useGuidedStore((s) => s.plan);
  return (
    <div className="start-here">
      <p>
        Generate faces, train a network to recognise them, then see which generative factors each of its layers carries:
        the original pipeline’s worked example, sized for this browser. Every step runs as an ordinary job you can
        watch, pause and change afterwards.
      </p>
      {plan ? <GuidedSteps /> : <GuidedSetup onStarted={onStarted} />}
    </div>
  );
}
