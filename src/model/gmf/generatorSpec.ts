import { GmfError } from '../../lib/errors';
// Backgrounds are counterbalanced (bg = variation index), so there must be one per variation.
import { BACKGROUND_COUNT } from './background/backgrounds';
import { EMOTIONS, type Emotion } from './expression/emotions';
import {
  DEFAULT_FACE_MODEL_ID,
  FACE_MODELS,
  type FaceModelId,
  HAIR_STYLES,
  type HairStyle,
  isFaceModelId,
  LEGACY_FACE_MODEL_ID,
} from './face/faceModel';
import { nameIssue } from '../../lib/names';
import { plausibilityIssues } from './plausibleRanges';

/** Every option of the original stimulus generator (DESIGN.md sections 1 and 6). */
import { ETHNICITIES, type Ethnicity, GENDERS, type Gender } from './demographics/categories';
export { ETHNICITIES, type Ethnicity, GENDERS, type Gender } from './demographics/categories';
export { EMOTIONS, type Emotion };
export type ImageFormat = 'png' | 'jpg';
/** Rotation xr..zr (deg), translation xt..zt (mm), light rotation xl..zl (deg). */
export type PoseParam = 'xr' | 'yr' | 'zr' | 'xt' | 'yt' | 'zt' | 'xl' | 'yl' | 'zl';

export interface IntRange {
  min: number;
  max: number;
}
export interface Normal {
  mu: number;
  sd: number;
}

export interface GeneratorSpec {
  name: string;
  identities: number;
  variationsPerIdentity: number;
  addBackground: boolean;
  /** Square image side in pixels. */
  resolution: number;
  format: ImageFormat;
  genders: Gender[];
  ethnicities: Ethnicity[];
  age: IntRange;
  shape: Normal;
  texture: Normal;
  ranges: Record<PoseParam, IntRange>;
  /** mm from the face. */
  cameraDistance: number;
  /** Supersampling factor of the renderer. */
  renderScale: number;
  binocular: boolean;
  seed: number;
  emotions: Emotion[];
  shapeComponents: number;
  /** Per spatial-frequency band. */
  textureComponents: number;
  /** The face model; absent in datasets made before there was a choice (= the procedural model). */
  faceModel?: FaceModelId;
  /** The model's version the images were made with (FACE_MODELS[id].version at generation). */
  faceModelVersion?: number;
  /** A short hair cap (models that have one) or none; absent = none. */
  hair?: HairStyle;
  /**
   * Yaw on a grid instead of drawn: variation v of every identity turns to view v mod yawViews of
   * `yawViews` evenly spaced angles over ranges.yr (both ends included), so every identity has
   * the same views, mirrored around 0 for a symmetric range (the mirror-symmetry index needs
   * this). Absent = yaw drawn at random, as the original; the other draws are the same either way.
   */
  yawViews?: number;
}

/**
 * View `view` of the yaw grid: `views` evenly spaced angles over [min, max]. Written as a
 * weighted mean of the ends so a symmetric range gives exactly mirrored angles (-a and a).
 */
export function yawGridAngle(range: IntRange, views: number, view: number): number {
  const k = view % views;
  return (range.min * (views - 1 - k) + range.max * k) / (views - 1);
}

/** The face model a spec names, with the defaults of specs made before models were recorded. */
export function faceModelOf(spec: Pick<GeneratorSpec, 'faceModel' | 'faceModelVersion'>): {
  id: FaceModelId;
  version: number;
} {
  const id = spec.faceModel ?? LEGACY_FACE_MODEL_ID;
  return { id, version: spec.faceModelVersion ?? FACE_MODELS[id].version };
}

const FORMATS: readonly string[] = ['png', 'jpg'];
export const POSE_PARAMS: readonly PoseParam[] = ['xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'zl'];
export const TEXTURE_BANDS = 5;
export const MIN_RESOLUTION = 16;
export const MAX_RESOLUTION = 1024;

function zeroRanges(): Record<PoseParam, IntRange> {
  return Object.fromEntries(POSE_PARAMS.map((p) => [p, { min: 0, max: 0 }])) as Record<PoseParam, IntRange>;
}

/** Presets share nested arrays and objects, so freeze them deeply; copy with structuredClone to edit. */
function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value);
}

