/**
 * Browser-side half of e2e/streamedTraining.spec.ts: a streamed batch rendered by the stream
 * render worker against the same batch rendered in this page (the training worker's former path).
 */
import { createJobClient } from '../../src/lib/jobs/client';
import { faceModelOf, type GeneratorSpec, TINY_PRESET } from '../../src/model/gmf/generatorSpec';
import { sampleIdentity } from '../../src/model/gmf/sampling';
import { FacePipeline } from '../../src/model/render/facePipeline';
import { OffscreenRenderer } from '../../src/model/render/offscreenRenderer';
import { renderStreamedImages } from '../../src/pipeline/train/data/batchSource';
import type { StreamRenderJobs } from '../../src/pipeline/train/data/streamJobs';
import { faceModels } from '../../src/workers/faceModels';

export async function streamChecks(): Promise<{
  eyes: number;
  length: number;
  workerEqualsPage: boolean;
  variationsEqual: boolean;
  sameKeyEqual: boolean;
  otherKeyDiffers: number;
  meanLevel: number;
}> {
  const spec: GeneratorSpec = { ...structuredClone(TINY_PRESET), resolution: 32, variationsPerIdentity: 4 };
  const model = await faceModels.get(faceModelOf(spec).id);
  const identities = [0, 1, 0, 2].map((id) => sampleIdentity(spec, id, model.sds));
  const options = { seed: 11, stereo: true };
  const renderer = await OffscreenRenderer.forFaceModel(model.info, spec.resolution, spec.resolution, spec.renderScale);
  const page = await renderStreamedImages(
    new FacePipeline(model, renderer, spec.seed, spec.cameraDistance),
    spec,
    identities,
    [0, 3],
    options,
  );
  const client = createJobClient<StreamRenderJobs>(
    () => new Worker(new URL('../../src/workers/streamRender.worker.ts', import.meta.url), { type: 'module' }),
  );
  const batch = (key: number[]) => client.run('renderBatch', { spec, identities, key, ...options });
  try {
    const worker = await batch([0, 3]);
    const again = await batch([0, 3]);
    const other = await batch([0, 4]);
    const equal = (a: Float32Array[], b: Float32Array[]) =>
      a.length === b.length && a.every((x, e) => x.length === b[e]?.length && x.every((v, i) => v === b[e]?.[i]));
    const left = worker.inputs[0] ?? new Float32Array();
    const otherLeft = other.inputs[0] ?? new Float32Array();
    return {
      eyes: worker.inputs.length,
      length: left.length,
      workerEqualsPage: equal(worker.inputs, page.inputs),
      variationsEqual: JSON.stringify(worker.variations) === JSON.stringify(page.variations),
      sameKeyEqual: equal(worker.inputs, again.inputs),
      otherKeyDiffers: left.reduce((n, v, i) => n + (v === otherLeft[i] ? 0 : 1), 0) / left.length,
      meanLevel: left.reduce((s, v) => s + v, 0) / left.length,
    };
  } finally {
    client.terminate();
    renderer.dispose();
  }
}
