/** The generative factors of decomposed images, per split in sample order (stored next to their activations). */
import type { ImageRecord } from '../dataset/records';
import type { OwnedRecord } from '../../lib/storage';
import type { SplitName } from '../dataset/splits';

/** Scalar factors stored per split, as DESIGN.md section 4 lists them. */
export const SCALAR_FACTORS = [
  'id',
  'ethn',
  'gender',
  'age',
  'bg',
  'emo',
  'xr',
  'yr',
  'zr',
  'xt',
  'yt',
  'zt',
  'xl',
  'yl',
] as const;

/** The generative factors of one split's images, in sample order. */
export interface SplitFactorsRecord extends OwnedRecord {
  split: SplitName;
  samples: number;
  numbers: Record<'id' | 'age' | 'bg' | 'xr' | 'yr' | 'zr' | 'xt' | 'yt' | 'zt' | 'xl' | 'yl', Float64Array>;
  labels: Record<'gender' | 'ethn' | 'emo', string[]>;
  /** samples x shapeComponents, the stored (scaled) coefficients. */
  shape: Float32Array;
  shapeComponents: number;
  /** samples x (bands x texComponents), band-major per sample. */
  tex: Float32Array;
  texBands: number;
  texComponents: number;
}

const NUMBERS = ['id', 'age', 'bg', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'] as const;

export function factorsOf(split: SplitName, images: readonly ImageRecord[]): Omit<SplitFactorsRecord, 'key' | 'owner'> {
  const n = images.length;
  const first = images[0]?.features.identity;
  const shapeComponents = first?.shapeScaled.length ?? 0;
  const texBands = first?.texScaled.length ?? 0;
  const texComponents = first?.texScaled[0]?.length ?? 0;
  const numbers = Object.fromEntries(NUMBERS.map((k) => [k, new Float64Array(n)])) as SplitFactorsRecord['numbers'];
  const labels: SplitFactorsRecord['labels'] = { gender: [], ethn: [], emo: [] };
  const shape = new Float32Array(n * shapeComponents);
  const tex = new Float32Array(n * texBands * texComponents);
  images.forEach((image, i) => {
    const { identity, variation } = image.features;
    const values: Record<(typeof NUMBERS)[number], number> = { ...variation, id: identity.id, age: identity.age };
    for (const k of NUMBERS) numbers[k][i] = values[k];
    labels.gender.push(identity.gender);
    labels.ethn.push(identity.ethn);
    labels.emo.push(variation.emo);
    shape.set(identity.shapeScaled.subarray(0, shapeComponents), i * shapeComponents);
    identity.texScaled.forEach((band, b) => {
      tex.set(band.subarray(0, texComponents), (i * texBands + b) * texComponents);
    });
  });
  return { split, samples: n, numbers, labels, shape, shapeComponents, tex, texBands, texComponents };
}
