import { GmfError } from '../../lib/errors';
import type { Emotion, Ethnicity, Gender, GeneratorSpec } from './generatorSpec';
import { assertValidGeneratorSpec, POSE_PARAMS, TEXTURE_BANDS, yawGridAngle } from './generatorSpec';
import { createRng, type Rng } from '../../lib/random';
import type { ComponentSds } from './face/faceModel';
import type { HeadPose, LightAngles } from './poseParams';

/** Per-identity parameters, named as in the original's features record. */
export interface IdentityParams {
  id: number;
  gender: Gender;
  ethn: Ethnicity;
  age: number;
  /** Raw coefficients ~ N(spec.shape.mu, spec.shape.sd). */
  shape: Float32Array;
  /** shape x component SD: what the original stored. */
  shapeScaled: Float32Array;
  /** One array per band, raw ~ N(spec.texture.mu, spec.texture.sd). */
  tex: Float32Array[];
  texScaled: Float32Array[];
}

/** Per-variation parameters: pose, light, expression and background. */
export interface VariationParams extends HeadPose, LightAngles {
  emo: Emotion;
  /** = variation index, so backgrounds are counterbalanced across identities. */
  bg: number;
}

function checkIndex(label: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new GmfError('BAD_SAMPLE_INDEX', `${label} must be a whole number of 0 or more, got ${value}.`);
  }
}

function checkSds(label: string, sd: Float32Array, needed: number): void {
  if (sd.length < needed) {
    throw new GmfError(
      'MODEL_TOO_FEW_COMPONENTS',
      `The face model has ${sd.length} ${label} components but the settings ask for ${needed}; lower the component count.`,
    );
  }
}

/** What an identity's draw depends on: the generator's seed and its sampling settings. */
export type IdentityDrawSpec = Pick<
  GeneratorSpec,
  'seed' | 'genders' | 'ethnicities' | 'age' | 'shape' | 'texture' | 'shapeComponents' | 'textureComponents'
>;

export type RawIdentity = Pick<IdentityParams, 'id' | 'gender' | 'ethn' | 'age' | 'shape' | 'tex'>;

/**
 * Identity `id` draws from its own stream (seed, 'identity', id), in a fixed order: gender,
 * ethnicity, age, shape, then texture band 0..4. Changing that order changes every dataset.
 * Raw coefficients only: what Explore needs to show a dataset's identity.
 */
export function drawIdentity(spec: IdentityDrawSpec, id: number): RawIdentity {
  checkIndex('Identity index', id);
  const rng = createRng(spec.seed, 'identity', id);
  const gender = rng.pick(spec.genders);
  const ethn = rng.pick(spec.ethnicities);
  const age = rng.int(spec.age.min, spec.age.max);
  const draw = (n: number, mu: number, sd: number) => Float32Array.from({ length: n }, () => rng.normal(mu, sd));
  const shape = draw(spec.shapeComponents, spec.shape.mu, spec.shape.sd);
  const tex = Array.from({ length: TEXTURE_BANDS }, () =>
    draw(spec.textureComponents, spec.texture.mu, spec.texture.sd),
  );
  return { id, gender, ethn, age, shape, tex };
}

/** Coefficient x component SD from the stored float32 values, so scaled = f32(raw * sd) exactly. */
function scaled(raw: Float32Array, componentSd: Float32Array): Float32Array {
  return raw.map((value, i) => value * (componentSd[i] ?? 0));
}

/** The identity's parameters as the generator stores them: raw and scaled coefficients. */
export function sampleIdentity(spec: GeneratorSpec, id: number, model: ComponentSds): IdentityParams {
  assertValidGeneratorSpec(spec);
  checkIndex('Identity index', id);
  checkSds('shape', model.shapeSd, spec.shapeComponents);
  if (model.textureSd.length !== TEXTURE_BANDS) {
    throw new GmfError(
      'MODEL_TEXTURE_BANDS',
      `The face model has ${model.textureSd.length} texture bands; ${TEXTURE_BANDS} are expected.`,
    );
  }
  model.textureSd.forEach((sd, band) => {
    checkSds(`texture (band ${band})`, sd, spec.textureComponents);
  });
  const raw = drawIdentity(spec, id);
  return {
    ...raw,
    shapeScaled: scaled(raw.shape, model.shapeSd),
    texScaled: raw.tex.map((band, b) => scaled(band, model.textureSd[b] ?? new Float32Array(0))),
  };
}

/**
 * Pose, light and emotion of variation index `bg` (also its background) drawn from the spec's
 * ranges by `rng` (xr..zl, then emotion). With a yaw grid, yr is then replaced by the grid's
 * view bg mod yawViews; it is still drawn first, so every other value is the one drawn without.
 */
export function drawVariation(
  spec: Pick<GeneratorSpec, 'ranges' | 'emotions' | 'yawViews'>,
  rng: Rng,
  bg: number,
): VariationParams {
  const pose = Object.fromEntries(
    POSE_PARAMS.map((p) => [p, rng.int(spec.ranges[p].min, spec.ranges[p].max)]),
  ) as Record<(typeof POSE_PARAMS)[number], number>;
  if (spec.yawViews !== undefined) pose.yr = yawGridAngle(spec.ranges.yr, spec.yawViews, bg);
  return { ...pose, emo: rng.pick(spec.emotions), bg };
}

/** Variation `variation` of identity `id` draws from (seed, 'variation', id, variation): xr..zl, then emotion. */
export function sampleVariation(spec: GeneratorSpec, id: number, variation: number): VariationParams {
  assertValidGeneratorSpec(spec);
  checkIndex('Identity index', id);
  checkIndex('Variation index', variation);
  if (variation >= spec.variationsPerIdentity) {
    throw new GmfError(
      'BAD_SAMPLE_INDEX',
      `Variation ${variation} is past the ${spec.variationsPerIdentity} variations per identity.`,
    );
  }
  return drawVariation(spec, createRng(spec.seed, 'variation', id, variation), variation);
}
