/**
 * A synthetic "decomposed" set for tests, benchmarks and demos: identities × variations with the
 * original's generative factors, and layers whose activations are noisy linear mixtures of those
 * factors with chosen gains per layer. Seeded (sfc32 streams per split, identity and layer), so
 * Node and the browser build the same numbers.
 */
import { createRng } from '../../src/lib/random';
import type { DecodeLayerInput, FactorInput, Splits } from '../../src/pipeline/decode/decodeLayer';
import { type Matrix, createMatrix } from '../../src/lib/linalg/matrix';

export const SPLITS = ['training', 'validation', 'testing'] as const;
export type SplitName = (typeof SPLITS)[number];

/** Factor groups a layer can carry, each with its own random mixing into the components. */
export const FACTOR_GROUPS = [
  'id',
  'gender',
  'ethn',
  'age',
  'shape',
  'tex',
  'rotation',
  'translation',
  'lights',
  'emo',
  'bg',
] as const;
export type FactorGroup = (typeof FACTOR_GROUPS)[number];

export interface SyntheticLayerSpec {
  readonly name: string;
  /** Signal gain per factor group (0 when absent); noise has sd `noise`. */
  readonly gains: Partial<Record<FactorGroup, number>>;
}

export interface SyntheticSpec {
  readonly seed: number;
  readonly identities: Splits<number>;
  readonly imagesPerIdentity: number;
  readonly components: number;
  readonly shapeComponents: number;
  readonly texComponents: number;
  readonly noise: number;
  readonly layers: readonly SyntheticLayerSpec[];
}

