/**
 * Demographics as linear directions in shape space — HAND DESIGNED, not learned from scans
 * (the original used a proprietary scan-based model; ours is open and says so).
 *
 * Each direction is a sum of smooth Gaussian bumps placed at MediaPipe landmarks. A bump on a
 * bilateral landmark is mirrored onto its partner (x negated), so every direction is
 * symmetric. Amplitudes are in mm at full strength:
 * - gender: +1 = male, -1 = female (mean face in between): wider jaw, stronger brow ridge and
 *   chin, larger nose, thinner lips for male;
 * - ethnicity: one field per group (WC, EA, BA), centred on their mean: nose bridge height,
 *   nose width, cheekbone width, lip fullness, eye depth;
 * - age: per 50 years above 25: sagging jowls and cheeks, longer nose, sunken eyes, thinner lips.
 */
import type { Ethnicity, Gender } from './categories';

interface Bump {
  /** Landmark index; a bilateral bump lists the subject's left (+x) landmark and its partner. */
  at: number;
  partner?: number;
  /** Displacement (mm) at the landmark, for the +x side; the partner gets x negated. */
  d: readonly [number, number, number];
  /** Falloff radius (mm). */
  sigma: number;
}

const GENDER: Bump[] = [
  { at: 288, partner: 58, d: [4, -1, 0], sigma: 18 }, // jaw angle wider
  { at: 397, partner: 172, d: [3, -1.5, 0], sigma: 16 },
  { at: 152, d: [0, -3, 2], sigma: 16 }, // chin longer, forward
  { at: 334, partner: 105, d: [0, 0.5, 3], sigma: 14 }, // brow ridge
  { at: 9, d: [0, 0, 3], sigma: 14 }, // glabella
  { at: 4, d: [0, -1, 2.5], sigma: 12 }, // nose larger
  { at: 0, d: [0, 0, -1.2], sigma: 8 }, // thinner lips
  { at: 17, d: [0, 0, -1.2], sigma: 8 },
];

const ETHNICITY: Record<Ethnicity, Bump[]> = {
  WC: [
    { at: 6, d: [0, 0, 4], sigma: 10 }, // high nose bridge
    { at: 358, partner: 129, d: [-1.5, 0, 0], sigma: 8 }, // narrower nose
    { at: 386, partner: 159, d: [0, 0, -2], sigma: 10 }, // deeper-set eyes
    { at: 454, partner: 234, d: [-2, 0, 0], sigma: 20 }, // narrower cheekbones
  ],
  EA: [
    { at: 6, d: [0, 0, -3], sigma: 12 }, // lower nose bridge
    { at: 454, partner: 234, d: [4, 0, 1], sigma: 22 }, // wider cheekbones
    { at: 386, partner: 159, d: [0, 0, 2], sigma: 12 }, // fuller eyelids
    { at: 4, d: [0, 0, -2.5], sigma: 12 }, // flatter nose tip
  ],
  BA: [
    { at: 358, partner: 129, d: [4, 0, 0], sigma: 9 }, // wider nose
    { at: 0, d: [0, 1.5, 3], sigma: 9 }, // fuller lips
    { at: 17, d: [0, -1.5, 3], sigma: 9 },
    { at: 4, d: [0, 0, -2], sigma: 10 },
    { at: 13, d: [0, 0, 3], sigma: 20 }, // forward mouth region
  ],
};

const AGE: Bump[] = [
  { at: 397, partner: 172, d: [1, -4, 0], sigma: 14 }, // jowls
  { at: 365, partner: 136, d: [0.5, -3, 0], sigma: 12 },
  { at: 425, partner: 205, d: [0, -2.5, -0.5], sigma: 14 }, // cheeks sag
  { at: 4, d: [0, -2, 0.5], sigma: 10 }, // nose longer
  { at: 374, partner: 145, d: [0, -0.5, -1.5], sigma: 8 }, // sunken under-eyes
  { at: 0, d: [0, 0, -1], sigma: 8 }, // thinner lips
  { at: 17, d: [0, 0, -1], sigma: 8 },
];

function field(positions: Float32Array, vertexCount: number, bumps: readonly Bump[]): Float32Array {
  const out = new Float32Array(vertexCount * 3);
  const add = (anchor: number, d: readonly number[], sigma: number) => {
    const ax = positions[3 * anchor] ?? 0;
    const ay = positions[3 * anchor + 1] ?? 0;
    const az = positions[3 * anchor + 2] ?? 0;
    for (let v = 0; v < vertexCount; v++) {
      const r2 =
        ((positions[3 * v] ?? 0) - ax) ** 2 +
        ((positions[3 * v + 1] ?? 0) - ay) ** 2 +
        ((positions[3 * v + 2] ?? 0) - az) ** 2;
      const w = Math.exp(-r2 / (2 * sigma * sigma));
      if (w < 1e-6) continue;
      for (let k = 0; k < 3; k++) out[3 * v + k] = (out[3 * v + k] ?? 0) + w * (d[k] ?? 0);
    }
  };
  for (const bump of bumps) {
    add(bump.at, bump.d, bump.sigma);
    if (bump.partner !== undefined) add(bump.partner, [-bump.d[0], bump.d[1], bump.d[2]], bump.sigma);
  }
  return out;
}

export interface DemographicDirections {
  gender: Float32Array;
  ethnicity: Record<Ethnicity, Float32Array>;
  /** Per 50 years above 25. */
  age: Float32Array;
}

/** Directions over the first `vertexCount` vertices (the mask) of `positions` (mm). */
export function buildDemographicDirections(positions: Float32Array, vertexCount: number): DemographicDirections {
  const raw = {
    WC: field(positions, vertexCount, ETHNICITY.WC),
    EA: field(positions, vertexCount, ETHNICITY.EA),
    BA: field(positions, vertexCount, ETHNICITY.BA),
  };
  // Centre the ethnicity fields so the mean face is the average of the three groups.
  const mean = new Float32Array(vertexCount * 3);
  for (const f of Object.values(raw)) for (let i = 0; i < mean.length; i++) mean[i] = (mean[i] ?? 0) + (f[i] ?? 0) / 3;
  for (const f of Object.values(raw)) for (let i = 0; i < mean.length; i++) f[i] = (f[i] ?? 0) - (mean[i] ?? 0);
  return { gender: field(positions, vertexCount, GENDER), ethnicity: raw, age: field(positions, vertexCount, AGE) };
}

/** The demographic displacement of one identity (mask vertices). */
export function demographicDisplacement(
  directions: DemographicDirections,
  who: { gender: Gender; ethn: Ethnicity; age: number },
  out?: Float32Array,
): Float32Array {
  const n = directions.gender.length;
  const result = out ?? new Float32Array(n);
  const g = who.gender === 'M' ? 0.5 : -0.5;
  const a = (who.age - 25) / 50;
  const e = directions.ethnicity[who.ethn];
  for (let i = 0; i < n; i++) result[i] = g * (directions.gender[i] ?? 0) + (e[i] ?? 0) + a * (directions.age[i] ?? 0);
  return result;
}
