/**
 * Anthropometric points on the ICT mesh and the measures the demographic targets are stated in
 * (Farkas' names where one exists: zy zygion, go gonion, n nasion, sn subnasale, gn gnathion...).
 * Points are model vertices: Multi-PIE landmarks from the asset where they match a classic point,
 * otherwise vertices picked by hand on the neutral mesh (its coordinates in the comment; the mesh
 * is exactly mirror-symmetric, so each left point's partner is its mirror image).
 */
import type { IctModelData } from '../ictAsset';
import { IctGeometryError } from './geometryError';

/** Multi-PIE 68 indices (0-based) of the points taken from the asset's landmarks. */
const MULTI_PIE = {
  zygionR: 1, // face contour at the cheekbones (-72.8, 14.9, 39.3)
  zygionL: 15,
  gnathion: 8,
  browOuterR: 17,
  browMidR: 19,
  browMidL: 24,
  browOuterL: 26,
  nasion: 27,
  pronasale: 30,
  subnasale: 33,
  exocanthionR: 36,
  upperLidR: 37,
  endocanthionR: 39,
  lowerLidR: 41,
  endocanthionL: 42,
  upperLidL: 44,
  exocanthionL: 45,
  lowerLidL: 46,
  cheilionR: 48,
  labraleSuperius: 51,
  cheilionL: 54,
  labraleInferius: 57,
  /** Inner lip points at the midline: the stomion of the upper and of the lower lip. */
  stomionUpper: 62,
  stomionLower: 66,
} as const;

/** Vertices picked on the neutral mesh (mm, x to the subject's left). */
const PICKED = {
  alareL: 5214, // (18.6, -2.9, 107.5): widest point of the nose wing
  alareR: 4749,
  glabella: 1398, // (0, 57.3, 107.7): most forward point between the brows
  pogonion: 968, // (0, -60.9, 110.5): most forward point of the chin
  malarL: 3367, // (43.6, 9.7, 93.1): cheekbone prominence
  malarR: 1148,
  euryonL: 8464, // (79.2, 60.1, -1.4): widest point of the head above the ears
  euryonR: 8189,
  superauraleL: 6844, // (87.4, 36.0, -2.5): top of the ear
  superauraleR: 7571,
  subauraleL: 7125, // (76.4, -19.0, 9.9): bottom of the ear lobe
  subauraleR: 7852,
} as const;

/** Points on ICT's jawline lists (its README): gonion and the jowl above the mandible's lower edge. */
const JAWLINE = {
  gonionR: ['jawlineRight', 3], // (-63.0, -39.0, 36.7)
  gonionL: ['jawlineLeft', 4],
  jowlR: ['jawlineRight', 5], // (-44.1, -62.7, 69.4)
  jowlL: ['jawlineLeft', 2],
} as const;

export type PointName = keyof typeof MULTI_PIE | keyof typeof PICKED | keyof typeof JAWLINE;
export type AnthropometricPoints = Readonly<Record<PointName, number>>;

export function anthropometricPoints(data: IctModelData): AnthropometricPoints {
  const out: Partial<Record<PointName, number>> = { ...PICKED };
  const take = (name: PointName, list: Uint32Array, index: number, what: string) => {
    const v = list[index];
    if (v === undefined || v >= data.vertexCount)
      throw new IctGeometryError('ICT_GEOMETRY_MESH', `landmark ${what}[${index}] (${name}) is missing.`);
    out[name] = v;
  };
  for (const [name, i] of Object.entries(MULTI_PIE))
    take(name as PointName, data.landmarks.multiPie68, i, 'multiPie68');
  for (const [name, [list, i]] of Object.entries(JAWLINE)) take(name as PointName, data.landmarks[list], i, list);
  return out as AnthropometricPoints;
}

/**
 * A measure in mm: the distance between two points, or the difference along one axis between
 * the means of two point sets (bilateral features averaged over both sides).
 */
export type Measure =
  | { kind: 'distance'; a: PointName; b: PointName }
  | { kind: 'axis'; axis: 0 | 1 | 2; a: readonly PointName[]; b: readonly PointName[] };

const Y = 1;
const Z = 2;
const distance = (a: PointName, b: PointName): Measure => ({ kind: 'distance', a, b });
const along = (axis: 0 | 1 | 2, a: readonly PointName[], b: readonly PointName[]): Measure => ({
  kind: 'axis',
  axis,
  a,
  b,
});