export const CONTINUOUS_SCALARS = ['age', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'zl'] as const;
export const EMOTIONS = ['anger', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'] as const;

export interface SyntheticFactorTable {
  readonly n: number;
  readonly id: Int32Array;
  readonly bg: Int32Array;
  /** Codes into the sorted labels (F, M / BA, EA, WC / EMOTIONS), as LabelEncoder orders them. */
  readonly gender: Int32Array;
  readonly ethn: Int32Array;
  readonly emo: Int32Array;
  readonly scalars: Record<(typeof CONTINUOUS_SCALARS)[number], Float64Array>;
  readonly shape: Float64Array;
  readonly tex: Float64Array;
}

export interface SyntheticDecomposition {
  readonly spec: SyntheticSpec;
  readonly factors: Splits<SyntheticFactorTable>;
  /** Per layer, per split: samples × components, float32 as the decomposed file stores them. */
  readonly layers: readonly { readonly name: string; readonly features: Splits<Float32Array> }[];
}

/** Eight layers whose content shifts from image-level factors (bg, lights) to identity with depth. */
export function defaultSyntheticLayers(): SyntheticLayerSpec[] {
  const names = [
    'layer00_input',
    'layer01_conv',
    'layer02_conv',
    'layer03_conv',
    'layer04_conv',
    'layer05_conv',
    'layer06_globalpool',
    'layer07_linear',
  ];
  return names.map((name, l) => {
    const d = l / (names.length - 1);
    return {
      name,
      gains: {
        bg: 1.5 * (1 - d),
        lights: 0.2 + (1 - d),
        translation: 1 - Math.abs(d - 0.3),
        rotation: 0.3 + 2 * d * (1 - d),
        emo: 0.8 * d,
        id: 1.5 * d,
        gender: d,
        ethn: d,
        age: 0.5 * d,
        shape: 0.8 * d,
        tex: 0.6 * d,
      },
    };
  });
}

function table(
  spec: SyntheticSpec,
  split: SplitName,
  firstId: number,
): { table: SyntheticFactorTable; sources: Record<FactorGroup, Float64Array[]> } {
  const ids = spec.identities[split];
  const k = spec.imagesPerIdentity;
  const n = ids * k;
  const make = (): Float64Array => new Float64Array(n);
  const scalars = {
    age: make(),
    xr: make(),
    yr: make(),
    zr: make(),
    xt: make(),
    yt: make(),
    zt: make(),
    xl: make(),
    yl: make(),
    zl: make(),
  };
  const t: SyntheticFactorTable = {
    n,
    id: new Int32Array(n),
    bg: new Int32Array(n),
    gender: new Int32Array(n),
    ethn: new Int32Array(n),
    emo: new Int32Array(n),
    scalars,
    shape: new Float64Array(n * spec.shapeComponents),
    tex: new Float64Array(n * spec.texComponents),
  };
  const sources: Record<FactorGroup, Float64Array[]> = {
    id: [],
    gender: [],
    ethn: [],
    age: [],
    shape: [],
    tex: [],
    rotation: [],
    translation: [],
    lights: [],
    emo: [],
    bg: [],
  };
  const oneHot = (size: number, at: number): Float64Array =>
    Float64Array.from({ length: size }, (_, i) => (i === at ? 1 : 0) - 1 / size);
  for (let a = 0; a < ids; a++) {
    const id = firstId + a;
    const rid = createRng(spec.seed, 'synthetic-identity', id);
    const gender = rid.int(0, 1);
    const ethn = rid.int(0, 2);
    const age = rid.int(20, 60);
    const embedding = Float64Array.from({ length: 8 }, () => rid.normal());
    const shape = Float64Array.from({ length: spec.shapeComponents }, () => rid.normal());
    const tex = Float64Array.from({ length: spec.texComponents }, () => rid.normal());
    for (let v = 0; v < k; v++) {
      const i = a * k + v;
      const rv = createRng(spec.seed, 'synthetic-variation', id, v);
      t.id[i] = id;
      t.bg[i] = v;
      t.gender[i] = gender;
      t.ethn[i] = ethn;
      t.emo[i] = rv.int(0, EMOTIONS.length - 1);
      scalars.age[i] = age;
      const rot = [rv.int(-30, 30), rv.int(-30, 30), rv.int(-30, 30)] as const;
      const trans = [rv.int(-100, 100), rv.int(-100, 100), rv.int(-100, 100)] as const;
      const light = [rv.int(-90, 90), rv.int(-90, 90), rv.int(-90, 90)] as const;
      [scalars.xr[i], scalars.yr[i], scalars.zr[i]] = rot;
      [scalars.xt[i], scalars.yt[i], scalars.zt[i]] = trans;
      [scalars.xl[i], scalars.yl[i], scalars.zl[i]] = light;
      t.shape.set(shape, i * spec.shapeComponents);
      t.tex.set(tex, i * spec.texComponents);
      sources.id.push(embedding);
      sources.gender.push(Float64Array.of(gender - 0.5));
      sources.ethn.push(oneHot(3, ethn));
      sources.age.push(Float64Array.of((age - 40) / 12));
      sources.shape.push(shape);
      sources.tex.push(tex);
      sources.rotation.push(Float64Array.from(rot, (r) => r / 17));
      sources.translation.push(Float64Array.from(trans, (r) => r / 58));
      sources.lights.push(Float64Array.from(light, (r) => r / 52));
      sources.emo.push(oneHot(EMOTIONS.length, t.emo[i] ?? 0));
      sources.bg.push(oneHot(k, v));
    }
  }
  return { table: t, sources };
}

export function generateSyntheticDecomposition(spec: SyntheticSpec): SyntheticDecomposition {
  const built = {
    training: table(spec, 'training', 0),
    validation: table(spec, 'validation', spec.identities.training),
    testing: table(spec, 'testing', spec.identities.training + spec.identities.validation),
  };
  const c = spec.components;
  const layers = spec.layers.map((layer, l) => {
    // One mixing matrix per factor group and layer, entries N(0, 1/dim) so each group's signal variance ≈ gain².
    const mixing = new Map<FactorGroup, { gain: number; m: Float64Array; dim: number }>();
    for (const g of FACTOR_GROUPS) {
      const gain = layer.gains[g] ?? 0;
      const dim = built.training.sources[g][0]?.length ?? 0;
      if (gain === 0 || dim === 0) continue;
      const rng = createRng(spec.seed, 'synthetic-mixing', l, g);
      mixing.set(g, { gain, dim, m: Float64Array.from({ length: dim * c }, () => rng.normal(0, 1 / Math.sqrt(dim))) });
    }
    const mix = (split: SplitName): Float32Array => {
      const { table: t, sources } = built[split];
      const out = new Float32Array(t.n * c);
      const rowValues = new Float64Array(c);
      const noise = createRng(spec.seed, 'synthetic-noise', l, split);
      for (let i = 0; i < t.n; i++) {
        for (let j = 0; j < c; j++) rowValues[j] = noise.normal(0, spec.noise);
        for (const [g, { gain, m, dim }] of mixing) {
          const s = sources[g][i];
          if (s === undefined) continue;
          for (let d = 0; d < dim; d++) {
            const w = gain * (s[d] ?? 0);
            for (let j = 0; j < c; j++) rowValues[j] = (rowValues[j] ?? 0) + w * (m[d * c + j] ?? 0);
          }
        }
        out.set(rowValues, i * c);
      }
      return out;
    };
    const features: Splits<Float32Array> = {
      training: mix('training'),
      validation: mix('validation'),
      testing: mix('testing'),
    };
    return { name: layer.name, features };
  });
  return {
    spec,
    factors: { training: built.training.table, validation: built.validation.table, testing: built.testing.table },
    layers,
  };
}

/** Every factor of the synthetic set, in the original's row order (zl after yl). */
export const SYNTHETIC_FACTORS: readonly {
  readonly name: string;
  readonly kind: 'continuous' | 'categorical' | 'identity';
}[] = [
  { name: 'id', kind: 'identity' },
  { name: 'bg', kind: 'categorical' },
  { name: 'ethn', kind: 'categorical' },
  { name: 'gender', kind: 'categorical' },
  ...CONTINUOUS_SCALARS.map((name) => ({ name, kind: 'continuous' as const })),
  { name: 'emo', kind: 'categorical' },
  { name: 'shape', kind: 'continuous' },
  { name: 'tex', kind: 'continuous' },
];

/** A factor's values in one split: class codes, or samples × columns as a flat array. */
export function syntheticFactorValues(
  set: SyntheticDecomposition,
  split: SplitName,
  name: string,
): { codes: Int32Array } | { values: Float64Array; cols: number } {
  const t = set.factors[split];
  switch (name) {
    case 'id':
    case 'bg':
    case 'ethn':
    case 'gender':
    case 'emo':
      return { codes: t[name] };
    case 'shape':
      return { values: t.shape, cols: set.spec.shapeComponents };
    case 'tex':
      return { values: t.tex, cols: set.spec.texComponents };
    default: {
      const scalar = CONTINUOUS_SCALARS.find((s) => s === name);
      if (scalar === undefined) throw new RangeError(`The synthetic set has no factor ${name}.`);
      return { values: t.scalars[scalar], cols: 1 };
    }
  }
}

/** The decodeLayer input for one layer, every factor in SYNTHETIC_FACTORS order. */
export function syntheticDecodeInput(set: SyntheticDecomposition, layerIndex: number): DecodeLayerInput {
  const layer = set.layers[layerIndex];
  if (layer === undefined) throw new RangeError(`No layer ${layerIndex} in a set of ${set.layers.length}.`);
  const per = <T>(f: (split: SplitName) => T): Splits<T> => ({
    training: f('training'),
    validation: f('validation'),
    testing: f('testing'),
  });
  const matrixOf = (split: SplitName, name: string): Matrix => {
    const v = syntheticFactorValues(set, split, name);
    return 'codes' in v
      ? createMatrix(v.codes.length, 1, v.codes)
      : createMatrix(v.values.length / v.cols, v.cols, v.values);
  };
  const codesOf = (split: SplitName, name: string): Int32Array => {
    const v = syntheticFactorValues(set, split, name);
    return 'codes' in v ? v.codes : new Int32Array(0);
  };
  const factors = SYNTHETIC_FACTORS.map(({ name, kind }): FactorInput => {
    if (kind === 'identity') return { name, data: { kind } };
    if (kind === 'categorical') return { name, data: { kind, labels: per((split) => codesOf(split, name)) } };
    return { name, data: { kind, values: per((split) => matrixOf(split, name)) } };
  });
  return {
    layerName: layer.name,
    opNr: layerIndex,
    features: per((split) => createMatrix(set.factors[split].n, set.spec.components, layer.features[split])),
    testIds: set.factors.testing.id,
    factors,
  };
}

/**
 * Activations for the PCA benchmark: `rank` latent sources with variances decaying as 1/k,
 * mixed into `cols` features, plus isotropic noise (sd 0.1), float32.
 */
export function syntheticActivations(rows: number, cols: number, rank: number, seed: number): Float32Array {
  const rng = createRng(seed, 'synthetic-activations', rows, cols);
  const mixing = Float64Array.from({ length: rank * cols }, () => rng.normal(0, 1 / Math.sqrt(cols)));
  const out = new Float32Array(rows * cols);
  const z = new Float64Array(rank);
  const rowValues = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < rank; k++) z[k] = rng.normal(0, 10 / Math.sqrt(k + 1));
    for (let j = 0; j < cols; j++) rowValues[j] = rng.normal(0, 0.1);
    for (let k = 0; k < rank; k++) {
      const zk = z[k] ?? 0;
      for (let j = 0; j < cols; j++) rowValues[j] = (rowValues[j] ?? 0) + zk * (mixing[k * cols + j] ?? 0);
    }
    out.set(rowValues, i * cols);
  }
  return out;
}
