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

/**
 * The original keeps (and decodes) at most this many shape components and texture components per
 * band (decompose_model.py's n_shape = 100, applied in src/io.py).
 */
export const ORIGINAL_COMPONENTS = 100;

/** A samples x cols matrix, row-major. */
export interface FactorMatrix {
  data: Float32Array;
  cols: number;
}

/** `shape` as the original's decomposed.h5 holds it: samples x min(100, components). */
export function originalShape(f: Omit<SplitFactorsRecord, 'key' | 'owner'>): FactorMatrix {
  const cols = Math.min(ORIGINAL_COMPONENTS, f.shapeComponents);
  const data = new Float32Array(f.samples * cols);
  for (let i = 0; i < f.samples; i++)
    data.set(f.shape.subarray(i * f.shapeComponents, i * f.shapeComponents + cols), i * cols);
  return { data, cols };
}

/**
 * `tex` as the original's decomposed.h5 holds it: one flat row per sample of the first
 * min(100, components) components of each band, component-major (its io.py takes the [bands,
 * components] array, keeps [:, :100] and flattens the transpose): column c * bands + b.
 */
export function originalTex(f: Omit<SplitFactorsRecord, 'key' | 'owner'>): FactorMatrix {
  const components = Math.min(ORIGINAL_COMPONENTS, f.texComponents);
  const bands = f.texBands;
  const cols = components * bands;
  const data = new Float32Array(f.samples * cols);
  for (let i = 0; i < f.samples; i++)
    for (let b = 0; b < bands; b++)
      for (let c = 0; c < components; c++)
        data[i * cols + c * bands + b] = f.tex[(i * bands + b) * f.texComponents + c] ?? 0;
  return { data, cols };
}

/**
 * The factors of `images` in sample order. `zt` is stored as the original's generate_faces.py
 * records it: the translation plus the camera distance (the face's distance from the camera, in
 * mm), so decomposed.h5 and preds.csv hold what the original's hold; R² does not change.
 */
export function factorsOf(
  split: SplitName,
  images: readonly ImageRecord[],
  cameraDistance: number,
): Omit<SplitFactorsRecord, 'key' | 'owner'> {
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
    const values: Record<(typeof NUMBERS)[number], number> = {
      ...variation,
      zt: variation.zt + cameraDistance,
      id: identity.id,
      age: identity.age,
    };
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
