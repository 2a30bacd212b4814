/**
 * The stream render worker: renders streamed training batches beside the training worker, which
 * starts one per run; the dataset's face model and renderer are made on the first batch.
 */
import { serveJobs } from '../lib/jobs/runtime';
import { faceModelOf, type GeneratorSpec } from '../model/gmf/generatorSpec';
import { FacePipeline } from '../model/render/facePipeline';
import { OffscreenRenderer } from '../model/render/offscreenRenderer';
import { renderStreamedImages } from '../pipeline/train/data/batchSource';
import type { StreamRenderJobs } from '../pipeline/train/data/streamJobs';
import { faceModels } from './faceModels';

/**
 * Batches draw the run's identities in random order: their textures are kept (the scan-based
 * model's skin is 1 MB, so about 120 identities) rather than computed again for every face.
 */
const STREAM_TEXTURE_CACHE_BYTES = 128 * 1024 * 1024;

let current: { key: string; pipeline: Promise<FacePipeline> } | null = null;

function pipelineFor(spec: GeneratorSpec): Promise<FacePipeline> {
  const { id } = faceModelOf(spec);
  const key = JSON.stringify([id, spec.resolution, spec.renderScale, spec.seed, spec.cameraDistance]);
  if (current?.key !== key) {
    const pipeline = (async () => {
      const model = await faceModels.get(id);
      const renderer = await OffscreenRenderer.forFaceModel(
        model.info,
        spec.resolution,
        spec.resolution,
        spec.renderScale,
      );
      return new FacePipeline(model, renderer, spec.seed, spec.cameraDistance, STREAM_TEXTURE_CACHE_BYTES);
    })();
    // A failed start is retried by the next batch.
    pipeline.catch(() => {
      if (current?.pipeline === pipeline) current = null;
    });
    current = { key, pipeline };
  }
  return current.pipeline;
}

serveJobs<StreamRenderJobs>({
  renderBatch: async ({ spec, identities, key, seed, stereo }, ctx) => {
    const images = await renderStreamedImages(await pipelineFor(spec), spec, identities, key, { seed, stereo });
    ctx.transfer(...images.inputs.map((a) => a.buffer));
    return images;
  },
  renderTiming: async () => (current ? (await current.pipeline).timing : null),
});
