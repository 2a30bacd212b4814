/**
 * The setup of a new guided experiment: every choice explained in one sentence, and the time of
 * each step shown before starting, from what was measured on this machine (a probe or real
 * jobs at the same settings). "Size to this machine" probes rendering and training, then fits
 * the identities to a few minutes for the whole flow.
 */
import { useState, useSyncExternalStore } from 'react';
import { backendForJob } from '../../app/compute';
import { describeGenerationTime, speedsFor } from '../../app/generationSpeed';
import { startGuided } from '../../app/guided/guidedExperiment';
import { measurementsFor, speedsVersion, subscribeSpeeds, typicalRate } from '../../app/speedMemory';
import { probeGenerationSpeed, probeTrainingSpeed } from '../../app/speedProbe';
import { useWorkbenchStore } from '../../app/workbenchStore';
import { faceJobs } from '../../app/workers/faceClient';
import { trainJobs } from '../../app/workers/trainClient';
import {
  analysisSpeedKey,
  describeAnalysisTime,
  describeTrainingTime,
  trainingSpeedKey,
  type TrainingSpeedSettings,
} from '../../app/workSpeed';
import { estimateGeneration } from '../../pipeline/generate/estimate';
import {
  DEFAULT_SIZE,
  FIRST_EXPERIMENT_ARCHITECTURE,
  FIRST_EXPERIMENT_BATCH,
  type FirstExperimentSize,
  firstExperimentSpec,
  firstExperimentSplit,
  sizeForSpeed,
  sizeIssues,
} from '../../pipeline/guided/firstExperiment';
import { NumberField } from '../forms/formFields';

/** How long the whole sized flow should take: minutes, so it stays a coffee break. */
const FLOW_BUDGET_S = 300;

const plan = (size: FirstExperimentSize) => ({
  size,
  datasetName: 'first experiment',
  runName: 'first experiment run',
  startedAt: 0,
});

/** Training's settings at `size` on `backend`. */
function trainingSettings(size: FirstExperimentSize, backend: TrainingSpeedSettings['backend']): TrainingSpeedSettings {
  return {
    architecture: FIRST_EXPERIMENT_ARCHITECTURE,
    resolution: size.resolution,
    batchSize: FIRST_EXPERIMENT_BATCH,
    backend,
  };
}

/** Each step's time, as a list a reader scans. */
function StepTimes({ size }: { size: FirstExperimentSize }) {
  useSyncExternalStore(subscribeSpeeds, speedsVersion);
  const compute = useWorkbenchStore((s) => s.compute);
  const spec = firstExperimentSpec(plan(size));
  const estimate = estimateGeneration(spec);
  const split = firstExperimentSplit(size.identities);
  const trainingImages = split.training * size.variations;
  const settings = compute.state === 'ready' ? trainingSettings(size, compute.report.backend) : null;
  const unchosen = 'not measured yet: the compute backend is chosen when the first job starts';
  const generation = describeGenerationTime(spec, estimate, speedsFor(spec));
  const training = settings ? describeTrainingTime(settings, trainingImages, size.epochs).text : unchosen;
  const analysis = settings ? describeAnalysisTime(settings, estimate.images).text : unchosen;
  return (
    <ul className="guided-times" aria-label="First experiment estimate">
      <li>
        Generating {estimate.images.toLocaleString('en')} images: {generation.text}.
      </li>
      <li>
        Training ResNet-6 for {size.epochs} epoch{size.epochs === 1 ? '' : 's'} over{' '}
        {trainingImages.toLocaleString('en')} images: {training}.
      </li>
      <li>
        Analysing every layer over {estimate.images.toLocaleString('en')} images: {analysis}.
      </li>
    </ul>
  );
}

export function GuidedSetup({ onStarted }: { onStarted?: () => void }) {
  const [size, setSize] = useState<FirstExperimentSize>(DEFAULT_SIZE);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [measuring, setMeasuring] = useState<string | null>(null);
  const issues = new Map(sizeIssues(size).map((i) => [i.field, i.message]));
  const set = (patch: Partial<FirstExperimentSize>) => {
    setSize((s) => ({ ...s, ...patch }));
  };
  /** Renders a few faces, times a few training steps, then sizes the identities to about 5 minutes in all. */
  const sizeToMachine = async () => {
    setError(null);
    try {
      const spec = firstExperimentSpec(plan(size));
      setMeasuring('Rendering a few faces…');
      await probeGenerationSpeed(spec, { face: faceJobs });
      setMeasuring('Timing a few training steps…');
      const backend = await backendForJob(useWorkbenchStore.getState().preferences.backend);
      const settings = trainingSettings(size, backend);
      const classes = firstExperimentSplit(size.identities).training;
      await probeTrainingSpeed({ ...settings, classes }, { train: trainJobs });
      const rates = {
        generate: typicalRate(speedsFor(spec)) ?? 0,
        train: typicalRate(measurementsFor(trainingSpeedKey(settings))),
        analyse: typicalRate(measurementsFor(analysisSpeedKey(settings))),
      };
      setSize((s) => sizeForSpeed(s, rates, FLOW_BUDGET_S));
    } catch (err: unknown) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setMeasuring(null);
    }
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
      {issues.size === 0 && (
        <div className="note">
          <StepTimes size={size} />
          <p>
            Each step shows in its tab as it runs, with its own Pause.{' '}
            <button type="button" disabled={measuring !== null} onClick={() => void sizeToMachine()}>
              {measuring ?? 'Size to this machine'}
            </button>
          </p>
        </div>
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
