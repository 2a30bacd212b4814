/**
 * FACS action units as blendshapes over the canonical mesh: each AU is a displacement field
 * (mm at amplitude 1) confined to one region, mirror-symmetric, added linearly to positions.
 */
import type { CanonicalMesh } from '../mesh/canonicalMesh';
import { ACTION_UNIT_DESIGNS, ACTION_UNITS, type ActionUnitId } from './actionUnitFields';
import { mirrorMap } from '../mesh/mirror';
import { ExpressionError, faceContours } from './contours';
import { maskField, symmetrise } from './fields';
import { buildRegionMasks, type RegionMasks, type RegionName } from './regions';

export { ACTION_UNITS, type ActionUnitId } from './actionUnitFields';
export { ExpressionError } from './contours';

export type ActionUnitAmplitudes = Partial<Record<ActionUnitId, number>>;

export interface ActionUnitBasis {
  vertexCount: number;
  /** Displacement per vertex (x, y, z in mm) at amplitude 1. */
  fields: Record<ActionUnitId, Float32Array>;
  /** Region weights in [0, 1] per vertex; exactly 0 outside the region. */
  regions: RegionMasks;
  regionOf: Record<ActionUnitId, RegionName>;
  /** Mirror partner of each vertex across x = 0. */
  mirror: Uint32Array;
}

export function buildActionUnits(mesh: CanonicalMesh): ActionUnitBasis {
  const { positions } = mesh;
  const contours = faceContours(mesh);
  const regions = buildRegionMasks(positions, contours);
  const mirror = mirrorMap(positions);
  const faceOval = Array.from(mesh.landmarkGroups.faceOval?.vertices ?? []);
  if (faceOval.length === 0)
    throw new ExpressionError(
      'EXPRESSION_LANDMARKS',
      'Expressions need the landmark group "faceOval", which this mesh lacks',
    );
  const ctx = { positions, contours, regions, faceOval };
  const fields = {} as Record<ActionUnitId, Float32Array>;
  const regionOf = {} as Record<ActionUnitId, RegionName>;
  for (const au of ACTION_UNITS) {
    const design = ACTION_UNIT_DESIGNS[au];
    fields[au] = symmetrise(maskField(design.field(ctx), regions[design.region]), mirror);
    regionOf[au] = design.region;
  }
  return { vertexCount: mesh.vertexCount, fields, regions, regionOf, mirror };
}

function isActionUnit(key: string): key is ActionUnitId {
  return (ACTION_UNITS as readonly string[]).includes(key);
}

/**
 * positions + Σ amplitude · field, into `out` (a new array unless given; may be `positions`).
 * Amplitudes must lie in [0, 1]; the input is not mutated unless it is also `out`.
 */
export function applyActionUnits(
  basis: ActionUnitBasis,
  amplitudes: ActionUnitAmplitudes,
  positions: Float32Array,
  out?: Float32Array,
): Float32Array {
  const size = basis.vertexCount * 3;
  if (positions.length !== size)
    throw new ExpressionError(
      'EXPRESSION_SIZE',
      `Positions hold ${positions.length / 3} vertices; the action units were built for ${basis.vertexCount}`,
    );
  if (out && out.length !== size)
    throw new ExpressionError(
      'EXPRESSION_SIZE',
      `Output holds ${out.length / 3} vertices; expected ${basis.vertexCount}`,
    );
  const terms: [number, Float32Array][] = [];
  for (const [key, amplitude] of Object.entries(amplitudes)) {
    if (!isActionUnit(key))
      throw new ExpressionError(
        'EXPRESSION_UNKNOWN_AU',
        `Unknown action unit "${key}"; known: ${ACTION_UNITS.join(', ')}`,
      );
    if (amplitude === 0) continue;
    if (!Number.isFinite(amplitude) || amplitude < 0 || amplitude > 1) {
      throw new ExpressionError(
        'EXPRESSION_AMPLITUDE',
        `Amplitude of ${key} is ${amplitude}; action unit amplitudes run from 0 to 1`,
      );
    }
    terms.push([amplitude, basis.fields[key]]);
  }
  const result = out ?? new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let value = positions[i] ?? 0;
    for (const [amplitude, field] of terms) value += amplitude * (field[i] ?? 0);
    result[i] = value;
  }
  return result;
}
