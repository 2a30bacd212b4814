/**
 * The ranges a generator setting must keep to describe a face a camera can see (issue 14: a
 * shape SD of 1e308 ended "complete" with NaN coefficients, translation z 5000 put the face
 * behind the camera). Each message says the allowed range and why, so the same words serve the
 * form and a refused import.
 */

/** The parts of a GeneratorSpec checked here (declared here: generatorSpec.ts imports this file). */
interface IntRange {
  min: number;
  max: number;
}
interface Normal {
  mu: number;
  sd: number;
}
type PoseParam = 'xr' | 'yr' | 'zr' | 'xt' | 'yt' | 'zt' | 'xl' | 'yl' | 'zl';
export interface PlausibleSettings {
  identities: number;
  variationsPerIdentity: number;
  age: IntRange;
  shape: Normal;
  texture: Normal;
  ranges: Record<PoseParam, IntRange>;
  cameraDistance: number;
}

/**
 * The pipeline camera (model/render/camera.ts, which depends on this folder and so cannot be
 * imported here; a test checks the two agree): field of view and the depths it draws, in mm.
 */
export const CAMERA_GEOMETRY = { fovDegrees: 50, near: 100, far: 1000 } as const;
/** How far a head reaches from the centre it turns about (nose tip, back of the head), in mm. */
export const HEAD_REACH_MM = 120;
/** The face centre's distance from the camera that keeps the whole head between near and far. */
export const FACE_DEPTH_MM = {
  min: CAMERA_GEOMETRY.near + HEAD_REACH_MM,
  max: CAMERA_GEOMETRY.far - HEAD_REACH_MM,
} as const;
/** Rotations (head and light) within a full turn: beyond ±180° every view repeats one already in range. */
export const MAX_ROTATION_DEG = 180;
/** Ages of a human lifespan. */
export const AGE_YEARS = { min: 0, max: 100 } as const;
/** Coefficients are in units of the model's SD: 5 SD is already rarer than 1 face in 3 million. */
export const MAX_COEFFICIENT_SD = 5;
export const MAX_COEFFICIENT_MEAN = 5;
/** Identities and variations one dataset may have, and their product (records in browser storage). */
export const MAX_IDENTITIES = 100_000;
export const MAX_VARIATIONS = 100_000;
export const MAX_RECORDS = 1_000_000;

const ROTATIONS: readonly PoseParam[] = ['xr', 'yr', 'zr', 'xl', 'yl', 'zl'];
/** As the form labels them, with the name the table and the original use. */
const ROTATION_LABELS: Readonly<Record<string, string>> = {
  xr: 'Rotation x (xr)',
  yr: 'Rotation y (yr)',
  zr: 'Rotation z (zr)',
  xl: 'Light rotation x (xl)',
  yl: 'Light rotation y (yl)',
  zl: 'Light rotation z (zl)',
};
const finite = (r: IntRange) => Number.isFinite(r.min) && Number.isFinite(r.max);
const span = (r: IntRange) => `${r.min}..${r.max}`;

/** Half the picture's width (and height: images are square) at `depth` mm from the camera. */
export function halfFrameAt(depth: number): number {
  return depth * Math.tan(((CAMERA_GEOMETRY.fovDegrees / 2) * Math.PI) / 180);
}

/**
 * The largest |translation x| (or y) that keeps the face centre inside the picture for every z
 * in `zt`: x is scaled by (1 - z/1000) (model/render/pose.ts) and the picture is
 * halfFrameAt(distance - z) wide there; the ratio of two linear functions of z is monotonic, so
 * the two ends of the z range are the worst cases.
 */
export function maxSideTranslation(cameraDistance: number, zt: IntRange): number {
  const at = (z: number) => halfFrameAt(cameraDistance - z) / (1 - z / 1000);
  return Math.floor(Math.min(at(zt.min), at(zt.max)));
}

