import { useState, useSyncExternalStore } from 'react';
import { describeGenerationTime, speedsFor, speedsVersion, subscribeSpeeds } from '../../app/generationSpeed';
import { probeGenerationSpeed } from '../../app/speedProbe';
import { faceJobs } from '../../app/workers/faceClient';
import { startGuided, useGuidedStore } from '../../app/guided/guidedExperiment';
import { estimateGeneration } from '../../pipeline/generate/estimate';
import {
  DEFAULT_SIZE,
  type FirstExperimentSize,
  firstExperimentSpec,
  firstExperimentSplit,
  sizeForSpeed,
  sizeIssues,
} from '../../pipeline/guided/firstExperiment';
import { NumberField } from '../forms/formFields';
import { GuidedSteps } from './GuidedSteps';
import './StartHere.css';

/** How long the sized generation should take: minutes, so the whole flow stays a coffee break. */
const GENERATION_BUDGET_S = 180;

/** The setup of a new flow: every choice explained in one sentence, the time shown before starting. */
function GuidedSetup({ onStarted }: { onStarted?: () => void }) {
  const [size, setSize] = useState<FirstExperimentSize>(DEFAULT_SIZE);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const issues = new Map(sizeIssues(size).map((i) => [i.field, i.message]));
  const set = (patch: Partial<FirstExperimentSize>) => {
    setSize((s) => ({ ...s, ...patch }));
  };
  const [measuring, setMeasuring] = useState(false);
  useSyncExternalStore(subscribeSpeeds, speedsVersion);
  const plan = { size, datasetName: 'first experiment', runName: 'first experiment run', startedAt: 0 };
  const spec = firstExperimentSpec(plan);
  const estimate = issues.size === 0 ? estimateGeneration(spec) : null;
  const time = estimate ? describeGenerationTime(spec, estimate, speedsFor(spec)) : null;
  /** Renders a few faces at these settings, then sizes the identities to about 3 minutes of generation. */
  const sizeToMachine = () => {
    setMeasuring(true);
    setError(null);
    probeGenerationSpeed(spec, { face: faceJobs }).then(
      (m) => {
        setMeasuring(false);
        setSize((s) => sizeForSpeed(s, m.imagesPerSecond, GENERATION_BUDGET_S));
      },
      (err: unknown) => {
        setMeasuring(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };
  const split = firstExperimentSplit(size.identities);
  return (
    <form
      aria-label="Set up the first experiment"
      onSubmit={(e) => {
        e.preventDefault();
        if (issues.size > 0) return;
        setStarting(true);
        setError(null);
        startGuided(size).then(
          () => {
            setStarting(false);
            onStarted?.();
          },
          (err: unknown) => {
            setStarting(false);
            setError(err instanceof Error ? err.message : String(err));
          },
        );
      }}
    >
      <NumberField
        label="Identities"
        field="identities"
        value={size.identities}
        unit="faces"
        help={`Different people: ${split.training} train the network, ${split.validation} validate it, ${split.testing} are decoded.`}
        issues={issues}
        onChange={(identities) => {
          set({ identities });
        }}
      />
      <NumberField
        label="Variations per identity"
        field="variations"
        value={size.variations}
        unit="images"
        help="Each identity in this many random poses, lights, expressions and backgrounds."
        issues={issues}
        onChange={(variations) => {
          set({ variations });
        }}
      />
      <NumberField
        label="Resolution"
        field="resolution"
        value={size.resolution}
        unit="pixels"
        help="Image width and height; 64 px keeps every step to minutes on a laptop."
        issues={issues}
        onChange={(resolution) => {
          set({ resolution });
        }}
      />
      <NumberField
        label="Epochs"
        field="epochs"
        value={size.epochs}
        unit="passes"
        help="Passes of ResNet-6 over the training images, learning to tell the identities apart."
        issues={issues}
        onChange={(epochs) => {
          set({ epochs });
        }}
      />
      {estimate && time && (
        <p className="note" aria-label="First experiment estimate">
          {estimate.images.toLocaleString('en')} images; generating them takes {time.text}. Then training and the
          analysis, each shown in its tab as it runs, with its own Pause.{' '}
          <button type="button" disabled={measuring} onClick={sizeToMachine}>
            {measuring ? 'Measuring this machine…' : 'Size to this machine'}
          </button>
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={issues.size > 0 || starting}>
          Start the first experiment
        </button>
      </div>
    </form>
  );
}

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
