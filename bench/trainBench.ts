/** Browser side of `npm run bench:train`: runs bench/trainBenchWorker.ts in a dedicated worker, as the app trains. */
import { createJobClient } from '../src/lib/jobs/client';
import type { FaceModelId } from '../src/model/gmf/face/faceModel';
import type { TfjsBackendName } from '../src/lib/tfjs/backendKinds';
import type { TrainBenchJobs } from './trainBenchWorker';

const jobs = () =>
  createJobClient<TrainBenchJobs>(
    () => new Worker(new URL('./trainBenchWorker.ts', import.meta.url), { type: 'module' }),
    { idleTimeoutMs: 1000 },
  );

export async function benchSteps(
  backend: TfjsBackendName,
  size: number,
  batch: number,
  classes: number,
  steps: number,
  budgetMs: number,
) {
  const client = jobs();
  try {
    return await client.run('steps', { backend, size, batch, classes, steps, budgetMs });
  } finally {
    client.terminate();
  }
}

export async function benchSources(
  backend: TfjsBackendName,
  size: number,
  batch: number,
  steps: number,
  model: FaceModelId,
) {
  const client = jobs();
  try {
    return await client.run('sources', { backend, size, batch, steps, model });
  } finally {
    client.terminate();
  }
}
