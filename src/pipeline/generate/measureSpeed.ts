/**
 * The speed probe: a few records of `spec` rendered, checked and encoded exactly as a generation
 * does (renderRecords), nothing stored, timed. The first record is rendered once untimed, since
 * a new pipeline compiles its shaders on first use, a one-off cost a long generation amortises.
 */
import type { ComponentSds } from '../../model/gmf/face/faceModel';
import { assertValidGeneratorSpec, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import { sampleIdentity } from '../../model/gmf/sampling';
import type { FacePipeline } from '../../model/render/facePipeline';
import { encodeImage, type ImageEncoder, renderRecords, variationJob, variationJobs } from './renderVariation';

export interface SpeedProbeResult {
  /** Parameter records timed. */
  records: number;
  /** Images those records are (three per binocular record). */
  images: number;
  /** Time they took, warm-up and pipeline build excluded. */
  seconds: number;
  imagesPerSecond: number;
  /** The one-off cost before the timed records: the untimed first record here, plus what the caller adds (model and pipeline build). */
  setupMs: number;
}

export interface SpeedProbeOptions {
  /** Identities sampled (ids 0..n-1, as a generation starts); at most the spec's. Default 3. */
  identities?: number;
  /** Variations per identity; at most the spec's. Default 2. */
  variations?: number;
  encode?: ImageEncoder;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
}

export async function measureGenerationSpeed(
  pipeline: Pick<FacePipeline, 'renderSequence'>,
  sds: ComponentSds,
  spec: GeneratorSpec,
  signal: AbortSignal,
  options: SpeedProbeOptions = {},
): Promise<SpeedProbeResult> {
  assertValidGeneratorSpec(spec);
  const { encode = encodeImage, now = () => performance.now() } = options;
  const n = Math.min(options.identities ?? 3, spec.identities);
  const k = Math.min(options.variations ?? 2, spec.variationsPerIdentity);
  const warmStart = now();
  await renderRecords(
    pipeline,
    spec,
    [variationJob(spec, sampleIdentity(spec, 0, sds), 0, 0)],
    () => undefined,
    encode,
  );
  const start = now();
  let images = 0;
  await renderRecords(
    pipeline,
    spec,
    variationJobs(
      spec,
      sds,
      Array.from({ length: n }, (_, id) => id),
      k,
    ),
    ({ blobs }) => {
      if (signal.aborted) throw signal.reason;
      images += blobs.length;
    },
    encode,
  );
  // At least a microsecond, so a coarse clock cannot make the rate infinite.
  const seconds = Math.max(now() - start, 1e-3) / 1000;
  return { records: n * k, images, seconds, imagesPerSecond: images / seconds, setupMs: start - warmStart };
}
