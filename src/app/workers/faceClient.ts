import { createJobClient } from '../../lib/jobs/client';
import { DEFAULT_FACE_MODEL_ID, type FaceModelId } from '../../model/gmf/face/faceModel';
import type { FaceJobs } from '../../pipeline/generate/faceJobs';

/** The face worker holds the built model, so it is kept alive between jobs. */
export const faceJobs = createJobClient<FaceJobs>(
  () => new Worker(new URL('../../workers/face.worker.ts', import.meta.url), { type: 'module', name: 'face' }),
  {
    idleTimeoutMs: Infinity,
  },
);

/**
 * Starts the face worker and the build of `model` now, at startup, while React renders and
 * Explore's code loads: the build is the longest step before the first face (seconds), and
 * Explore's own request for the model then waits for this one (the worker builds each model once).
 * A failure is not reported here: Explore's request tries again and shows it.
 */
export function warmUpFaceModel(model: FaceModelId = DEFAULT_FACE_MODEL_ID): void {
  faceJobs.run('init', { model }).catch(() => undefined);
}
