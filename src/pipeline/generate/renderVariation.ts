/**
 * Parameter records of a dataset, as generateDataset makes them: variation v of identity `id`
 * sampled, rendered (one image, or three when binocular), checked and encoded. Shared with the
 * speed probe (measureSpeed.ts), so what the probe times is exactly what a generation does.
 */
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { ComponentSds } from '../../model/gmf/face/faceModel';
import { type IdentityParams, sampleIdentity, sampleVariation, type VariationParams } from '../../model/gmf/sampling';
import { CAMERA } from '../../model/render/camera';
import type { FacePipeline, FaceRenderParams } from '../../model/render/facePipeline';
import { variationRenderParams } from '../../model/render/variationParams';
import { faceProblemMessage, RenderFailedError, renderFailure } from './renderFailure';

/** Encodes an RGBA frame as the spec's image file. */
export type ImageEncoder = (rgba: Uint8ClampedArray, size: number, format: GeneratorSpec['format']) => Promise<Blob>;

export const encodeImage: ImageEncoder = async (rgba, size, format) => {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to encode images');
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), size, size), 0, 0);
  return canvas.convertToBlob(format === 'jpg' ? { type: 'image/jpeg', quality: 0.92 } : { type: 'image/png' });
};

/** The eyes a record is rendered from: the centre, or left, centre and right when binocular. */
export function generatorEyes(spec: Pick<GeneratorSpec, 'binocular'>): number[] {
  return spec.binocular ? [CAMERA.eyeOffsets[0], 0, CAMERA.eyeOffsets[1]] : [0];
}

export interface RenderedVariation {
  variation: VariationParams;
  /** The encoded images, in the order of `eyes`. */
  blobs: Blob[];
}

/** One parameter record to render: variation v of identity `id`, sampled. */
export interface VariationJob {
  id: number;
  v: number;
  identity: IdentityParams;
  variation: VariationParams;
  params: FaceRenderParams;
}

export function variationJob(spec: GeneratorSpec, identity: IdentityParams, id: number, v: number): VariationJob {
  const variation = sampleVariation(spec, id, v);
  return { id, v, identity, variation, params: variationRenderParams(spec, identity, variation) };
}

/**
 * Records of `ids` (their identities sampled as the sequence reaches them), each identity's
 * variations 0..variations-1 in turn. A cancel before an identity stops the sequence.
 */
export function* variationJobs(
  spec: GeneratorSpec,
  sds: ComponentSds,
  ids: Iterable<number>,
  variations: number,
  signal?: AbortSignal,
): Generator<VariationJob> {
  for (const id of ids) {
    if (signal?.aborted) throw signal.reason;
    const identity = sampleIdentity(spec, id, sds);
    for (let v = 0; v < variations; v++) yield variationJob(spec, identity, id, v);
  }
}

/**
 * Renders, checks and encodes `jobs` in order, handing each record to `onRecord` in order (the
 * next face is on the GPU while one is encoded and stored). A frame the GPU failed to draw, or
 * drew without a face, stops the sequence with a RenderFailedError: a generation stores nothing
 * of that identity, keeps those before it, and never reads "complete". A throw from onRecord
 * (a cancel) stops it too.
 */
export async function renderRecords(
  pipeline: Pick<FacePipeline, 'renderSequence'>,
  spec: GeneratorSpec,
  jobs: Iterable<VariationJob>,
  onRecord: (record: RenderedVariation, job: VariationJob) => void | Promise<void>,
  encode: ImageEncoder = encodeImage,
): Promise<void> {
  await pipeline
    .renderSequence(jobs, generatorEyes(spec), async ({ images, problems }, job) => {
      const problem = problems.find((p) => p !== null);
      if (problem) throw new RenderFailedError('RENDER_NO_FACE', faceProblemMessage(problem, spec, job.id, job.v));
      const blobs = await Promise.all(images.map((image) => encode(image, spec.resolution, spec.format)));
      if (blobs.length === 0) throw new Error('the renderer returned no image');
      await onRecord({ variation: job.variation, blobs }, job);
    })
    .catch((error: unknown) => {
      throw renderFailure(error, spec);
    });
}
