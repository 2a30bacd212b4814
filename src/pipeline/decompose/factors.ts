/** The generative factors of decomposed images, and the decoder's input built from them. */
import type { ImageRecord } from '../generate/datasetRecords';
import { type DecodeLayerInput, type FactorInput, ORIGINAL_FACTOR_ORDER, type Splits } from '../decode/decodeLayer';
import type { Matrix } from '../../lib/linalg/matrix';
import type { SplitFactorsRecord, SplitName } from '../analyze/records';

const NUMBERS = ['id', 'age', 'bg', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'] as const;
const CONTINUOUS = ['age', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'] as const;

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

const column = (values: Float64Array): Matrix => ({ rows: values.length, cols: 1, data: values });
const block = (values: Float32Array, rows: number, cols: number): Matrix => ({ rows, cols, data: Float64Array.from(values) });

/** Every factor, in the original's order, for one layer's features. */
export function decodeInput(layerName: string, opNr: number, features: Splits<Matrix>, factors: Splits<SplitFactorsRecord>): DecodeLayerInput {
  const each = <T>(fn: (f: SplitFactorsRecord) => T): Splits<T> => ({ training: fn(factors.training), validation: fn(factors.validation), testing: fn(factors.testing) });
  const inputs: FactorInput[] = [];
  for (const name of ORIGINAL_FACTOR_ORDER) {
    if (name === 'id') inputs.push({ name, data: { kind: 'identity' } });
    else if (name === 'gender' || name === 'ethn' || name === 'emo') inputs.push({ name, data: { kind: 'categorical', labels: each((f) => f.labels[name]) } });
    else if (name === 'bg') inputs.push({ name, data: { kind: 'categorical', labels: each((f) => f.numbers.bg) } });
    else if (name === 'shape') inputs.push({ name, data: { kind: 'continuous', values: each((f) => block(f.shape, f.samples, f.shapeComponents)) } });
    else if (name === 'tex') inputs.push({ name, data: { kind: 'continuous', values: each((f) => block(f.tex, f.samples, f.texBands * f.texComponents)) } });
    else if ((CONTINUOUS as readonly string[]).includes(name)) {
      const key = name;
      inputs.push({ name, data: { kind: 'continuous', values: each((f) => column(f.numbers[key])) } });
    }
  }
  return { layerName, opNr, features, testIds: factors.testing.numbers.id, factors: inputs };
}
