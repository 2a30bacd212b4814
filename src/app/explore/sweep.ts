/**
 * Factor sweeps: one continuous factor of the Explore face stepped over a range, everything else
 * held at the current face. Pure functions; the Explore tab renders the faces in the face worker.
 */
import { GmfError } from '../../lib/errors';
import { ACTION_UNITS } from '../../model/gmf/expression/actionUnits';
import type { LightLevels } from '../../model/render/faceScene';
import type { HeadPose, LightAngles } from '../../model/render/pose';
import { type FaceState, SLIDER_COMPONENTS, TEXTURE_BANDS } from './faceState';

export class SweepError extends GmfError {
  constructor(message: string) {
    super('sweep', message);
  }
}

/** A continuous factor of the face: how to read and set it, and the range its slider allows. */
export interface SweepFactor {
  id: string;
  label: string;
  /** The factor's group in the chooser (Pose, Light, Identity, Expression). */
  group: string;
  min: number;
  max: number;
  unit: string;
  /** The range a new sweep of this factor starts with. */
  from: number;
  to: number;
  get: (face: FaceState) => number;
  set: (face: FaceState, value: number) => FaceState;
}

const POSE: [keyof HeadPose, string, number, number, string][] = [
  ['yr', 'Rotation y (yaw)', -90, 90, '°'],
  ['xr', 'Rotation x (pitch)', -60, 60, '°'],
  ['zr', 'Rotation z (roll)', -45, 45, '°'],
  ['xt', 'Translation x', -100, 100, ' mm'],
  ['yt', 'Translation y', -100, 100, ' mm'],
  ['zt', 'Translation z', -100, 100, ' mm'],
];
const LIGHT: [keyof LightAngles, string][] = [
  ['xl', 'Light rotation x'],
  ['yl', 'Light rotation y'],
  ['zl', 'Light rotation z'],
];
const LEVELS: [keyof LightLevels, string, number][] = [
  ['ambient', 'Ambient light level', 2],
  ['directional', 'Directional light level', 5],
];

const replaced = (values: readonly number[], i: number, value: number) =>
  values.map((old, j) => (j === i ? value : old));

/** Every factor a sweep can step, in the order of the Explore sliders' sections. */
export const SWEEP_FACTORS: readonly SweepFactor[] = [
  ...POSE.map(([key, label, min, max, unit]): SweepFactor => ({
    id: `pose.${key}`,
    label,
    group: 'Pose',
    min,
    max,
    unit,
    from: Math.max(min, -30),
    to: Math.min(max, 30),
    get: (f) => f.pose[key],
    set: (f, v) => ({ ...f, pose: { ...f.pose, [key]: v } }),
  })),
  ...LIGHT.map(([key, label]): SweepFactor => ({
    id: `light.${key}`,
    label,
    group: 'Light',
    min: -90,
    max: 90,
    unit: '°',
    from: -60,
    to: 60,
    get: (f) => f.light[key],
    set: (f, v) => ({ ...f, light: { ...f.light, [key]: v } }),
  })),
  ...LEVELS.map(([key, label, max]): SweepFactor => ({
    id: `lightLevels.${key}`,
    label,
    group: 'Light',
    min: 0,
    max,
    unit: '',
    from: 0,
    to: max,
    get: (f) => f.lightLevels[key],
    set: (f, v) => ({ ...f, lightLevels: { ...f.lightLevels, [key]: v } }),
  })),
  {
    id: 'age',
    label: 'Age',
    group: 'Identity',
    min: 18,
    max: 90,
    unit: ' years',
    from: 20,
    to: 80,
    get: (f) => f.age,
    set: (f, v) => ({ ...f, age: v }),
  },
  ...Array.from({ length: SLIDER_COMPONENTS }, (_, i): SweepFactor => ({
    id: `shape.${i}`,
    label: `Shape component ${i + 1}`,
    group: 'Identity',
    min: -3,
    max: 3,
    unit: ' sd',
    from: -3,
    to: 3,
    get: (f) => f.shape[i] ?? 0,
    set: (f, v) => ({ ...f, shape: replaced(f.shape, i, v) }),
  })),
  ...Array.from({ length: TEXTURE_BANDS }, (_, b): SweepFactor => ({
    id: `tex.${b}`,
    label: `Texture band ${b + 1}, component 1`,
    group: 'Identity',
    min: -3,
    max: 3,
    unit: ' sd',
    from: -3,
    to: 3,
    get: (f) => f.tex[b] ?? 0,
    set: (f, v) => ({ ...f, tex: replaced(f.tex, b, v) }),
  })),
  {
    id: 'intensity',
    label: 'Emotion intensity',
    group: 'Expression',
    min: 0,
    max: 1,
    unit: '',
    from: 0,
    to: 1,
    get: (f) => f.intensity,
    set: (f, v) => ({ ...f, intensity: v }),
  },
  ...(['x', 'y'] as const).map((axis): SweepFactor => ({
    id: `gaze.${axis}`,
    label: axis === 'x' ? 'Gaze left / right' : 'Gaze up / down',
    group: 'Expression',
    min: -1,
    max: 1,
    unit: '',
    from: -1,
    to: 1,
    get: (f) => f.gaze[axis],
    set: (f, v) => ({ ...f, gaze: { ...f.gaze, [axis]: v } }),
  })),
  ...ACTION_UNITS.map((au): SweepFactor => ({
    id: `au.${au}`,
    label: au,
    group: 'Expression',
    min: 0,
    max: 1,
    unit: '',
    from: 0,
    to: 1,
    get: (f) => f.actionUnits[au] ?? 0,
    set: (f, v) => ({ ...f, actionUnits: { ...f.actionUnits, [au]: v } }),
  })),
];