export const DEFAULT_GENERATOR_SPEC: Readonly<GeneratorSpec> = deepFreeze({
  name: 'default',
  identities: 256,
  variationsPerIdentity: 1,
  addBackground: false,
  resolution: 256,
  format: 'png',
  genders: ['M', 'F'],
  ethnicities: ['WC', 'EA'],
  age: { min: 25, max: 25 },
  shape: { mu: 0, sd: 1 },
  texture: { mu: 0, sd: 1 },
  ranges: zeroRanges(),
  cameraDistance: 400,
  renderScale: 4,
  binocular: false,
  seed: 42,
  emotions: [...EMOTIONS],
  shapeComponents: 100,
  textureComponents: 100,
  faceModel: DEFAULT_FACE_MODEL_ID,
  faceModelVersion: FACE_MODELS[DEFAULT_FACE_MODEL_ID].version,
  hair: 'none',
});

/** The original's worked example: 1 identity per call x 256 variations, wide pose and light. */
export const BINOCULAR_112_PRESET: Readonly<GeneratorSpec> = deepFreeze({
  ...DEFAULT_GENERATOR_SPEC,
  name: 'binocular-112',
  identities: 1,
  variationsPerIdentity: 256,
  addBackground: true,
  resolution: 112,
  format: 'jpg',
  age: { min: 25, max: 50 },
  ranges: {
    ...zeroRanges(),
    xr: { min: -30, max: 30 },
    yr: { min: -30, max: 30 },
    zr: { min: -30, max: 30 },
    xt: { min: -100, max: 100 },
    yt: { min: -100, max: 100 },
    zt: { min: -100, max: 100 },
    xl: { min: -90, max: 90 },
    yl: { min: -90, max: 90 },
  },
  binocular: true,
});

/**
 * Mirror-symmetric viewpoint tuning (Farzmahdi et al. 2024, eLife 90256): every identity seen
 * from the same 9 yaw angles, -90..90 in 22.5° steps as in their stimuli, with nothing else
 * varying: frontal light, neutral face, no background (backgrounds follow the variation index, so
 * they would differ view by view alike for every identity and confound the view).
 */
export const MIRROR_SYMMETRY_PRESET: Readonly<GeneratorSpec> = deepFreeze({
  ...DEFAULT_GENERATOR_SPEC,
  name: 'mirror-symmetry',
  identities: 64,
  variationsPerIdentity: 9,
  resolution: 64,
  emotions: ['neutral'],
  ranges: { ...zeroRanges(), yr: { min: -90, max: 90 } },
  yawViews: 9,
  seed: 90256,
});

/** Small enough to generate in seconds in a browser, for smoke tests and first looks. */
export const TINY_PRESET: Readonly<GeneratorSpec> = deepFreeze({
  ...BINOCULAR_112_PRESET,
  name: 'tiny',
  identities: 12,
  variationsPerIdentity: 4,
  resolution: 64,
});

export interface SpecIssue {
  field: string;
  message: string;
}

/** Raised where code needs a valid spec; carries every issue so the UI can mark each field. */
export class GeneratorSpecError extends GmfError {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[]) {
    super('INVALID_GENERATOR_SPEC', `Generator settings are invalid: ${issues.map((i) => i.message).join(' ')}`);
    this.issues = issues;
  }
}

/**
 * Every problem of `spec`, each with the field it is about. `takenNames`: the names of the
 * datasets already stored (forms pass them; imports rename a clash instead).
 */
