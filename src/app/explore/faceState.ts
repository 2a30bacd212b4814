/**
 * The Explore tab's face: everything needed to reproduce it, small enough for the URL.
 * The identity is a seeded random draw (or the mean face) whose first components are
 * overridden by the sliders; everything else is explicit.
 */
import { ACTION_UNITS, type ActionUnitAmplitudes } from '../../model/gmf/expression/actionUnits';
import {
  DEFAULT_FACE_MODEL_ID,
  type FaceExpression,
  type FaceIdentity,
  type FaceModelId,
  HAIR_STYLES,
  type HairStyle,
  isFaceModelId,
  LEGACY_FACE_MODEL_ID,
} from '../../model/gmf/face/faceModel';
import {
  EMOTIONS,
  type Emotion,
  type Ethnicity,
  ETHNICITIES,
  type Gender,
  GENDERS,
  MAX_RESOLUTION,
  MIN_RESOLUTION,
} from '../../model/gmf/generatorSpec';
import { createRng } from '../../lib/random';
import { drawIdentity, type IdentityDrawSpec } from '../../model/gmf/sampling';
import { CAMERA } from '../../model/render/camera';
import { FACE_DEPTH_MM } from '../../model/gmf/plausibleRanges';
import { DEFAULT_LIGHT_LEVELS, type LightLevels } from '../../model/render/faceScene';
import type { HeadPose, LightAngles } from '../../model/render/pose';

export const SLIDER_COMPONENTS = 6;
export const TEXTURE_BANDS = 5;

export interface FaceState {
  /** The face model drawing it (URLs made before models were named mean the procedural one). */
  model: FaceModelId;
  /** Random identity number, or null for the mean face. */
  identity: number | null;
  gender: Gender;
  ethn: Ethnicity;
  age: number;
  /** Slider values of the first shape components (raw, N(0, 1) scale). */
  shape: number[];
  /** Slider values of the first component of each texture band. */
  tex: number[];
  emo: Emotion;
  intensity: number;
  actionUnits: ActionUnitAmplitudes;
  /** Where the eyes look, each -1..1 (x: the subject's left). */
  gaze: { x: number; y: number };
  hair: HairStyle;
  pose: HeadPose;
  light: LightAngles;
  lightLevels: LightLevels;
  background: boolean;
  backgroundIndex: number;
  binocular: boolean;
  /** Side of the network view image, as a dataset would use. */
  resolution: number;
  /** Supersampling of the network view, as the generator's render scale. */
  renderScale: number;
  /** Seed of the phase-scrambled backgrounds (a dataset's seed). */
  backgroundSeed: number;
  /** Camera distance in mm (the generator's setting). */
  cameraDistance: number;
  /**
   * A dataset identity: coefficients drawn exactly as that dataset's generator drew identity
   * `draw.id` (sliders still override the first components). Null: the Explore draw above.
   */
  draw: DatasetIdentityDraw | null;
}

export type DatasetIdentityDraw = IdentityDrawSpec & { id: number };

export const DEFAULT_FACE_STATE: FaceState = {
  model: DEFAULT_FACE_MODEL_ID,
  identity: null,
  gender: 'F',
  ethn: 'WC',
  age: 30,
  shape: new Array<number>(SLIDER_COMPONENTS).fill(0),
  tex: new Array<number>(TEXTURE_BANDS).fill(0),
  emo: 'neutral',
  intensity: 1,
  actionUnits: {},
  gaze: { x: 0, y: 0 },
  hair: 'none',
  pose: { xr: 0, yr: 0, zr: 0, xt: 0, yt: 0, zt: 0 },
  light: { xl: -20, yl: 20, zl: 0 },
  lightLevels: DEFAULT_LIGHT_LEVELS,
  background: true,
  backgroundIndex: 0,
  binocular: false,
  resolution: 112,
  renderScale: 4,
  backgroundSeed: 0,
  cameraDistance: CAMERA.distance,
  draw: null,
};

export const RESOLUTIONS = [32, 64, 112, 128, 224, 256] as const;
export const RENDER_SCALES = [1, 2, 4] as const;

/** The full coefficient vectors: a seeded N(0, 1) draw (zeros for the mean face) under the sliders. */
export function identityOf(state: FaceState, shapeCount: number, textureCount: number): FaceIdentity {
  if (state.draw) {
    const { shape, tex } = drawIdentity(state.draw, state.draw.id);
    state.shape.forEach((v, i) => {
      if (i < shape.length) shape[i] = v;
    });
    state.tex.forEach((v, b) => {
      const band = tex[b];
      if (band && band.length > 0) band[0] = v;
    });
    return { gender: state.gender, ethn: state.ethn, age: state.age, shape, tex };
  }
  const rng = state.identity === null ? null : createRng('explore', state.identity);
  const draw = (n: number) => Float32Array.from({ length: n }, () => (rng ? rng.normal() : 0));
  const shape = draw(shapeCount);
  const tex = Array.from({ length: TEXTURE_BANDS }, () => draw(textureCount));
  state.shape.forEach((v, i) => {
    if (i < shapeCount) shape[i] = v;
  });
  state.tex.forEach((v, b) => {
    const band = tex[b];
    if (band && textureCount > 0) band[0] = v;
  });
  return { gender: state.gender, ethn: state.ethn, age: state.age, shape, tex };
}

