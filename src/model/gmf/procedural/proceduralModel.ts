/**
 * The procedural face model (`gmf-procedural`, the workbench's first): MediaPipe's canonical
 * mask closed into a head; identity shape (GP morphable model) + hand-designed demographic
 * directions + FACS action units give the vertex positions; the 5-band texture model gives the
 * albedo. Kept so that datasets and URLs made with it reproduce their exact images.
 */
import {
  buildDemographicDirections,
  type DemographicDirections,
  demographicDisplacement,
} from '../demographics/shapeDirections';
import { type ActionUnitBasis, applyActionUnits, buildActionUnits } from '../expression/actionUnits';
import {
  expressionAmplitudes,
  FACE_MODELS,
  type FaceExpression,
  type FaceIdentity,
  type FaceModel,
  type FaceTopology,
} from '../face/faceModel';
import { completeHead, extendMaskDisplacement, type HeadMesh } from '../head/completeHead';
import { applySubdivision, subdivide, type Subdivision } from '../head/subdivide';
import type { CanonicalMesh } from '../mesh/canonicalMesh';
import { NOSE_TIP } from '../mesh/landmarks';
import { buildShapeModel, shapeDisplacement, type ShapeModel } from '../shape/shapeModel';
import { buildTextureModel, type TextureModel } from '../texture/textureModel';
import { renderAlbedo } from '../texture/renderAlbedo';

export interface ProceduralModelOptions {
  shapeComponents: number;
  textureComponents: number;
  /** Albedo texture size in pixels (power of two). */
  textureSize: number;
}

export const DEFAULT_PROCEDURAL_OPTIONS: ProceduralModelOptions = {
  shapeComponents: 394,
  textureComponents: 100,
  textureSize: 256,
};

/** The parts, for tests and tools that look inside. */
export interface ProceduralParts {
  options: ProceduralModelOptions;
  mask: CanonicalMesh;
  head: HeadMesh;
  /** What is drawn: the head after one level of subdivision (head vertices first, same order). */
  mesh: Subdivision;
  shape: ShapeModel;
  demographics: DemographicDirections;
  actionUnits: ActionUnitBasis;
  texture: TextureModel;
}

const range = (n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => i);

/** Vertex positions (mm) of the drawn (subdivided) head for an identity and expression, before pose. */
function positionsOf(parts: ProceduralParts, identity: FaceIdentity, expression: FaceExpression): Float32Array {
  const n = parts.mask.vertexCount * 3;
  const coefficients = new Float64Array(parts.shape.count);
  for (let i = 0; i < Math.min(coefficients.length, identity.shape.length); i++)
    coefficients[i] = identity.shape[i] ?? 0;
  const maskPositions = new Float32Array(parts.mask.positions);
  const shape = shapeDisplacement(parts.shape, coefficients);
  const demo = demographicDisplacement(parts.demographics, identity);
  for (let i = 0; i < n; i++) maskPositions[i] = (maskPositions[i] ?? 0) + (shape[i] ?? 0) + (demo[i] ?? 0);
  const expressed = applyActionUnits(parts.actionUnits, expressionAmplitudes(expression), maskPositions);
  // Everything the mask did (identity and expression) continues over the scalp.
  const displacement = new Float32Array(n);
  for (let i = 0; i < n; i++) displacement[i] = (expressed[i] ?? 0) - (parts.mask.positions[i] ?? 0);
  const full = extendMaskDisplacement(parts.head, displacement);
  for (let i = 0; i < full.length; i++) full[i] = (full[i] ?? 0) + (parts.head.positions[i] ?? 0);
  return applySubdivision(parts.mesh, full);
}

export function buildProceduralParts(
  mask: CanonicalMesh,
  options: ProceduralModelOptions = DEFAULT_PROCEDURAL_OPTIONS,
): ProceduralParts {
  const head = completeHead(mask);
  return {
    options,
    mask,
    head,
    mesh: subdivide(head.indices, head.vertexCount, head.uvs),
    shape: buildShapeModel(mask.positions, { components: options.shapeComponents }),
    demographics: buildDemographicDirections(mask.positions, mask.vertexCount),
    actionUnits: buildActionUnits(mask),
    texture: buildTextureModel(mask, { size: options.textureSize, components: options.textureComponents }),
  };
}

/** The procedural model behind the FaceModel interface: one skin group, mask vertices first. */
export function proceduralFaceModel(parts: ProceduralParts): FaceModel {
  const { mesh, mask, texture, options } = parts;
  const topology: FaceTopology = {
    vertexCount: mesh.vertexCount,
    uvs: mesh.uvs,
    indices: mesh.indices,
    groups: [{ name: 'head', material: 'skin', start: 0, count: mesh.indices.length }],
    faceVertices: range(mask.vertexCount),
    headVertices: range(mesh.vertexCount),
    textureSize: options.textureSize,
  };
  return {
    info: FACE_MODELS['gmf-procedural'],
    topology,
    sds: { shapeSd: parts.shape.sd, textureSd: texture.bandSd },
    noseTip: NOSE_TIP,
    positions: (identity, expression) => positionsOf(parts, identity, expression),
    textures: (identity) => ({
      skin: {
        size: options.textureSize,
        rgba: renderAlbedo(texture, {
          gender: identity.gender,
          ethn: identity.ethn,
          age: identity.age,
          tex: identity.tex,
        }),
      },
    }),
  };
}

export function buildProceduralModel(mask: CanonicalMesh, options?: ProceduralModelOptions): FaceModel {
  return proceduralFaceModel(buildProceduralParts(mask, options));
}
