/**
 * The image sets of a factor audit: for each factor, N render parameters in which that factor
 * alone varies and everything else is fixed at one base face.
 * - Base: the centre of the dataset's distribution: every pose and light angle at the midpoint of
 *   its range, neutral expression, and either the model's mean face ('mean': every shape and
 *   texture coefficient at the spec's mean, the first listed gender and ethnicity, the middle age)
 *   or the dataset's identity 0 ('sample'). The mean face isolates each component's own effect
 *   and is the point about which the model is linear; 'sample' asks the same of a typical face.
 * - The audited factor is drawn over the dataset's range, or a documented default where the
 *   dataset fixes it (range 0..0): see DEFAULT_AUDIT_RANGES; stratified within each split
 *   (stratifiedDraws.ts). Categorical factors take every level the model has (7 emotions,
 *   2 genders, 3 ethnicities), balanced within each split.
 * - Texture: components of band 0 (the coarsest); bands 1..4 stay at the base.
 */
import { createRng } from '../../lib/random';
import {
  EMOTIONS,
  type Emotion,
  ETHNICITIES,
  GENDERS,
  type GeneratorSpec,
  type IntRange,
  type Normal,
  type PoseParam,
  TEXTURE_BANDS,
} from '../../model/gmf/generatorSpec';
import { drawIdentity } from '../../model/gmf/sampling';
import type { FaceRenderParams } from '../../model/render/facePipeline';
import type { ResolvedAuditOptions } from './auditOptions';
import { type AuditFactorInfo, auditedComponent } from './record/auditFactors';
import type { AuditRange } from './record/auditRecord';
import { normalQuantile, stratifiedUniforms } from './stratifiedDraws';

type Identity = FaceRenderParams['identity'];

/** Where the dataset fixes a factor (range 0..0, SD 0), the audit varies it over these. */
export const DEFAULT_AUDIT_RANGES = {
  /** xr, yr, zr in degrees. */
  rotation: { min: -30, max: 30 },
  /** xt, yt in mm. */
  translation: { min: -40, max: 40 },
  /** zt in mm (towards the camera). */
  zt: { min: -100, max: 100 },
  /** xl, yl, zl in degrees. */
  light: { min: -60, max: 60 },
  age: { min: 20, max: 70 },
  /** Raw shape and texture coefficients. */
  coefficient: { mu: 0, sd: 1 },
} as const;

const POSE: readonly PoseParam[] = ['xr', 'yr', 'zr', 'xt', 'yt', 'zt'];
const LIGHT: readonly PoseParam[] = ['xl', 'yl', 'zl'];

function isPoseParam(name: string): name is PoseParam {
  return (POSE as readonly string[]).includes(name) || (LIGHT as readonly string[]).includes(name);
}

function defaultPoseRange(p: PoseParam): IntRange {
  if (p === 'zt') return DEFAULT_AUDIT_RANGES.zt;
  if (p === 'xt' || p === 'yt') return DEFAULT_AUDIT_RANGES.translation;
  if (p === 'xl' || p === 'yl' || p === 'zl') return DEFAULT_AUDIT_RANGES.light;
  return DEFAULT_AUDIT_RANGES.rotation;
}

const uniform = (spec: IntRange, fallback: IntRange): AuditRange =>
  spec.min < spec.max
    ? { kind: 'uniform', min: spec.min, max: spec.max, source: 'spec' }
    : { kind: 'uniform', min: fallback.min, max: fallback.max, source: 'default' };

const normal = (spec: Normal): AuditRange =>
  spec.sd > 0
    ? { kind: 'normal', mu: spec.mu, sd: spec.sd, source: 'spec' }
    : { kind: 'normal', ...DEFAULT_AUDIT_RANGES.coefficient, source: 'default' };

/** The range (or levels) a factor is varied over for this dataset. */
export function auditRange(spec: GeneratorSpec, factor: AuditFactorInfo): AuditRange {
  const name = factor.name;
  if (isPoseParam(name)) return uniform(spec.ranges[name], defaultPoseRange(name));
  if (name === 'age') return uniform(spec.age, DEFAULT_AUDIT_RANGES.age);
  if (name === 'emo') return { kind: 'levels', levels: [...EMOTIONS], source: 'default' };
  if (name === 'gender') return { kind: 'levels', levels: [...GENDERS], source: 'default' };
  if (name === 'ethn') return { kind: 'levels', levels: [...ETHNICITIES], source: 'default' };
  return normal(auditedComponent(name)?.of === 'shape' ? spec.shape : spec.texture);
}

const middle = (r: IntRange): number => (r.min + r.max) / 2;

