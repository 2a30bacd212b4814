/**
 * The synthetic decomposed set of `npm run bench:analysis`: an "8-layer ResNet6 analysis" (the
 * layers a ResNet6 analysis decomposes, 128 components each, as the analysis default keeps) whose
 * testing split supports every view beyond decoding. Each identity's first `views` images sit on a
 * yaw grid symmetric around 0 (as the "Mirror symmetry (yaw views)" preset renders them), the rest
 * at random yaw, so every identity has images at yaw < 0, = 0 and > 0 and in every view bin.
 * Layers are noisy linear mixtures of the factors' sources with planted structure that shifts with
 * depth: signed yaw and view-specific identity early (negative symmetry index, identity decoded
 * within but not across views), mirror-symmetric yaw in the middle (index near 1), view-invariant
 * identity late. Same types as ./synthetic.ts, so ./peerBlob.ts exports and reads it unchanged.
 */
import { createRng } from '../../src/lib/random';
import type { Splits } from '../../src/pipeline/decode/decodeLayer';
import {
  EMOTIONS,
  type SplitName,
  type SyntheticDecomposition,
  type SyntheticFactorTable,
  defaultSyntheticLayers,
} from './synthetic';

/** Label texts of the factors stored as codes (sorted, as LabelEncoder and encodeLabels order them). */
export const LABELS = { gender: ['F', 'M'], ethn: ['BA', 'EA', 'WC'], emo: [...EMOTIONS] } as const;

const SOURCES = [
  'id',
  'idView',
  'gender',
  'ethn',
  'age',
  'shape',
  'tex',
  'yawSigned',
  'yawMirror',
  'pitchRoll',
  'translation',
  'lights',
  'emo',
  'bg',
] as const;
type Source = (typeof SOURCES)[number];

export interface ViewGridLayer {
  readonly name: string;
  /** Signal gain per source (0 when absent); noise has sd `noise`. */
  readonly gains: Partial<Record<Source, number>>;
}

export interface ViewGridSpec {
  readonly seed: number;
  readonly identities: Splits<number>;
  /** Images per identity: the first `views` on the yaw grid, the rest at random yaw. */
  readonly imagesPerIdentity: number;
  readonly views: number;
  /** The grid spans [-maxYaw, maxYaw] degrees. */
  readonly maxYaw: number;
  readonly backgrounds: number;
  readonly components: number;
  readonly shapeComponents: number;
  readonly texComponents: number;
  readonly noise: number;
  readonly layers: readonly ViewGridLayer[];
}

/**
 * The layers a ResNet6 analysis decomposes (src/pipeline/train/architectures): ./synthetic.ts's
 * eight layers and their gains (image-level factors early, identity late), its rotation gain
 * carried by pitch and roll, plus the yaw and view-specific identity planted here; the last layer
 * is the classifier's softmax (identity, and little else).
 */
export function resnet6Layers(): ViewGridLayer[] {
  const base = defaultSyntheticLayers();
  return base.map(({ name, gains }, l): ViewGridLayer => {
    if (l === base.length - 1) return { name: 'layer07_softmax', gains: { id: 3, gender: 0.3, ethn: 0.3 } };
    const d = l / (base.length - 2); // 0 at the input, 1 at the global pool
    const { rotation = 0, ...shared } = gains;
    return {
      name,
      gains: {
        ...shared,
        pitchRoll: rotation,
        yawSigned: 2 * (1 - d) ** 2,
        yawMirror: 12 * d * (1 - d),
        idView: 1.5 * (1 - d),
      },
    };
  });
}

/** Yaw of image `k` of an identity: the grid for k < views (exactly mirrored around 0), else uniform. */
function yawOf(spec: ViewGridSpec, k: number, uniform: () => number): number {
  const { views, maxYaw } = spec;
  return k < views ? (maxYaw * (2 * k - views + 1)) / (views - 1) : uniform();
}

type Sources = Record<Source, Float64Array[]>;

