/**
 * "Measure speed": the face worker times a few records of a spec (pipeline/generate/measureSpeed)
 * and the result is remembered (generationSpeed.ts). Refused while a dataset is generated, in
 * this tab (the same worker) or another (the same GPU): either would slow both and skew the number.
 */
import { GmfError } from '../lib/errors';
import type { JobClient } from '../lib/jobs/client';
import type { GeneratorSpec } from '../model/gmf/generatorSpec';
import type { FaceJobs } from '../pipeline/generate/faceJobs';
import { recordSpeed, type SpeedMeasurement } from './generationSpeed';
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
