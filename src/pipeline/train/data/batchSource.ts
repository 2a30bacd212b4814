/**
 * Batches of network input and targets. Stored: images decoded from IndexedDB. Streamed: faces
 * rendered on the fly for the training identities with freshly sampled variations (unlimited
 * augmentation). Both return plain typed arrays; the loop turns them into tensors.
 */
import type { ImageRecord } from '../../dataset/records';
import type { GeneratorSpec } from '../../../model/gmf/generatorSpec';
import { createRng } from '../../../lib/random';
import type { FaceIdentity } from '../../../model/gmf/face/faceModel';
import { drawVariation, type VariationParams } from '../../../model/gmf/sampling';
import { CAMERA } from '../../../model/render/camera';
import { variationRenderParams } from '../../../model/render/variationParams';
import type { FacePipeline } from '../../../model/render/facePipeline';
import { textureKey } from '../../../model/gmf/face/textureKey';
import { type EncodedTarget, encodeTargets, type FeatureRecord, type TargetSpec } from '../targets';
import { decodeToRgb, rgbaToRgb } from './decodeImages';

export interface Batch {
  /** One NHWC float32 array per model input (centre, or left and right for stereo). */
  inputs: Float32Array[];
  size: number;
  targets: EncodedTarget[];
}

export interface BatchSource {
  /** The batch of `items` (indices into the source's items); `key` seeds anything random. */
  load(items: ArrayLike<number>, key: readonly number[]): Promise<Batch>;
  /** Releases what the source holds (a render worker); loads after it fail. */
  dispose?(): void;
}

export interface SourceOptions {
  spec: GeneratorSpec;
  targets: readonly TargetSpec[];
  /** Feed left and right images (a stereo network) instead of the centre one. */
  stereo: boolean;
}

export function storedSource(records: readonly ImageRecord[], options: SourceOptions): BatchSource {
  const size = options.spec.resolution;
  return {
    async load(items) {
      const chosen = Array.from(items, (i) => records[i]).filter((r): r is ImageRecord => r !== undefined);
      const eyes = options.stereo
        ? [chosen.map((r) => r.left ?? r.centre), chosen.map((r) => r.right ?? r.centre)]
        : [chosen.map((r) => r.centre)];
      const inputs = await Promise.all(eyes.map((blobs) => decodeToRgb(blobs, size)));
      return {
        inputs,
        size: chosen.length,
        targets: encodeTargets(
          options.targets,
          chosen.map((r) => r.features),
        ),
      };
    },
  };
}

/** What a streamed image's identity is made of (a record's identity features carry more). */
export type StreamIdentity = Pick<FaceIdentity, 'gender' | 'ethn' | 'age' | 'shape' | 'tex'>;

/** Network input for `identities` with new variations, and the variations drawn (for the targets). */
export interface StreamedImages {
  inputs: Float32Array[];
  variations: VariationParams[];
}

/**
 * Renders item i with identity i and a new variation drawn from the spec's ranges by the stream
 * (seed, 'train-stream', ...key, i); backgrounds stay among the dataset's. A pure function of its
 * arguments: the training worker and a render worker give the same bytes.
 */
export async function renderStreamedImages(
  pipeline: FacePipeline,
  spec: GeneratorSpec,
  identities: readonly StreamIdentity[],
  key: readonly number[],
  options: { seed: number; stereo: boolean },
): Promise<StreamedImages> {
  const size = spec.resolution;
  const eyes = options.stereo ? [CAMERA.eyeOffsets[0], CAMERA.eyeOffsets[1]] : [0];
  const inputs = eyes.map(() => new Float32Array(identities.length * size * size * 3));
  const drawn = identities.map((identity, i) => {
    const rng = createRng(options.seed, 'train-stream', ...key, i);
    const variation = drawVariation(spec, rng, rng.int(0, spec.variationsPerIdentity - 1));
    const { gender, ethn, age, shape, tex } = identity;
    return { variation, params: variationRenderParams(spec, { gender, ethn, age, shape, tex }, variation) };
  });
  // Drawn grouped by identity (each image lands in its own slot): a repeated identity keeps its albedo on the GPU.
  const keys = identities.map(textureKey);
  const order = drawn.map((_, i) => i).sort((a, b) => (keys[a] ?? '').localeCompare(keys[b] ?? '') || a - b);
  const faces = order.flatMap((slot) => {
    const item = drawn[slot];
    return item ? [{ params: item.params, slot }] : [];
  });
  // The next face is on the GPU while this one is copied into its slot.
  await pipeline.renderSequence(faces, eyes, ({ images }, { slot }) => {
    images.forEach((rgba, e) => {
      const out = inputs[e];
      if (out) rgbaToRgb(rgba, out, slot * size * size * 3);
    });
  });
  return { inputs, variations: drawn.map((d) => d.variation) };
}

/** The stored identities of `items`, in order (indices outside the records are skipped). */
export function itemRecords(records: readonly ImageRecord[], items: ArrayLike<number>): ImageRecord[] {
  return Array.from(items, (i) => records[i]).filter((r): r is ImageRecord => r !== undefined);
}

/** Each item's identity (from its stored features) with a new variation, rendered in this thread. */
export function streamedSource(
  records: readonly ImageRecord[],
  pipeline: FacePipeline,
  options: SourceOptions & { seed: number },
): BatchSource {
  return {
    async load(items, key) {
      const chosen = itemRecords(records, items);
      const identities = chosen.map((r) => r.features.identity);
      const { inputs, variations } = await renderStreamedImages(pipeline, options.spec, identities, key, options);
      return streamedBatch(options.targets, chosen, inputs, variations);
    },
  };
}

/** A batch from streamed images: each record's stored identity with the variation drawn for it. */
export function streamedBatch(
  targets: readonly TargetSpec[],
  chosen: readonly ImageRecord[],
  inputs: Float32Array[],
  variations: readonly VariationParams[],
): Batch {
  const features: FeatureRecord[] = chosen.map((r, i) => {
    const variation = variations[i];
    if (!variation) throw new Error(`no variation was drawn for streamed item ${i}`);
    return { identity: r.features.identity, variation };
  });
  return { inputs, size: features.length, targets: encodeTargets(targets, features) };
}