/** Issues of `spec` outside the plausible ranges; `add` records one per field. */
export function plausibilityIssues(spec: PlausibleSettings, add: (field: string, message: string) => void): void {
  const { age, ranges, cameraDistance, identities, variationsPerIdentity } = spec;
  if (identities > MAX_IDENTITIES)
    add(
      'identities',
      `At most ${MAX_IDENTITIES.toLocaleString('en')} identities, got ${identities}: each is a class of the identity decoder and a folder of the dataset.`,
    );
  if (variationsPerIdentity > MAX_VARIATIONS)
    add(
      'variationsPerIdentity',
      `At most ${MAX_VARIATIONS.toLocaleString('en')} variations per identity, got ${variationsPerIdentity}.`,
    );
  else if (identities <= MAX_IDENTITIES && identities * variationsPerIdentity > MAX_RECORDS)
    add(
      'variationsPerIdentity',
      `Identities × variations = ${(identities * variationsPerIdentity).toLocaleString('en')} images, more than the ${MAX_RECORDS.toLocaleString('en')} a browser's storage can hold in one dataset: fewer identities or variations.`,
    );
  if (finite(age) && (age.min < AGE_YEARS.min || age.max > AGE_YEARS.max))
    add(
      'age',
      `Age must lie between ${AGE_YEARS.min} and ${AGE_YEARS.max} years (a human lifespan: the age directions of the face model mean nothing beyond it), got ${span(age)}.`,
    );
  for (const p of ROTATIONS) {
    const r = ranges[p];
    if (finite(r) && (r.min < -MAX_ROTATION_DEG || r.max > MAX_ROTATION_DEG))
      add(
        `ranges.${p}`,
        `${ROTATION_LABELS[p] ?? p} must stay within ±${MAX_ROTATION_DEG}° (one full turn: a turn beyond it repeats a view already in the range), got ${span(r)}.`,
      );
  }
  normalIssues('shape', 'Shape', spec.shape, add);
  normalIssues('texture', 'Texture', spec.texture, add);
  const { min, max } = FACE_DEPTH_MM;
  const cameraOk = Number.isFinite(cameraDistance) && cameraDistance >= min && cameraDistance <= max;
  if (Number.isFinite(cameraDistance) && !cameraOk)
    add(
      'cameraDistance',
      `Camera distance must be between ${min} and ${max} mm, got ${cameraDistance}: the camera draws only what lies ${CAMERA_GEOMETRY.near} to ${CAMERA_GEOMETRY.far} mm in front of it and a head reaches about ${HEAD_REACH_MM} mm from its centre, so a nearer or farther camera cuts the head off.`,
    );
  if (!cameraOk || !finite(ranges.zt)) return;
  const zt = ranges.zt;
  const zLow = cameraDistance - max;
  const zHigh = cameraDistance - min;
  if (zt.min < zLow || zt.max > zHigh) {
    add(
      'ranges.zt',
      `Translation z must keep the face ${min} to ${max} mm in front of the camera: with the camera at ${cameraDistance} mm that is z from ${zLow} to ${zHigh} mm, got ${span(zt)} (the camera draws only ${CAMERA_GEOMETRY.near} to ${CAMERA_GEOMETRY.far} mm in front of it; z ${cameraDistance} or more puts the face behind it).`,
    );
    return;
  }
  const side = maxSideTranslation(cameraDistance, zt);
  for (const p of ['xt', 'yt'] as const) {
    const r = ranges[p];
    if (finite(r) && Math.max(-r.min, r.max) > side)
      add(
        `ranges.${p}`,
        `Translation ${p[0]} must keep the face centre inside the picture: at most ±${side} mm with the camera at ${cameraDistance} mm and translation z ${span(zt)}, got ${span(r)}.`,
      );
  }
}

function normalIssues(field: string, label: string, n: Normal, add: (field: string, message: string) => void): void {
  if (Number.isFinite(n.mu) && Math.abs(n.mu) > MAX_COEFFICIENT_MEAN)
    add(
      `${field}.mu`,
      `${label} mean must lie within ±${MAX_COEFFICIENT_MEAN} (in SDs of the face model: further out lies no face the model was made from), got ${n.mu}.`,
    );
  if (Number.isFinite(n.sd) && n.sd > MAX_COEFFICIENT_SD)
    add(
      `${field}.sd`,
      `${label} SD must be between 0 and ${MAX_COEFFICIENT_SD} (in SDs of the face model: 5 SD is already rarer than 1 face in 3 million, and huge values give NaN coefficients), got ${n.sd}.`,
    );
}