/** The face every set starts from (see the file comment). */
export function auditBase(
  spec: GeneratorSpec,
  options: Pick<ResolvedAuditOptions, 'base' | 'background'>,
): FaceRenderParams {
  const [x, y, z, xt, yt, zt, xl, yl, zl] = (['xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'zl'] as const).map((p) =>
    middle(spec.ranges[p]),
  );
  let identity: Identity;
  if (options.base === 'sample') {
    const { gender, ethn, age, shape, tex } = drawIdentity(spec, 0);
    identity = { gender, ethn, age, shape, tex };
  } else {
    identity = {
      gender: spec.genders[0] ?? 'M',
      ethn: spec.ethnicities[0] ?? 'WC',
      age: Math.round(middle(spec.age)),
      shape: new Float32Array(spec.shapeComponents).fill(spec.shape.mu),
      tex: Array.from({ length: TEXTURE_BANDS }, () => new Float32Array(spec.textureComponents).fill(spec.texture.mu)),
    };
  }
  return {
    identity,
    expression: { emo: spec.emotions.includes('neutral') ? 'neutral' : (spec.emotions[0] ?? 'neutral') },
    pose: { xr: x ?? 0, yr: y ?? 0, zr: z ?? 0, xt: xt ?? 0, yt: yt ?? 0, zt: zt ?? 0 },
    light: { xl: xl ?? 0, yl: yl ?? 0, zl: zl ?? 0 },
    background: options.background ? 0 : null,
  };
}

export type AuditTargets =
  | { readonly kind: 'continuous'; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly labels: readonly string[] };

export interface AuditSet {
  readonly factor: AuditFactorInfo;
  readonly range: AuditRange;
  /** Training images first, then validation, then testing (sizes in the options' split). */
  readonly params: readonly FaceRenderParams[];
  readonly targets: AuditTargets;
}

/** Labels balanced within each split: the j-th image of a split gets level j mod L. */
function balancedLabels(levels: readonly string[], split: ResolvedAuditOptions['split']): string[] {
  const labels: string[] = [];
  for (const size of [split.training, split.validation, split.testing])
    for (let j = 0; j < size; j++) labels.push(levels[j % levels.length] ?? '');
  return labels;
}

/** One factor's parameters with that factor set to `value` (a number, or a level). */
function withFactor(
  base: FaceRenderParams,
  name: string,
  value: number | string,
  identities: Map<string, Identity>,
): FaceRenderParams {
  if (isPoseParam(name)) {
    return (POSE as readonly string[]).includes(name)
      ? { ...base, pose: { ...base.pose, [name]: value } }
      : { ...base, light: { ...base.light, [name]: value } };
  }
  if (name === 'emo') return { ...base, expression: { ...base.expression, emo: value as Emotion } };
  if (name === 'gender' || name === 'ethn') {
    // One identity object per level: the pipeline re-renders the albedo only when the identity changes.
    let identity = identities.get(String(value));
    if (!identity) {
      identity = { ...base.identity, [name]: value };
      identities.set(String(value), identity);
    }
    return { ...base, identity };
  }
  if (name === 'age') return { ...base, identity: { ...base.identity, age: Number(value) } };
  const component = auditedComponent(name);
  if (!component) throw new RangeError(`no audit factor '${name}'`);
  const i = component.index - 1;
  if (component.of === 'shape') {
    const shape = Float32Array.from(base.identity.shape);
    shape[i] = Number(value);
    return { ...base, identity: { ...base.identity, shape } };
  }
  const band0 = Float32Array.from(base.identity.tex[0] ?? []);
  band0[i] = Number(value);
  return { ...base, identity: { ...base.identity, tex: [band0, ...base.identity.tex.slice(1)] } };
}

/** The set of one factor: its values or labels, seeded by (spec seed, 'factor-audit', factor). */
export function buildAuditSet(spec: GeneratorSpec, factor: AuditFactorInfo, options: ResolvedAuditOptions): AuditSet {
  const base = auditBase(spec, options);
  const range = auditRange(spec, factor);
  const identities = new Map<string, Identity>();
  if (range.kind === 'levels') {
    const labels = balancedLabels(range.levels, options.split);
    return {
      factor,
      range,
      params: labels.map((label) => withFactor(base, factor.name, label, identities)),
      targets: { kind: 'categorical', labels },
    };
  }
  const rng = createRng(options.seed, 'factor-audit', factor.name);
  const { training, validation, testing } = options.split;
  const values = Float64Array.from(
    [training, validation, testing].flatMap((m) => stratifiedUniforms(m, rng)),
    (u) =>
      range.kind === 'uniform' ? range.min + u * (range.max - range.min) : range.mu + range.sd * normalQuantile(u),
  );
  return {
    factor,
    range,
    params: Array.from(values, (v) => withFactor(base, factor.name, v, identities)),
    targets: { kind: 'continuous', values },
  };
}