export const MEASURES = {
  /** zy-zy, face width at the cheekbones. */
  faceWidth: distance('zygionR', 'zygionL'),
  /** go-go, lower face (mandible) width. */
  jawWidth: distance('gonionR', 'gonionL'),
  /** eu-eu, head width. */
  headWidth: distance('euryonR', 'euryonL'),
  /** n-gn, face height. */
  faceHeight: distance('nasion', 'gnathion'),
  /** n-sn, nose height. */
  noseHeight: distance('nasion', 'subnasale'),
  /** al-al, nose width. */
  noseWidth: distance('alareR', 'alareL'),
  /** ch-ch, mouth width. */
  mouthWidth: distance('cheilionR', 'cheilionL'),
  /** en-en, inter-canthal width. */
  intercanthal: distance('endocanthionR', 'endocanthionL'),
  /** ex-ex, biocular width. */
  biocular: distance('exocanthionR', 'exocanthionL'),
  /** sn-sto, upper lip height (skin part and vermilion). */
  upperLipHeight: distance('subnasale', 'stomionUpper'),
  /** sto-gn, chin height. */
  chinHeight: distance('stomionLower', 'gnathion'),
  /** ls-sto, upper vermilion height (lip thickness as seen from the front). */
  upperVermilion: distance('labraleSuperius', 'stomionUpper'),
  /** sto-li, lower vermilion height. */
  lowerVermilion: distance('stomionLower', 'labraleInferius'),
  /** sa-sba, ear length, each side. */
  earLengthR: distance('superauraleR', 'subauraleR'),
  earLengthL: distance('superauraleL', 'subauraleL'),
  /** Jowl to jowl, the lower face's width just above the mandible's edge. */
  jowlWidth: distance('jowlR', 'jowlL'),
  /** Glabella ahead of the inner eye corners (brow ridge). */
  glabellaProjection: along(Z, ['glabella'], ['endocanthionR', 'endocanthionL']),
  /** Mid-brows ahead of the upper lids (brow ridge over the eyes). */
  browProjection: along(Z, ['browMidR', 'browMidL'], ['upperLidR', 'upperLidL']),
  /** Mid-brows above the upper lids. */
  browHeight: along(Y, ['browMidR', 'browMidL'], ['upperLidR', 'upperLidL']),
  /** Outer brow ends above the outer eye corners. */
  lateralBrowHeight: along(Y, ['browOuterR', 'browOuterL'], ['exocanthionR', 'exocanthionL']),
  /** Nasion ahead of the inner eye corners (height of the nasal root). */
  nasalRootProjection: along(Z, ['nasion'], ['endocanthionR', 'endocanthionL']),
  /** Nose tip ahead of subnasale (sn-prn along the face's depth). */
  noseProjection: along(Z, ['pronasale'], ['subnasale']),
  /** Nose tip above the nose wings (falls as the tip droops). */
  noseTipHeight: along(Y, ['pronasale'], ['alareR', 'alareL']),
  /** Chin (pogonion) ahead of subnasale. */
  chinProjection: along(Z, ['pogonion'], ['subnasale']),
  /** Lips ahead of the line subnasale-pogonion (lip protrusion). */
  lipProjection: along(Z, ['labraleSuperius', 'labraleInferius'], ['subnasale', 'pogonion']),
  /** Upper lids above the lower lids (palpebral fissure height). */
  palpebralHeight: along(Y, ['upperLidR', 'upperLidL'], ['lowerLidR', 'lowerLidL']),
  /** Mouth corners above the mouth's midline. */
  mouthCornerHeight: along(Y, ['cheilionR', 'cheilionL'], ['stomionUpper', 'stomionLower']),
  /** Jowls above the outer eye corners (negative; falls as the jowls sag). */
  jowlHeight: along(Y, ['jowlR', 'jowlL'], ['exocanthionR', 'exocanthionL']),
  /** Cheekbone prominences above the outer eye corners (falls as the cheeks sag). */
  malarHeight: along(Y, ['malarR', 'malarL'], ['exocanthionR', 'exocanthionL']),
} as const satisfies Record<string, Measure>;

export type MeasureName = keyof typeof MEASURES;

function meanOf(
  positions: ArrayLike<number>,
  points: AnthropometricPoints,
  names: readonly PointName[],
  axis: number,
): number {
  let s = 0;
  for (const name of names) s += positions[3 * points[name] + axis] ?? 0;
  return s / names.length;
}

/** The measure's value in mm on `positions` (xyz per model vertex). */
export function measure(positions: ArrayLike<number>, points: AnthropometricPoints, m: Measure): number {
  if (m.kind === 'axis') return meanOf(positions, points, m.a, m.axis) - meanOf(positions, points, m.b, m.axis);
  const a = 3 * points[m.a];
  const b = 3 * points[m.b];
  return Math.hypot(
    (positions[a] ?? 0) - (positions[b] ?? 0),
    (positions[a + 1] ?? 0) - (positions[b + 1] ?? 0),
    (positions[a + 2] ?? 0) - (positions[b + 2] ?? 0),
  );
}

/**
 * The measure's gradient with respect to a displacement of every model vertex, as sparse
 * (vertex, axis, weight) terms: the change of the measure is Σ weight · displacement[vertex][axis]
 * to first order (exact for axis measures; for distances, the unit vector at `positions`).
 */
export function measureGradient(
  positions: ArrayLike<number>,
  points: AnthropometricPoints,
  m: Measure,
): { vertex: number; axis: number; weight: number }[] {
  if (m.kind === 'axis') {
    return [
      ...m.a.map((name) => ({ vertex: points[name], axis: m.axis, weight: 1 / m.a.length })),
      ...m.b.map((name) => ({ vertex: points[name], axis: m.axis, weight: -1 / m.b.length })),
    ];
  }
  const a = points[m.a];
  const b = points[m.b];
  const d = [0, 1, 2].map((k) => (positions[3 * a + k] ?? 0) - (positions[3 * b + k] ?? 0));
  const length = Math.hypot(...d);
  return [0, 1, 2].flatMap((axis) => [
    { vertex: a, axis, weight: (d[axis] ?? 0) / length },
    { vertex: b, axis, weight: -(d[axis] ?? 0) / length },
  ]);
}
