/**
 * One parameter record of a dataset, as generateDataset makes it: variation v of identity `id`
 * sampled, rendered (one image, or three when binocular), checked and encoded. Shared with the
 * speed probe (measureSpeed.ts), so what the probe times is exactly what a generation does.
 */
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import { type IdentityParams, sampleVariation, type VariationParams } from '../../model/gmf/sampling';
import { CAMERA } from '../../model/render/camera';
import type { FacePipeline } from '../../model/render/facePipeline';
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

export async function renderVariation(
  pipeline: Pick<FacePipeline, 'renderChecked'>,
  spec: GeneratorSpec,
  identity: IdentityParams,
  id: number,
  v: number,
  eyes: readonly number[],
  encode: ImageEncoder = encodeImage,
  /** The record rendered after this one, prepared while the GPU draws this one. */
  next?: { identity: IdentityParams; id: number; v: number },
): Promise<RenderedVariation> {
  const variation = sampleVariation(spec, id, v);
  const params = variationRenderParams(spec, identity, variation);
  const nextParams = next && variationRenderParams(spec, next.identity, sampleVariation(spec, next.id, next.v));
  // A frame the GPU failed to draw, or drew without a face, stops the job: nothing of this
  // identity is stored, those before it stay, and the dataset never reads "complete".
  const { images, problems } = await pipeline.renderChecked(params, eyes, nextParams).catch((error: unknown) => {
    throw renderFailure(error, spec);
  });
  const problem = problems.find((p) => p !== null);
  if (problem) throw new RenderFailedError('RENDER_NO_FACE', faceProblemMessage(problem, spec, id, v));
  const blobs = await Promise.all(images.map((image) => encode(image, spec.resolution, spec.format)));
  if (blobs.length === 0) throw new Error('the renderer returned no image');
  return { variation, blobs };
}
