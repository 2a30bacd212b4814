/**
 * The generative model of faces, assembled: canonical mask -> closed head; identity shape
 * (GP morphable model) + hand-designed demographic directions + FACS action units give the
 * vertex positions; the texture model gives the albedo. Pure TypeScript: runs in workers.
 */
import {
  buildDemographicDirections,
  type DemographicDirections,
  demographicDisplacement,
} from '../demographics/shapeDirections';
import {
  type ActionUnitAmplitudes,
  type ActionUnitBasis,
  applyActionUnits,
  buildActionUnits,
} from '../expression/actionUnits';
import { emotionActionUnits } from '../expression/emotions';
import type { Emotion, Ethnicity, Gender } from '../generatorSpec';
import { completeHead, extendMaskDisplacement, type HeadMesh } from '../head/completeHead';
import { applySubdivision, subdivide, type Subdivision } from '../head/subdivide';
import type { CanonicalMesh } from '../mesh/canonicalMesh';
import type { ComponentSds } from '../sampling';
import { buildShapeModel, shapeDisplacement, type ShapeModel } from '../shape/shapeModel';
import { buildTextureModel, type TextureModel } from '../texture/textureModel';
import { renderAlbedo } from '../texture/renderAlbedo';

export interface FaceModelOptions {
  shapeComponents: number;
  textureComponents: number;
  /** Albedo texture size in pixels (power of two). */
  textureSize: number;
}

export const DEFAULT_FACE_MODEL_OPTIONS: FaceModelOptions = {
  shapeComponents: 394,
  textureComponents: 100,
  textureSize: 256,
};

export interface FaceModel {
  options: FaceModelOptions;
  mask: CanonicalMesh;
  head: HeadMesh;
  /** What is drawn: the head after one level of subdivision (head vertices first, same order). */
  mesh: Subdivision;
  shape: ShapeModel;
  demographics: DemographicDirections;
  actionUnits: ActionUnitBasis;
  texture: TextureModel;
  /** Component standard deviations, as the sampler needs them. */
  sds: ComponentSds;
}

/** What decides a face's geometry and albedo (the sampler's records fit this shape). */
export interface FaceIdentity {
  gender: Gender;
  ethn: Ethnicity;
  age: number;
  /** Raw N(0, 1)-scale coefficients; shorter arrays leave later components at 0. */
  shape: ArrayLike<number>;
  /** Five bands of raw coefficients. */
  tex: readonly ArrayLike<number>[];
}

export interface FaceExpression {
  emo: Emotion;
  /** Emotion intensity, 0..1 (1 = the prototype's amplitudes). */
  intensity?: number;
  /** Individual action units, added to the emotion's. */
  actionUnits?: ActionUnitAmplitudes;
}

export function buildFaceModel(mask: CanonicalMesh, options: FaceModelOptions = DEFAULT_FACE_MODEL_OPTIONS): FaceModel {
  const head = completeHead(mask);
  const shape = buildShapeModel(mask.positions, { components: options.shapeComponents });
  const texture = buildTextureModel(mask, { size: options.textureSize, components: options.textureComponents });
  return {
    options,
    mask,
    head,
    mesh: subdivide(head.indices, head.vertexCount, head.uvs),
    shape,
    demographics: buildDemographicDirections(mask.positions, mask.vertexCount),
    actionUnits: buildActionUnits(mask),
    texture,
    sds: { shapeSd: shape.sd, textureSd: texture.bandSd },
  };
}

/** Combined action-unit amplitudes of an emotion plus individual AUs, clamped to 0..1. */
export function expressionAmplitudes(expression: FaceExpression): ActionUnitAmplitudes {
  const result: ActionUnitAmplitudes = { ...emotionActionUnits(expression.emo, expression.intensity ?? 1) };
  for (const [au, value] of Object.entries(expression.actionUnits ?? {}) as [keyof ActionUnitAmplitudes, number][]) {
    result[au] = Math.min(1, Math.max(0, (result[au] ?? 0) + value));
  }
  return result;
}

/** Vertex positions (mm) of the drawn (subdivided) head for an identity and expression, before pose. */
export function faceVertexPositions(
  model: FaceModel,
  identity: FaceIdentity,
  expression: FaceExpression,
): Float32Array {
  const n = model.mask.vertexCount * 3;
  const coefficients = new Float64Array(model.shape.count);
  for (let i = 0; i < Math.min(coefficients.length, identity.shape.length); i++)
    coefficients[i] = identity.shape[i] ?? 0;
  const maskPositions = new Float32Array(model.mask.positions);
  const shape = shapeDisplacement(model.shape, coefficients);
  const demo = demographicDisplacement(model.demographics, identity);
  for (let i = 0; i < n; i++) maskPositions[i] = (maskPositions[i] ?? 0) + (shape[i] ?? 0) + (demo[i] ?? 0);
  const expressed = applyActionUnits(model.actionUnits, expressionAmplitudes(expression), maskPositions);
  // Everything the mask did (identity and expression) continues over the scalp.
  const displacement = new Float32Array(n);
  for (let i = 0; i < n; i++) displacement[i] = (expressed[i] ?? 0) - (model.mask.positions[i] ?? 0);
  const full = extendMaskDisplacement(model.head, displacement);
  for (let i = 0; i < full.length; i++) full[i] = (full[i] ?? 0) + (model.head.positions[i] ?? 0);
  return applySubdivision(model.mesh, full);
}

/** The identity's albedo texture (RGBA, textureSize^2, rows bottom-up). */
export function faceAlbedo(model: FaceModel, identity: FaceIdentity, out?: Uint8ClampedArray): Uint8ClampedArray {
  return renderAlbedo(
    model.texture,
    { gender: identity.gender, ethn: identity.ethn, age: identity.age, tex: identity.tex },
    out,
  );
}
