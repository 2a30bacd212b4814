/**
 * A live estimate of what a generator spec will produce: image count, storage and time.
 * Bytes per pixel are rough averages of our encoder's output (noisy backgrounds compress
 * worse); the speed is the caller's measured images/s when it has one.
 */
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';

const BYTES_PER_PIXEL = { png: { background: 2.6, plain: 1.0 }, jpg: { background: 0.55, plain: 0.3 } } as const;
/** Per variation: the feature record (shape and tex raw and scaled, float32) and bookkeeping. */
function featureBytes(spec: GeneratorSpec): number {
  return 2 * 4 * (spec.shapeComponents + 5 * spec.textureComponents) + 400;
}

export interface GenerationEstimate {
  /** Parameter records (one per variation of each identity). */
  records: number;
  /** Image files (three per record when binocular). */
  images: number;
  bytes: number;
  seconds: number;
}

/** Image files rendered per parameter record: left, centre and right eye when binocular. */
export function imagesPerRecord(spec: Pick<GeneratorSpec, 'binocular'>): number {
  return spec.binocular ? 3 : 1;
}

export function estimateGeneration(spec: GeneratorSpec, imagesPerSecond = 40): GenerationEstimate {
  const records = spec.identities * spec.variationsPerIdentity;
  const images = records * imagesPerRecord(spec);
  const perPixel = BYTES_PER_PIXEL[spec.format][spec.addBackground ? 'background' : 'plain'];
  const bytes = images * spec.resolution * spec.resolution * perPixel + records * featureBytes(spec);
  // Supersampling multiplies the pixels drawn.
  const seconds = (images * Math.max(1, spec.renderScale ** 2 / 4)) / imagesPerSecond;
  return { records, images, bytes, seconds };
}