export const DEFAULT_SWEEP_FACTOR_ID = 'pose.yr';
export const MIN_SWEEP_COUNT = 2;
export const MAX_SWEEP_COUNT = 15;

export function sweepFactor(id: string): SweepFactor {
  const factor = SWEEP_FACTORS.find((f) => f.id === id);
  if (!factor) throw new SweepError(`There is no factor "${id}" to sweep.`);
  return factor;
}

/**
 * `count` values evenly spaced from `from` to `to`, both included: from + (to − from)·i/(count − 1)
 * (multiplying before dividing keeps round ranges round: −30..30 in 7 gives −10, not −10.000000000000004).
 */
export function sweepValues(from: number, to: number, count: number): number[] {
  if (!Number.isInteger(count) || count < MIN_SWEEP_COUNT || count > MAX_SWEEP_COUNT)
    throw new SweepError(`A sweep has ${MIN_SWEEP_COUNT} to ${MAX_SWEEP_COUNT} images; ${count} is not one of those.`);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new SweepError('A sweep needs a finite start and end.');
  // The last one is `to` itself: from + (to − from) may round.
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? to : from + ((to - from) * i) / (count - 1)));
}

/** Why a range cannot be swept for this factor (outside its slider range), or null. */
export function sweepRangeProblem(factor: SweepFactor, from: number, to: number): string | null {
  for (const v of [from, to])
    if (!Number.isFinite(v) || v < factor.min || v > factor.max)
      return `${factor.label} runs from ${factor.min} to ${factor.max}${factor.unit}; ${v} is outside.`;
  if (from === to) return 'The start and end are the same: nothing would change along the strip.';
  return null;
}

/** The faces of a sweep: the current face with the factor set to each value. */
export function sweepFaces(face: FaceState, factor: SweepFactor, values: readonly number[]): FaceState[] {
  return values.map((v) => factor.set(face, v));
}

/** A value as a label: at most two decimals, no trailing zeros, a real minus sign. */
export function formatSweepValue(value: number, unit = ''): string {
  const text = String(Math.round(value * 100) / 100).replace('-', '−');
  return `${text === '−0' ? '0' : text}${unit}`;
}