/** Leading shape and texture coefficients the identity code is read from (those the tuning design holds). */
const CODED_COEFFICIENTS = 10;
const IDENTITY_CODE = 8;
/** Sd of the identity code's part that no generative coefficient explains. */
const IDENTITY_RESIDUAL = 0.3;

/**
 * The identity code a layer carries: as in a network trained on faces, a function of the face's
 * shape and texture (a fixed random projection of their leading coefficients, unit variance per
 * dimension) plus a small residual, so that variance partitioning can attribute identity to them.
 */
function identityCoder(
  spec: ViewGridSpec,
): (shape: Float64Array, tex: Float64Array, residual: () => number) => Float64Array {
  const inputs = Math.min(CODED_COEFFICIENTS, spec.shapeComponents) + Math.min(CODED_COEFFICIENTS, spec.texComponents);
  const rng = createRng(spec.seed, 'view-grid-identity-code');
  const w = Float64Array.from({ length: IDENTITY_CODE * inputs }, () => rng.normal(0, 1 / Math.sqrt(inputs)));
  return (shape, tex, residual) => {
    const x = [...shape.subarray(0, CODED_COEFFICIENTS), ...tex.subarray(0, CODED_COEFFICIENTS)];
    return Float64Array.from({ length: IDENTITY_CODE }, (_, k) => {
      let v = 0;
      x.forEach((xi, j) => (v += (w[k * inputs + j] ?? 0) * xi));
      return v + IDENTITY_RESIDUAL * residual();
    });
  };
}

function table(
  spec: ViewGridSpec,
  split: SplitName,
  firstId: number,
  identityCode: ReturnType<typeof identityCoder>,
): { table: SyntheticFactorTable; sources: Sources } {
  const k = spec.imagesPerIdentity;
  const n = spec.identities[split] * k;
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
  const sources = Object.fromEntries(SOURCES.map((s) => [s, []])) as Record<string, Float64Array[]> as Sources;
  const oneHot = (size: number, at: number): Float64Array =>
    Float64Array.from({ length: size }, (_, i) => (i === at ? 1 : 0) - 1 / size);
  for (let a = 0; a < spec.identities[split]; a++) {
    const id = firstId + a;
    const rid = createRng(spec.seed, 'view-grid-identity', id);
    const gender = rid.int(0, 1);
    const ethn = rid.int(0, 2);
    const age = rid.int(20, 60);
    const shape = Float64Array.from({ length: spec.shapeComponents }, () => rid.normal());
    const tex = Float64Array.from({ length: spec.texComponents }, () => rid.normal());
    const embedding = identityCode(shape, tex, () => rid.normal());
    for (let v = 0; v < k; v++) {
      const i = a * k + v;
      const rv = createRng(spec.seed, 'view-grid-image', id, v);
      t.id[i] = id;
      t.bg[i] = rv.int(0, spec.backgrounds - 1);
      t.gender[i] = gender;
      t.ethn[i] = ethn;
      t.emo[i] = rv.int(0, EMOTIONS.length - 1);
      const yaw = yawOf(spec, v, () => rv.int(-spec.maxYaw, spec.maxYaw));
      const rot = [rv.int(-30, 30), yaw, rv.int(-30, 30)] as const;
      const trans = [rv.int(-100, 100), rv.int(-100, 100), rv.int(-100, 100)] as const;
      const light = [rv.int(-90, 90), rv.int(-90, 90), rv.int(-90, 90)] as const;
      scalars.age[i] = age;
      [scalars.xr[i], scalars.yr[i], scalars.zr[i]] = rot;
      [scalars.xt[i], scalars.yt[i], scalars.zt[i]] = trans;
      [scalars.xl[i], scalars.yl[i], scalars.zl[i]] = light;
      t.shape.set(shape, i * spec.shapeComponents);
      t.tex.set(tex, i * spec.texComponents);
      const y = yaw / spec.maxYaw;
      sources.id.push(embedding);
      // Identity whose code flips with the side of the views: decodable within a side, not across.
      sources.idView.push(embedding.map((e) => e * y));
      sources.gender.push(Float64Array.of(gender - 0.5));
      sources.ethn.push(oneHot(3, ethn));
      sources.age.push(Float64Array.of((age - 40) / 12));
      sources.shape.push(shape);
      sources.tex.push(tex);
      // Odd and even functions of yaw: tuning to signed yaw, and mirror-symmetric tuning (θ ≈ −θ).
      sources.yawSigned.push(Float64Array.of(y, Math.sin(Math.PI * y), y * Math.abs(y)));
      sources.yawMirror.push(Float64Array.of(Math.abs(y) - 0.5, Math.cos(Math.PI * y), y * y - 1 / 3));
      sources.pitchRoll.push(Float64Array.of(rot[0] / 17, rot[2] / 17));
      sources.translation.push(Float64Array.from(trans, (r) => r / 58));
      sources.lights.push(Float64Array.from(light, (r) => r / 52));
      sources.emo.push(oneHot(EMOTIONS.length, t.emo[i] ?? 0));
      sources.bg.push(oneHot(spec.backgrounds, t.bg[i] ?? 0));
    }
  }
  return { table: t, sources };
}