export function validateGeneratorSpec(spec: GeneratorSpec, takenNames: readonly string[] = []): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (field: string, message: string): void => {
    issues.push({ field, message });
  };
  const count = (field: string, label: string, value: number, min: number, max = Infinity): void => {
    if (!Number.isInteger(value)) add(field, `${label} must be a whole number, got ${value}.`);
    else if (value < min || value > max) {
      add(
        field,
        `${label} must be ${max === Infinity ? `at least ${min}` : `between ${min} and ${max}`}, got ${value}.`,
      );
    }
  };
  const range = (field: string, label: string, r: IntRange): void => {
    if (!Number.isInteger(r.min) || !Number.isInteger(r.max)) {
      add(field, `${label} range ends must be whole numbers, got ${r.min}..${r.max}.`);
    } else if (r.min > r.max) add(field, `${label} minimum ${r.min} is above its maximum ${r.max}.`);
  };
  const normal = (field: string, label: string, n: Normal): void => {
    if (!Number.isFinite(n.mu)) add(`${field}.mu`, `${label} mean must be a number, got ${n.mu}.`);
    if (!Number.isFinite(n.sd) || n.sd < 0) add(`${field}.sd`, `${label} SD must be zero or more, got ${n.sd}.`);
  };
  const subset = <T>(field: string, label: string, values: readonly T[], allowed: readonly T[]): void => {
    if (values.length === 0) add(field, `Choose at least one ${label}.`);
    const unknown = values.filter((v) => !allowed.includes(v));
    if (unknown.length > 0) add(field, `Unknown ${label} ${unknown.join(', ')}; allowed: ${allowed.join(', ')}.`);
    if (new Set(values).size !== values.length) add(field, `Each ${label} may be listed once.`);
  };

  const nameProblem = nameIssue(spec.name, 'dataset', takenNames);
  if (nameProblem) add('name', nameProblem);
  count('identities', 'Number of identities', spec.identities, 1);
  count('variationsPerIdentity', 'Variations per identity', spec.variationsPerIdentity, 1);
  if (spec.addBackground && spec.variationsPerIdentity > BACKGROUND_COUNT) {
    add(
      'variationsPerIdentity',
      `With backgrounds on, at most ${BACKGROUND_COUNT} variations per identity (one background each), got ${spec.variationsPerIdentity}.`,
    );
  }
  count('resolution', 'Resolution', spec.resolution, MIN_RESOLUTION, MAX_RESOLUTION);
  // Specs also arrive from saved JSON, so check values the type already rules out.
  if (!FORMATS.includes(spec.format)) add('format', `Image format must be png or jpg, got ${spec.format}.`);
  subset('genders', 'gender', spec.genders, GENDERS);
  subset('ethnicities', 'ethnicity', spec.ethnicities, ETHNICITIES);
  subset('emotions', 'emotion', spec.emotions, EMOTIONS);
  range('age', 'Age', spec.age);
  normal('shape', 'Shape', spec.shape);
  normal('texture', 'Texture', spec.texture);
  for (const p of POSE_PARAMS) range(`ranges.${p}`, p, spec.ranges[p]);
  // Its plausible range is checked with the other ranges below (plausibleRanges.ts).
  if (!Number.isFinite(spec.cameraDistance))
    add('cameraDistance', `Camera distance must be a number of mm, got ${spec.cameraDistance}.`);
  count('renderScale', 'Render scale', spec.renderScale, 1, 8);
  if (!Number.isSafeInteger(spec.seed)) add('seed', `Seed must be a whole number, got ${spec.seed}.`);
  if (spec.faceModel !== undefined && !isFaceModelId(spec.faceModel)) {
    add('faceModel', `Unknown face model '${String(spec.faceModel)}'; known: ${Object.keys(FACE_MODELS).join(', ')}.`);
  }
  const model = FACE_MODELS[isFaceModelId(spec.faceModel) ? spec.faceModel : LEGACY_FACE_MODEL_ID];
  if (spec.faceModelVersion !== undefined && spec.faceModelVersion !== model.version) {
    add(
      'faceModelVersion',
      `These settings were made with version ${spec.faceModelVersion} of the ${model.label} model; this app has version ${model.version}, whose images differ.`,
    );
  }
  if (spec.hair !== undefined && !HAIR_STYLES.includes(spec.hair))
    add('hair', `Hair must be one of ${HAIR_STYLES.join(', ')}.`);
  if (spec.yawViews !== undefined) yawViewIssues(spec, add);
  count(
    'shapeComponents',
    `Shape components (${model.label} has ${model.maxShapeComponents})`,
    spec.shapeComponents,
    1,
    model.maxShapeComponents,
  );
  count('textureComponents', 'Texture components per band', spec.textureComponents, 1, model.maxTextureComponents);
  plausibilityIssues(spec, add);
  return issues;
}

/** A yaw grid needs at least 2 views, no more than the variations showing them, and a yaw range. */
function yawViewIssues(spec: GeneratorSpec, add: (field: string, message: string) => void): void {
  const views = spec.yawViews ?? 0;
  if (!Number.isInteger(views) || views < 2) {
    add('yawViews', `Yaw views on a grid must be a whole number of 2 or more (0 for random yaw), got ${views}.`);
  } else if (Number.isInteger(spec.variationsPerIdentity) && views > spec.variationsPerIdentity) {
    add(
      'yawViews',
      `${views} yaw views need at least ${views} variations per identity (one per view), got ${spec.variationsPerIdentity}.`,
    );
  } else if (spec.ranges.yr.min >= spec.ranges.yr.max) {
    add('yawViews', `A yaw grid spreads views over the rotation y range; give it a minimum below its maximum.`);
  }
}

/**
 * Throws when `spec` cannot make images. Its name is not checked: a name changes no pixel, and
 * datasets stored before names had a length limit must still resume.
 */
export function assertValidGeneratorSpec(spec: GeneratorSpec): void {
  const issues = validateGeneratorSpec(spec).filter((i) => i.field !== 'name');
  if (issues.length > 0) throw new GeneratorSpecError(issues);
}