/** Slider values a random identity starts from (its own first components). */
export function randomIdentityState(
  state: FaceState,
  identity: number,
  shapeCount: number,
  textureCount: number,
): FaceState {
  const base = identityOf({ ...state, identity, draw: null, shape: [], tex: [] }, shapeCount, textureCount);
  const rng = createRng('explore-demographics', identity);
  return {
    ...state,
    identity,
    draw: null,
    gender: rng.pick(GENDERS),
    ethn: rng.pick(ETHNICITIES),
    age: rng.int(20, 70),
    shape: Array.from(base.shape).slice(0, SLIDER_COMPONENTS).map(round2),
    tex: base.tex.map((band) => round2(band[0] ?? 0)),
  };
}

export function expressionOf(state: FaceState): FaceExpression {
  const gazing = state.gaze.x !== 0 || state.gaze.y !== 0;
  return {
    emo: state.emo,
    intensity: state.intensity,
    actionUnits: state.actionUnits,
    ...(gazing ? { gaze: state.gaze } : {}),
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** URL form: base64url of compact JSON. */
export function encodeFaceState(state: FaceState): string {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

const wholeIn = (value: unknown, min: number, max: number): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;

/** Ages a dataset draw may span (the generator's own range: 0..100 years). */
const DRAW_AGES = [0, 100] as const;
/** Coefficient SDs beyond this are not faces (the generator's draws use 1). */
const DRAW_MAX_SD = 10;

/**
 * A dataset draw from the URL: the draw, null when there is none, or why it is ignored (the
 * Explore draw is used instead). A draw that the generator would refuse never reaches the sampler.
 */
function decodeDraw(value: unknown): DatasetIdentityDraw | null | { ignored: string } {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return { ignored: 'it is not a dataset draw' };
  const v = value as Partial<Record<keyof DatasetIdentityDraw, unknown>>;
  const int = (x: unknown, min: number, max: number) =>
    typeof x === 'number' && Number.isSafeInteger(x) && x >= min && x <= max;
  const normal = (x: unknown): x is { mu: number; sd: number } => {
    const n = x as { mu?: unknown; sd?: unknown } | null;
    return (
      typeof n?.mu === 'number' &&
      Number.isFinite(n.mu) &&
      Math.abs(n.mu) <= DRAW_MAX_SD &&
      typeof n.sd === 'number' &&
      Number.isFinite(n.sd) &&
      n.sd >= 0 &&
      n.sd <= DRAW_MAX_SD
    );
  };
  const age = v.age as { min?: unknown; max?: unknown } | null | undefined;
  const list = <T extends string>(x: unknown, allowed: readonly T[]): x is T[] =>
    Array.isArray(x) && x.length > 0 && x.every((e) => allowed.includes(e as T));
  const [youngest, oldest] = DRAW_AGES;
  if (!int(age?.min, youngest, oldest) || !int(age?.max, youngest, oldest))
    return {
      ignored: `its ages ${String(age?.min)}..${String(age?.max)} are not whole years within ${youngest}..${oldest}`,
    };
  if ((age?.min as number) > (age?.max as number))
    return { ignored: `its age minimum ${String(age?.min)} is above its maximum ${String(age?.max)}` };
  if (!normal(v.shape) || !normal(v.texture))
    return { ignored: `its shape or texture distribution is not a mean and SD within ±${DRAW_MAX_SD}` };
  if (
    !int(v.seed, -(2 ** 53), 2 ** 53) ||
    !int(v.id, 0, 2 ** 31) ||
    !int(v.shapeComponents, 0, 10_000) ||
    !int(v.textureComponents, 0, 10_000) ||
    !list(v.genders, GENDERS) ||
    !list(v.ethnicities, ETHNICITIES)
  ) {
    return { ignored: 'its seed, identity, component counts, genders or ethnicities are malformed' };
  }
  return {
    seed: v.seed as number,
    id: v.id as number,
    shapeComponents: v.shapeComponents as number,
    textureComponents: v.textureComponents as number,
    shape: { mu: v.shape.mu, sd: v.shape.sd },
    texture: { mu: v.texture.mu, sd: v.texture.sd },
    age: { min: age?.min as number, max: age?.max as number },
    genders: [...v.genders],
    ethnicities: [...v.ethnicities],
  };
}

/** A face read from a URL, and what of the URL was ignored (a phrase per field; empty when nothing). */
export interface DecodedFaceState {
  state: FaceState;
  ignored: string[];
}

/** Reads a state from the URL (see decodeFaceStateChecked); what was ignored is not reported. */
export function decodeFaceState(text: string): FaceState {
  return decodeFaceStateChecked(text).state;
}

const UNREADABLE: DecodedFaceState = {
  state: DEFAULT_FACE_STATE,
  ignored: ['the whole face (the link’s f= value is not a readable face)'],
};

/**
 * Reads a state from the URL, field by field: anything missing or malformed falls back to the
 * default, so a hand-edited or truncated link still opens a face; each field present but not
 * used as written is named in `ignored`, for the notice Explore shows.
 */
export function decodeFaceStateChecked(text: string): DecodedFaceState {
  let raw: Record<string, unknown>;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return UNREADABLE;
    raw = parsed as Record<string, unknown>;
  } catch {
    return UNREADABLE;
  }
  const d = DEFAULT_FACE_STATE;
  const numbers = (value: unknown, length: number, min: number, max: number) =>
    Array.from({ length }, (_, i) =>
      clampNumber(Array.isArray(value) ? (value as unknown[])[i] : undefined, min, max, 0),
    );
  const record = <T extends object>(value: unknown, fallback: T, min: number, max: number): T => {
    const source = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(fallback).map(([k, v]) => [k, clampNumber(source[k], min, max, v as number)]),
    ) as T;
  };
  const aus: ActionUnitAmplitudes = {};
  const rawAus = (typeof raw.actionUnits === 'object' && raw.actionUnits !== null ? raw.actionUnits : {}) as Record<
    string,
    unknown
  >;
  for (const au of ACTION_UNITS) {
    const v = clampNumber(rawAus[au], 0, 1, 0);
    if (v > 0) aus[au] = v;
  }
  const draw = decodeDraw(raw.draw);
  const state: FaceState = {
    // A link without a model was made before there was a choice: the procedural model made it.
    model: isFaceModelId(raw.model) ? raw.model : LEGACY_FACE_MODEL_ID,
    identity:
      typeof raw.identity === 'number' && Number.isInteger(raw.identity) && raw.identity >= 0 ? raw.identity : null,
    gender: GENDERS.includes(raw.gender as Gender) ? (raw.gender as Gender) : d.gender,
    ethn: ETHNICITIES.includes(raw.ethn as Ethnicity) ? (raw.ethn as Ethnicity) : d.ethn,
    age: Math.round(clampNumber(raw.age, 18, 90, d.age)),
    // Wider than the sliders: a dataset identity's own first components may lie beyond ±3.
    shape: numbers(raw.shape, SLIDER_COMPONENTS, -10, 10),
    tex: numbers(raw.tex, TEXTURE_BANDS, -10, 10),
    emo: EMOTIONS.includes(raw.emo as Emotion) ? (raw.emo as Emotion) : d.emo,
    intensity: clampNumber(raw.intensity, 0, 1, d.intensity),
    actionUnits: aus,
    gaze: record(raw.gaze, d.gaze, -1, 1),
    hair: HAIR_STYLES.includes(raw.hair as HairStyle) ? (raw.hair as HairStyle) : d.hair,
    pose: record(raw.pose, d.pose, -200, 200),
    light: record(raw.light, d.light, -180, 180),
    lightLevels: record(raw.lightLevels, d.lightLevels, 0, 5),
    background: typeof raw.background === 'boolean' ? raw.background : d.background,
    backgroundIndex: Math.round(clampNumber(raw.backgroundIndex, 0, 255, d.backgroundIndex)),
    binocular: typeof raw.binocular === 'boolean' ? raw.binocular : d.binocular,
    resolution: wholeIn(raw.resolution, MIN_RESOLUTION, MAX_RESOLUTION) ?? d.resolution,
    renderScale: wholeIn(raw.renderScale, 1, 8) ?? d.renderScale,
    backgroundSeed: Number.isSafeInteger(raw.backgroundSeed) ? (raw.backgroundSeed as number) : d.backgroundSeed,
    // The generator's range (plausibleRanges.ts): nearer or farther, the camera cuts the head off.
    cameraDistance: clampNumber(raw.cameraDistance, FACE_DEPTH_MM.min, FACE_DEPTH_MM.max, d.cameraDistance),
    draw: draw !== null && 'ignored' in draw ? null : draw,
  };
  const ignored: string[] = [];
  if (draw !== null && 'ignored' in draw) ignored.push(`the dataset draw (${draw.ignored})`);
  // Every other field given but not taken as written (out of range, malformed) is named too.
  for (const key of Object.keys(state) as (keyof FaceState)[]) {
    if (key === 'draw' || key === 'actionUnits' || !(key in raw)) continue;
    if (!sameValue(raw[key], state[key])) ignored.push(`${key} (${shortJson(raw[key])})`);
  }
  return { state, ignored };
}

/** Equal as JSON with keys in any order: the decoded value is the given one. */
function sameValue(given: unknown, used: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical(given)) === JSON.stringify(canonical(used));
}

const shortJson = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};
