/**
 * Speed probes, their results remembered for estimates. "Measure speed": the face worker times a
 * few records of a spec (pipeline/generate/measureSpeed; generationSpeed.ts). The training probe:
 * the train worker times a few steps (pipeline/train/stepSpeed; workSpeed.ts). Each is refused
 * while its kind of job runs, in this tab or another: both would slow, and the number be wrong.
 */
import { GmfError } from '../lib/errors';
import type { JobClient } from '../lib/jobs/client';
import type { GeneratorSpec } from '../model/gmf/generatorSpec';
import type { FaceJobs } from '../pipeline/generate/faceJobs';
import { recordSpeed } from './generationSpeed';
import { recordMeasurement, type SpeedMeasurement } from './speedMemory';
import type { TrainJobs } from '../pipeline/train/jobs';
import { stepSpeedMeasurement, trainingSpeedKey, type TrainingSpeedSettings } from './workSpeed';
import { useJobsStore } from './jobs/jobsStore';

export interface SpeedProbeDeps {
  face: JobClient<FaceJobs>;
  /** Whether a generation runs now (default: the jobs store's). */
  generating?: () => boolean;
  record?: (spec: GeneratorSpec, measurement: SpeedMeasurement) => void;
}

const generationRuns = (): boolean => useJobsStore.getState().active.generate !== null;

export async function probeGenerationSpeed(
  spec: GeneratorSpec,
  deps: SpeedProbeDeps,
  signal?: AbortSignal,
): Promise<SpeedMeasurement> {
  const { face, generating = generationRuns, record = recordSpeed } = deps;
  if (generating())
    throw new GmfError(
      'SPEED_PROBE_BUSY',
      'A dataset is being generated: measure the speed once it has ended (both would share the renderer, and the number would be wrong).',
    );
  const result = await face.run('measureSpeed', { spec }, signal ? { signal } : {});
  if (generating())
    throw new GmfError(
      'SPEED_PROBE_DISTURBED',
      'A generation started while the speed was measured, so the number was not kept: measure again once it has ended.',
    );
  const measurement: SpeedMeasurement = {
    imagesPerSecond: result.imagesPerSecond,
    images: result.images,
    setupSeconds: result.setupMs / 1000,
    source: 'probe',
    at: Date.now(),
  };
  record(spec, measurement);
  return measurement;
}

export interface TrainingProbeDeps {
  train: JobClient<TrainJobs>;
  /** Whether a run trains now (default: the jobs store's). */
  training?: () => boolean;
  record?: (key: string, measurement: SpeedMeasurement) => void;
}

const trainingRuns = (): boolean => useJobsStore.getState().active.train !== null;

/**
 * "Size to this machine" for training: the train worker times a few steps of `settings`'
 * architecture at its resolution and batch size on its backend; remembered under its key.
 */
export async function probeTrainingSpeed(
  settings: TrainingSpeedSettings & { classes: number },
  deps: TrainingProbeDeps,
  signal?: AbortSignal,
): Promise<SpeedMeasurement> {
  const { train, training = trainingRuns, record = recordMeasurement } = deps;
  if (training())
    throw new GmfError(
      'SPEED_PROBE_BUSY',
      'A run is training: measure the training speed once it has ended (both would share the processor, and the number would be wrong).',
    );
  const { architecture, resolution, batchSize, classes, backend } = settings;
  const speed = await train.run(
    'measureTrainingSpeed',
    { architecture, size: resolution, batch: batchSize, classes, backend },
    signal ? { signal } : {},
  );
  if (training())
    throw new GmfError(
      'SPEED_PROBE_DISTURBED',
      'A run started training while the speed was measured, so the number was not kept: measure again once it has ended.',
    );
  const measurement = stepSpeedMeasurement(speed, batchSize, Date.now());
  record(trainingSpeedKey({ ...settings, backend: speed.backend }), measurement);
  return measurement;
}
