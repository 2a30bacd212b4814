/**
 * Gender, ethnicity and age as directions in ICT's identity space (100 modes, weights N(0, 1)).
 * Each direction is the smallest coefficient vector whose landmark measures change by the hand-
 * designed targets (demographicTargets.ts), found by ridge least squares: under the modes'
 * N(0, I) prior this is the most probable face change that shows those measures, so the face
 * stays on the scans' manifold and the rest of the face co-varies as it does in the scans.
 */
import { inverseCholesky } from '../../../lib/linalg/cholesky';
import { createMatrix, matmul, matmulTransposeA, outerGram } from '../../../lib/linalg/matrix';
import type { Ethnicity, Gender } from '../../gmf/generatorSpec';
import type { IctModelData } from '../ictAsset';
import { type AnthropometricPoints, MEASURES, measureGradient } from './anthropometry';
import { AGE_TARGETS, type DemographicTarget, ETHNICITY_TARGETS, GENDER_TARGETS } from './demographicTargets';
import { IctGeometryError } from './geometryError';

/**
 * Ridge penalty in mm² per unit of squared coefficient norm: a target missed by 1 mm costs as
 * much as a coefficient change of norm 1 (one sd). Chosen so that every target is met within
 * ~10 % while no direction needs more than a few sd (README.md lists the achieved values).
 */
const RIDGE_MM2 = 0.25;

/** Age of the mean face; ageing is linear in years from here, per 50 years. */
export const REFERENCE_AGE = 25;
const AGE_SPAN = 50;
/** Ages are clamped to this range before the direction is applied (the scans are of adults). */
export const AGE_RANGE = [18, 90] as const;

export interface DemographicDirections {
  /** Coefficients from the female to the male face (applied as ±0.5). */
  gender: Float64Array;
  /** Per group, its offset from the mean of the three groups. */
  ethnicity: Readonly<Record<Ethnicity, Float64Array>>;
  /** Coefficients per 50 years above REFERENCE_AGE. */
  age: Float64Array;
}

/** d(measure)/d(coefficient) for each target: one row of `modeCount` per target, row-major. */
function targetGradients(data: IctModelData, points: AnthropometricPoints, targets: readonly DemographicTarget[]) {
  const { count, modes } = data.identity;
  const n = data.vertexCount * 3;
  const rows = createMatrix(targets.length, count);
  targets.forEach((target, j) => {
    for (const { vertex, axis, weight } of measureGradient(data.positions, points, MEASURES[target.measure])) {
      for (let m = 0; m < count; m++) {
        const i = j * count + m;
        rows.data[i] = (rows.data[i] ?? 0) + weight * (modes[m * n + 3 * vertex + axis] ?? 0);
      }
    }
  });
  return rows;
}

/**
 * argmin_c Σ_j (g_j · c - t_j)² + RIDGE_MM2 |c|², in its dual form c = Gᵀ (G Gᵀ + λ I)⁻¹ t:
 * a system of one equation per target instead of one per mode.
 */
export function solveDirection(
  data: IctModelData,
  points: AnthropometricPoints,
  targets: readonly DemographicTarget[],
): Float64Array {
  const g = targetGradients(data, points, targets);
  const k = outerGram(g);
  for (let j = 0; j < targets.length; j++)
    k.data[j * targets.length + j] = (k.data[j * targets.length + j] ?? 0) + RIDGE_MM2;
  const factor = inverseCholesky(k);
  if (factor === null)
    throw new IctGeometryError(
      'ICT_GEOMETRY_MESH',
      'the demographic targets give a singular system (a measure without landmarks?).',
    );
  const t = createMatrix(
    targets.length,
    1,
    targets.map((target) => target.mm),
  );
  const alpha = matmul(factor.inverseT, matmul(factor.inverse, t));
  return matmulTransposeA(g, alpha).data;
}

export function buildDemographicDirections(data: IctModelData, points: AnthropometricPoints): DemographicDirections {
  const ea = solveDirection(data, points, ETHNICITY_TARGETS.EA);
  const ba = solveDirection(data, points, ETHNICITY_TARGETS.BA);
  // WC is the reference (0); centring makes the mean face the average of the three groups.
  const centre = ea.map((v, m) => (v + (ba[m] ?? 0)) / 3);
  return {
    gender: solveDirection(data, points, GENDER_TARGETS),
    ethnicity: {
      WC: centre.map((v) => -v),
      EA: ea.map((v, m) => v - (centre[m] ?? 0)),
      BA: ba.map((v, m) => v - (centre[m] ?? 0)),
    },
    age: solveDirection(data, points, AGE_TARGETS),
  };
}

/** How far along the age direction a face of `age` years lies (0 at REFERENCE_AGE, 1 fifty years on). */
export function ageFactor(age: number): number {
  const clamped = Math.min(AGE_RANGE[1], Math.max(AGE_RANGE[0], age));
  return (clamped - REFERENCE_AGE) / AGE_SPAN;
}

/** out[m] += the demographic coefficients of one identity. */
export function addDemographics(
  directions: DemographicDirections,
  who: { gender: Gender; ethn: Ethnicity; age: number },
  out: Float64Array,
): void {
  const g = who.gender === 'M' ? 0.5 : -0.5;
  const a = ageFactor(who.age);
  const e = directions.ethnicity[who.ethn];
  for (let m = 0; m < out.length; m++)
    out[m] = (out[m] ?? 0) + g * (directions.gender[m] ?? 0) + (e[m] ?? 0) + a * (directions.age[m] ?? 0);
}
