/**
 * Batches of network input and targets. Stored: images decoded from IndexedDB. Streamed: faces
 * rendered on the fly for the training identities with freshly sampled variations (unlimited
 * augmentation). Both return plain typed arrays; the loop turns them into tensors.
 */
import type { ImageRecord } from '../../dataset/records';
import type { GeneratorSpec } from '../../../model/gmf/generatorSpec';
import { createRng } from '../../../lib/random';
import { drawVariation } from '../../../model/gmf/sampling';
import { CAMERA } from '../../../model/render/camera';
import { variationRenderParams } from '../../../model/render/variationParams';
import type { FacePipeline } from '../../../model/render/facePipeline';
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

/**
 * Each item's identity (from its stored features) with a new variation drawn from the spec's
 * ranges by the stream (seed, 'train-stream', ...key, i); backgrounds stay among the dataset's.
 */
export function streamedSource(
  records: readonly ImageRecord[],
  pipeline: FacePipeline,
  options: SourceOptions & { seed: number },
): BatchSource {
  const { spec } = options;
  const size = spec.resolution;
  const eyes = options.stereo ? [CAMERA.eyeOffsets[0], CAMERA.eyeOffsets[1]] : [0];
  return {
    async load(items, key) {
      const features: FeatureRecord[] = [];
      const inputs = eyes.map(() => new Float32Array(items.length * size * size * 3));
      for (let i = 0; i < items.length; i++) {
        const record = records[items[i] ?? 0];
        if (!record) continue;
        const rng = createRng(options.seed, 'train-stream', ...key, i);
        const variation = drawVariation(spec, rng, rng.int(0, spec.variationsPerIdentity - 1));
        const { identity } = record.features;
        const rendered = await pipeline.render(
          variationRenderParams(
            spec,
            {
              gender: identity.gender,
              ethn: identity.ethn,
              age: identity.age,
              shape: identity.shape,
              tex: identity.tex,
            },
            variation,
          ),
          eyes,
        );
        rendered.forEach((rgba, e) => {
          const out = inputs[e];
          if (out) rgbaToRgb(rgba, out, i * size * size * 3);
        });
        features.push({ identity, variation });
      }
      return { inputs, size: features.length, targets: encodeTargets(options.targets, features) };
    },
  };
}