/** Activations of one layer in one split: N(0, noise) plus each source mixed in with its gain. */
function mixLayer(
  spec: ViewGridSpec,
  layer: ViewGridLayer,
  l: number,
  split: SplitName,
  built: ReturnType<typeof table>,
): Float32Array {
  const c = spec.components;
  // One mixing matrix per source and layer, entries N(0, 1/dim): each source's signal variance ≈ gain².
  const mixing: { gain: number; m: Float64Array; dim: number; rows: Float64Array[] }[] = [];
  for (const s of SOURCES) {
    const gain = layer.gains[s] ?? 0;
    const rows = built.sources[s];
    const dim = rows[0]?.length ?? 0;
    if (gain === 0 || dim === 0) continue;
    const rng = createRng(spec.seed, 'view-grid-mixing', l, s);
    mixing.push({
      gain,
      dim,
      rows,
      m: Float64Array.from({ length: dim * c }, () => rng.normal(0, 1 / Math.sqrt(dim))),
    });
  }
  const n = built.table.n;
  const out = new Float32Array(n * c);
  const row = new Float64Array(c);
  const noise = createRng(spec.seed, 'view-grid-noise', l, split);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < c; j++) row[j] = noise.normal(0, spec.noise);
    for (const { gain, m, dim, rows } of mixing) {
      const s = rows[i];
      if (s === undefined) continue;
      for (let d = 0; d < dim; d++) {
        const w = gain * (s[d] ?? 0);
        for (let j = 0; j < c; j++) row[j] = (row[j] ?? 0) + w * (m[d * c + j] ?? 0);
      }
    }
    out.set(row, i * c);
  }
  return out;
}

/** The set, as ./synthetic.ts's type (its spec's layers carry names only: the gains here are per source). */
export function generateViewGridDecomposition(spec: ViewGridSpec): SyntheticDecomposition {
  if (spec.imagesPerIdentity < spec.views)
    throw new RangeError(
      `Every identity needs an image in each of the ${spec.views} yaw views, so at least ${spec.views} images per identity; got ${spec.imagesPerIdentity}.`,
    );
  const code = identityCoder(spec);
  const built = {
    training: table(spec, 'training', 0, code),
    validation: table(spec, 'validation', spec.identities.training, code),
    testing: table(spec, 'testing', spec.identities.training + spec.identities.validation, code),
  };
  const layers = spec.layers.map((layer, l) => ({
    name: layer.name,
    features: {
      training: mixLayer(spec, layer, l, 'training', built.training),
      validation: mixLayer(spec, layer, l, 'validation', built.validation),
      testing: mixLayer(spec, layer, l, 'testing', built.testing),
    },
  }));
  return {
    spec: { ...spec, layers: spec.layers.map(({ name }) => ({ name, gains: {} })) },
    factors: { training: built.training.table, validation: built.validation.table, testing: built.testing.table },
    layers,
  };
}
