/**
 * The identity part of a face: neutral + Σ_m (shape[m] + demographics[m]) · mode_m over ICT's
 * identity modes, on model vertices. Shape coefficients are raw (N(0, 1) scale, the original's
 * semantics); the sampler stores them scaled by the modes' sd. A face's variations share one
 * identity, so recent identities are cached (cachedByIdentity) and computed again only when new.
 */
import { heldRowsOf } from '../../../lib/linalg/rowCombination';
import type { FaceIdentity } from '../../gmf/face/faceModel';
import type { IctModelData } from '../ictAsset';
import { addDemographics, type DemographicDirections } from './demographicDirections';
import { IctGeometryError } from './geometryError';

/**
 * Identity coefficients are used at this multiple of the scans' sd (hand-set): at 112-160 px the
 * scans' own spread leaves faces more alike than people are seen to be; 1.35 sd stays inside
 * the scanned range (a 2 sd face becomes 2.7 sd). shapeSd reports the scaled mm (ictGeometry.ts).
 */
export const IDENTITY_GAIN = 1.35;

/** Raw shape coefficients (times IDENTITY_GAIN) plus the identity's demographic direction, one per identity mode. */
export function identityCoefficients(
  identity: FaceIdentity,
  modeCount: number,
  directions: DemographicDirections,
): Float64Array {
  const { shape } = identity;
  if (shape.length > modeCount)
    throw new IctGeometryError(
      'ICT_GEOMETRY_IDENTITY',
      `${shape.length} shape coefficients given; the scan-based model has ${modeCount} identity modes.`,
    );
  if (!Number.isFinite(identity.age))
    throw new IctGeometryError('ICT_GEOMETRY_IDENTITY', `age ${identity.age} is not a number of years.`);
  const out = new Float64Array(modeCount);
  for (let m = 0; m < shape.length; m++) {
    const value = shape[m] ?? NaN;
    if (!Number.isFinite(value))
      throw new IctGeometryError('ICT_GEOMETRY_IDENTITY', `shape coefficient ${m} is ${value}, not a number.`);
    out[m] = IDENTITY_GAIN * value;
  }
  addDemographics(directions, identity, out);
  return out;
}

/** Values per block: a float64 accumulator of this size stays in the L1 cache. */
const BLOCK = 2048;

/**
 * neutral + Σ_m coefficients[m] · mode_m (xyz per model vertex, mm), summed in float64 block by
 * block, mode by mode in order, and rounded to float32 once.
 */
export function identityPositions(data: IctModelData, coefficients: Float64Array): Float32Array {
  const { positions } = data;
  const n = positions.length;
  const { modes } = data.identity;
  const held = heldRowsOf(modes, n);
  const used: number[] = [];
  coefficients.forEach((w, m) => {
    if (w !== 0) used.push(m);
  });
  const weights = used.map((m) => coefficients[m] ?? 0);
  const out = new Float32Array(n);
  const sum = new Float64Array(BLOCK);
  for (let start = 0; start < n; start += BLOCK) {
    const block = sum.subarray(0, Math.min(BLOCK, n - start));
    for (let i = 0; i < block.length; i++) block[i] = positions[start + i] ?? 0;
    held.addCombination(block, used, weights, start);
    out.set(block, start);
  }
  return out;
}

function sameIdentity(a: FaceIdentity, b: FaceIdentity): boolean {
  if (a.gender !== b.gender || a.ethn !== b.ethn || a.age !== b.age || a.shape.length !== b.shape.length) return false;
  for (let m = 0; m < a.shape.length; m++) if (a.shape[m] !== b.shape[m]) return false;
  return true;
}

/**
 * Wraps `compute` so that it runs again only for identities whose numbers (not their object) it
 * has not seen among the last `capacity` used: a dataset moves through its identities one by one
 * (1 suffices), streamed training draws them in random order.
 */
export function cachedByIdentity<T>(
  compute: (identity: FaceIdentity) => T,
  capacity = 1,
): (identity: FaceIdentity) => T {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`cache capacity ${capacity} is not a count`);
  /** Most recently used last. */
  const entries: { key: FaceIdentity; value: T }[] = [];
  return (identity) => {
    const at = entries.findIndex((e) => sameIdentity(e.key, identity));
    if (at >= 0) {
      const [hit] = entries.splice(at, 1);
      if (hit) {
        entries.push(hit);
        return hit.value;
      }
    }
    // Copy the numbers: the caller may reuse and mutate its shape array.
    const key: FaceIdentity = { ...identity, shape: Array.from(identity.shape), tex: [] };
    const value = compute(identity);
    entries.push({ key, value });
    if (entries.length > capacity) entries.shift();
    return value;
  };
}
