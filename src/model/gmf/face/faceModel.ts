/**
 * What every face model offers the renderer, the sampler and the UI (DESIGN.md section 3): a
 * drawable topology with material groups, component standard deviations, vertex positions for
 * an identity and an expression, and the identity's textures. Two models implement it: the
 * procedural GP/MediaPipe model (`gmf-procedural`, version 1 of the workbench) and the
 * scan-based ICT-FaceKit model (`ict-facekit`, the default). A dataset and an Explore URL record
 * which model (and version) made them, so their images are reproduced with that model.
 */
import type { BackgroundStyle } from '../background/backgrounds';
import { type ActionUnitAmplitudes } from '../expression/actionUnits';
import { emotionActionUnits } from '../expression/emotions';
import type { Ethnicity, Gender } from '../demographics/categories';
import type { Emotion } from '../expression/emotions';

/** Component standard deviations of a face model, needed to store coefficients "scaled". */
export interface ComponentSds {
  shapeSd: Float32Array;
  /** One array per spatial-frequency band. */
  textureSd: readonly Float32Array[];
}

export type FaceModelId = 'gmf-procedural' | 'ict-facekit';
export const FACE_MODEL_IDS: readonly FaceModelId[] = ['ict-facekit', 'gmf-procedural'];

export interface FaceModelInfo {
  id: FaceModelId;
  /** Bumped whenever the same parameters would give other pixels; stored with every dataset. */
  version: number;
  label: string;
  /** One sentence for forms and the README. */
  description: string;
  /** Identity shape components available (the generator's "shape components" at most this). */
  maxShapeComponents: number;
  /** Texture components per spatial-frequency band available. */
  maxTextureComponents: number;
  /** The phase-scrambled backgrounds drawn behind its faces (part of what reproduces an image). */
  backgroundStyle: BackgroundStyle;
  /** How the renderer writes colour: sRGB once, or twice as the procedural model's datasets were made. */
  outputEncoding: 'srgb' | 'double-srgb-v1';
  /**
   * Whether frames drawn at render scale >= 2 (box-filtered down, i.e. supersampled) are also
   * multisampled. Supersampling already antialiases; MSAA on top quadruples the rasteriser's work.
   * The procedural model's datasets were made with both, so it keeps both to reproduce them.
   */
  msaaWhenSupersampled: boolean;
}

export const FACE_MODELS: Readonly<Record<FaceModelId, FaceModelInfo>> = {
  'ict-facekit': {
    id: 'ict-facekit',
    version: 1,
    label: 'Scan-based (ICT-FaceKit)',
    description:
      'Head, eyes, teeth and expressions from light-stage scans (ICT-FaceKit Light, MIT licence): 100 identity modes, 53 expression shapes.',
    maxShapeComponents: 100,
    maxTextureComponents: 100,
    backgroundStyle: 'natural',
    outputEncoding: 'srgb',
    msaaWhenSupersampled: false,
  },
  'gmf-procedural': {
    id: 'gmf-procedural',
    version: 1,
    label: 'Procedural (MediaPipe mask, v1)',
    description: 'The first model: a Gaussian-process shape model over MediaPipe’s face mask, closed into a bald head.',
    maxShapeComponents: 394,
    maxTextureComponents: 394,
    backgroundStyle: 'dead-leaves',
    outputEncoding: 'double-srgb-v1',
    msaaWhenSupersampled: true,
  },
};

/** New datasets and Explore faces use this model. */
export const DEFAULT_FACE_MODEL_ID: FaceModelId = 'ict-facekit';
/** Datasets and URLs made before models were recorded were made with this one. */
export const LEGACY_FACE_MODEL_ID: FaceModelId = 'gmf-procedural';

export function isFaceModelId(value: unknown): value is FaceModelId {
  return (FACE_MODEL_IDS as readonly unknown[]).includes(value);
}

/** What a group of triangles is drawn as: the renderer gives each its own material. */
export type MaterialKind = 'skin' | 'iris' | 'cornea' | 'teeth' | 'gums' | 'mouth' | 'lashes' | 'hair' | 'cloth';

export interface DrawGroup {
  name: string;
  material: MaterialKind;
  /** Range in `indices` (a multiple of 3). */
  start: number;
  count: number;
}

export interface FaceTopology {
  /** Render vertices (a model vertex split along texture seams counts once per uv). */
  vertexCount: number;
  /** uv per render vertex; v = 0 is the bottom row of the textures. */
  uvs: Float32Array;
  indices: Uint32Array;
  /** Cover `indices` in order; the procedural model has one skin group. */
  groups: readonly DrawGroup[];
  /** Render vertices of the face: their mean x, y is the centre the head rotates about. */
  faceVertices: Uint32Array;
  /** Render vertices of the head's outer surface: their mean z is the rotation centre's z. */
  headVertices: Uint32Array;
  /** Side of the skin texture in pixels. */
  textureSize: number;
}

export type HairStyle = 'none' | 'short';
export const HAIR_STYLES: readonly HairStyle[] = ['none', 'short'];

/** What decides a face's geometry and textures (the sampler's records fit this shape). */
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
  /** Where the eyes look, each -1..1: x to the subject's left, y up (models with eyeballs). */
  gaze?: { x: number; y: number };
}

/** An RGBA texture, rows bottom-up (row 0 at v = 0). */
export interface MaterialTexture {
  size: number;
  rgba: Uint8ClampedArray;
}

/** The identity's textures: the skin atlas, and for models with eyes an iris texture. */
export type FaceTextures = { skin: MaterialTexture } & Partial<Record<'iris' | 'hair', MaterialTexture>>;

export interface FaceModel {
  info: FaceModelInfo;
  topology: FaceTopology;
  /** Component standard deviations: stored coefficients are raw × sd ("scaled", as the original). */
  sds: ComponentSds;
  /** Render vertex of the nose tip (tests check the camera model against the renderer with it). */
  noseTip: number;
  /** Render vertices (mm, y up, face towards +z) before pose. */
  positions(identity: FaceIdentity, expression: FaceExpression): Float32Array;
  textures(identity: FaceIdentity): FaceTextures;
}

/** Combined action-unit amplitudes of an emotion plus individual AUs, clamped to 0..1. */
export function expressionAmplitudes(expression: FaceExpression): ActionUnitAmplitudes {
  const result: ActionUnitAmplitudes = { ...emotionActionUnits(expression.emo, expression.intensity ?? 1) };
  for (const [au, value] of Object.entries(expression.actionUnits ?? {}) as [keyof ActionUnitAmplitudes, number][]) {
    result[au] = Math.min(1, Math.max(0, (result[au] ?? 0) + value));
  }
  return result;
}

/**
 * The centre the head rotates about (DESIGN.md): the mean of the face vertices in x and y,
 * the mean of the head's vertices in z.
 */
export function faceCentre(
  topology: Pick<FaceTopology, 'faceVertices' | 'headVertices'>,
  positions: Float32Array,
): [number, number, number] {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const v of topology.faceVertices) {
    x += positions[3 * v] ?? 0;
    y += positions[3 * v + 1] ?? 0;
  }
  for (const v of topology.headVertices) z += positions[3 * v + 2] ?? 0;
  const nf = Math.max(1, topology.faceVertices.length);
  return [x / nf, y / nf, z / Math.max(1, topology.headVertices.length)];
}
