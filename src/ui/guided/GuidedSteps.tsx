import { useJobsStore } from '../../app/jobs/jobsStore';
import { leaveGuided, resumeGuided, retryGuided, useGuidedStore } from '../../app/guided/guidedExperiment';
import { formatEta } from '../../lib/jobs/progress';
import { progressSummary } from '../../lib/jobs/progressText';
import { GUIDED_STAGES, type GuidedStage, stageOf } from '../../pipeline/guided/firstExperiment';
import type { TabId } from '../routing';
import { useHashRoute } from '../useHashRoute';

const STEPS: Record<GuidedStage, { title: string; tab: TabId; why: string }> = {
  generate: {
    title: 'Generate the dataset',
    tab: 'dataset',
    why: 'Faces rendered from the face model, each identity in many poses, lights and expressions, with every generative parameter stored.',
  },
  split: {
    title: 'Split the identities',
    tab: 'dataset',
    why: 'Half the identities train the network, a quarter validate it, a quarter are held out for decoding.',
  },
  train: {
    title: 'Train ResNet-6 on identity',
    tab: 'train',
    why: 'The network learns to tell the training identities apart, as in the original’s worked example.',
  },
  analyse: {
    title: 'Analyse every layer',
    tab: 'analyze',
    why: 'Each layer’s activations are compressed with PCA, then every generative factor is decoded from them.',
  },
  results: {
    title: 'Read the layerwise curves',
    tab: 'results',
    why: 'How well each factor can be read out at each layer: what the network inverted, and where.',
  },
};

const KIND = { generate: 'generate', train: 'train', analyse: 'analyze' } as const;

/** The running flow: each step with its state, what it does, and a way to its tab. */
export function GuidedSteps() {
  const plan = useGuidedStore((s) => s.plan);
  const action = useGuidedStore((s) => s.action);
  const error = useGuidedStore((s) => s.error);
  const active = useJobsStore((s) => s.active);
  const [, navigate] = useHashRoute();
  if (!plan) return null;
  const current = action ? GUIDED_STAGES.indexOf(stageOf(action)) : 0;
  const done = action?.type === 'done';
  return (
    <section aria-label="Guided first experiment" className="guided-steps">
      <p>
        “{plan.datasetName}”: {plan.size.identities} identities × {plan.size.variations} variations at{' '}
        {plan.size.resolution} px, {plan.size.epochs} epochs.
      </p>
      <ol>
        {GUIDED_STAGES.map((stage, i) => {
          const step = STEPS[stage];
          const state =
            done || i < current ? 'done' : i === current ? (action?.type === 'held' ? 'held' : 'current') : 'pending';
          const kind = stage === 'generate' || stage === 'train' || stage === 'analyse' ? KIND[stage] : null;
          const job = kind ? active[kind] : null;
          return (
            <li
              key={stage}
              className={`guided-step guided-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <strong>{step.title}</strong>{' '}
              <span className="guided-state">
                {state === 'done'
                  ? '✓ done'
                  : state === 'held'
                    ? 'on hold'
                    : state === 'current'
                      ? 'in progress'
                      : 'next'}
              </span>
              <p className="note">{step.why}</p>
              {state === 'current' && job?.progress && (
                <p aria-live="polite" className="note">
                  {progressSummary(job.progress)} · {formatEta(job.progress.etaSeconds)} left
                </p>
              )}
              {state === 'held' && action?.type === 'held' && (
                <p role="status" className="warning">
                  {action.reason}{' '}
                  <button type="button" onClick={() => void resumeGuided()}>
                    Resume
                  </button>
                </p>
              )}
              {(state === 'current' || state === 'held' || (done && stage === 'results')) && (
                <button
                  type="button"
                  onClick={() => {
                    navigate(step.tab);
                  }}
                >
                  Go to the {step.tab === 'analyze' ? 'Analyze' : step.tab.charAt(0).toUpperCase() + step.tab.slice(1)}{' '}
                  tab
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {error && (
        <p role="alert" className="error">
          {error}{' '}
          <button type="button" onClick={() => void retryGuided()}>
            Retry
          </button>
        </p>
      )}
      <button type="button" onClick={leaveGuided}>
        {done ? 'Close the guided experiment' : 'Leave the guided experiment (its jobs keep their state)'}
      </button>
    </section>
  );
}
