/**
 * A morph between two pinned faces: at t the face whose identity coefficients (every shape and
 * texture coefficient, not only the sliders') and continuous factors are (1 − t)·A + t·B.
 * Categorical settings (model-specific gender and ethnicity directions, emotion, hair,
 * background, network-view settings) cannot be blended: they are A's below t = 0.5, B's from it.
 */
import type { ActionUnitAmplitudes, ActionUnitId } from '../../model/gmf/expression/actionUnits';
import type { FaceIdentity } from '../../model/gmf/face/faceModel';
import { GmfError } from '../../lib/errors';
import type { FaceState } from './faceState';

export class MorphError extends GmfError {
  constructor(message: string) {
    super('morph', message);
  }
}

/** A pinned face: its state and the full coefficient vectors it stands for (identityOf). */
export interface PinnedFace {
  state: FaceState;
  identity: FaceIdentity;
}

/** The weighted mean: exactly a at t = 0 and exactly b at t = 1 (a + (b − a)·t may round). */
export const lerp = (a: number, b: number, t: number): number => (1 - t) * a + t * b;

function lerpRecord<K extends string>(a: Record<K, number>, b: Record<K, number>, t: number): Record<K, number> {
  return Object.fromEntries((Object.keys(a) as K[]).map((k) => [k, lerp(a[k], b[k], t)])) as Record<K, number>;
}

const lerpArray = (a: readonly number[], b: readonly number[], t: number): number[] =>
  a.map((v, i) => lerp(v, b[i] ?? 0, t));

function lerpVector(a: ArrayLike<number>, b: ArrayLike<number>, t: number, what: string): number[] {
  if (a.length !== b.length)
    throw new MorphError(`A and B have ${a.length} and ${b.length} ${what}: pin two faces of the same face model.`);
  return Array.from({ length: a.length }, (_, i) => lerp(a[i] ?? 0, b[i] ?? 0, t));
}

/** An AU absent from one face is 0 there; each end keeps exactly its own AUs. */
function lerpActionUnits(a: ActionUnitAmplitudes, b: ActionUnitAmplitudes, t: number): ActionUnitAmplitudes {
  const keys = new Set<ActionUnitId>([
    ...(t < 1 ? (Object.keys(a) as ActionUnitId[]) : []),
    ...(t > 0 ? (Object.keys(b) as ActionUnitId[]) : []),
  ]);
  return Object.fromEntries([...keys].map((au) => [au, lerp(a[au] ?? 0, b[au] ?? 0, t)]));
}

/** Whether two pinned faces can be morphed (the same model), or why not. */
export function morphProblem(a: PinnedFace, b: PinnedFace): string | null {
  return a.state.model === b.state.model
    ? null
    : 'A and B use different face models, whose coefficients mean different things: pin two faces of the same model to morph between them.';
}

/** The face at t in [0, 1] between A (t = 0) and B (t = 1). */
export function morphFaces(a: PinnedFace, b: PinnedFace, t: number): PinnedFace {
  if (!(t >= 0 && t <= 1)) throw new MorphError(`The morph position must lie in 0..1, not ${t}.`);
  const problem = morphProblem(a, b);
  if (problem) throw new MorphError(problem);
  const near = t < 0.5 ? a : b;
  const [sa, sb] = [a.state, b.state];
  const ia = a.identity;
  const ib = b.identity;
  if (ia.tex.length !== ib.tex.length) throw new MorphError('A and B have different numbers of texture bands.');
  const age = lerp(sa.age, sb.age, t);
  const state: FaceState = {
    // Categorical: the nearer end's (identity number, dataset draw, gender, emotion, hair, ...).
    ...near.state,
    age,
    shape: lerpArray(sa.shape, sb.shape, t),
    tex: lerpArray(sa.tex, sb.tex, t),
    intensity: lerp(sa.intensity, sb.intensity, t),
    actionUnits: lerpActionUnits(sa.actionUnits, sb.actionUnits, t),
    gaze: lerpRecord(sa.gaze, sb.gaze, t),
    pose: lerpRecord(sa.pose, sb.pose, t),
    light: lerpRecord(sa.light, sb.light, t),
    lightLevels: lerpRecord(sa.lightLevels, sb.lightLevels, t),
    cameraDistance: lerp(sa.cameraDistance, sb.cameraDistance, t),
  };
  const identity: FaceIdentity = {
    gender: near.identity.gender,
    ethn: near.identity.ethn,
    age: lerp(ia.age, ib.age, t),
    shape: lerpVector(ia.shape, ib.shape, t, 'shape coefficients'),
    tex: ia.tex.map((band, i) => lerpVector(band, ib.tex[i] ?? band, t, 'texture coefficients per band')),
  };
  return { state, identity };
}
