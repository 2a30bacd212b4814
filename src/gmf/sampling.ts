import { GmfError } from '../errors';
import type { Emotion, Ethnicity, Gender, GeneratorSpec } from './generatorSpec';
import { assertValidGeneratorSpec, POSE_PARAMS, TEXTURE_BANDS } from './generatorSpec';
import { createRng } from './random';
import type { HeadPose, LightAngles } from './poseParams';

/** Component standard deviations of the face model, needed to store coefficients "scaled". */
export interface ComponentSds {
  shapeSd: Float32Array;
  /** One array per spatial-frequency band. */
  textureSd: readonly Float32Array[];
}

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

/** Draws n ~ N(mu, sd) and their product with the model SDs (from the stored float32 values, so scaled = f32(raw * sd) exactly). */
function drawCoefficients(
  n: number,
  mu: number,
  sd: number,
  componentSd: Float32Array,
  normal: (mu: number, sd: number) => number,
): [Float32Array, Float32Array] {
  const raw = new Float32Array(n);
  const scaled = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    raw[i] = normal(mu, sd);
    scaled[i] = (raw[i] ?? 0) * (componentSd[i] ?? 0);
  }
  return [raw, scaled];
}

/**
 * Identity `id` draws from its own stream (seed, 'identity', id), in a fixed order: gender,
 * ethnicity, age, shape, then texture band 0..4. Changing that order changes every dataset.
 */
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

  const rng = createRng(spec.seed, 'identity', id);
  const gender = rng.pick(spec.genders);
  const ethn = rng.pick(spec.ethnicities);
  const age = rng.int(spec.age.min, spec.age.max);
  const [shape, shapeScaled] = drawCoefficients(
    spec.shapeComponents,
    spec.shape.mu,
    spec.shape.sd,
    model.shapeSd,
    rng.normal,
  );
  const tex: Float32Array[] = [];
  const texScaled: Float32Array[] = [];
  for (const bandSd of model.textureSd) {
    const [raw, scaled] = drawCoefficients(
      spec.textureComponents,
      spec.texture.mu,
      spec.texture.sd,
      bandSd,
      rng.normal,
    );
    tex.push(raw);
    texScaled.push(scaled);
  }
  return { id, gender, ethn, age, shape, shapeScaled, tex, texScaled };
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
  const rng = createRng(spec.seed, 'variation', id, variation);
  const pose = Object.fromEntries(
    POSE_PARAMS.map((p) => [p, rng.int(spec.ranges[p].min, spec.ranges[p].max)]),
  ) as Record<(typeof POSE_PARAMS)[number], number>;
  return { ...pose, emo: rng.pick(spec.emotions), bg: variation };
}
