/**
 * Left/right mirror correspondence of a mesh that is (nearly) symmetric about the plane x = 0.
 */
import { GmfError } from '../../../lib/errors';

export class MirrorError extends GmfError {
  constructor(message: string) {
    super('MESH_MIRROR', message);
  }
}

/**
 * For each vertex, the index of the vertex nearest to its mirror image (-x, y, z).
 * Midline vertices map to themselves. Throws MirrorError when a vertex has no partner within
 * `tolerance` mm or when the pairing is not one-to-one (m(m(i)) ≠ i).
 */
export function mirrorMap(positions: Float32Array, tolerance = 2): Uint32Array {
  if (positions.length % 3 !== 0) {
    throw new MirrorError(`Mirror map: positions length ${positions.length} is not a multiple of 3`);
  }
  const count = positions.length / 3;
  const map = new Uint32Array(count);
  // Brute force: O(n²) is about 0.2 M distance checks for the 468-vertex mask.
  for (let i = 0; i < count; i++) {
    const x = -(positions[3 * i] ?? 0);
    const y = positions[3 * i + 1] ?? 0;
    const z = positions[3 * i + 2] ?? 0;
    let best = -1;
    let bestDistance2 = Infinity;
    for (let j = 0; j < count; j++) {
      const dx = (positions[3 * j] ?? 0) - x;
      const dy = (positions[3 * j + 1] ?? 0) - y;
      const dz = (positions[3 * j + 2] ?? 0) - z;
      const distance2 = dx * dx + dy * dy + dz * dz;
      if (distance2 < bestDistance2) {
        bestDistance2 = distance2;
        best = j;
      }
    }
    const distance = Math.sqrt(bestDistance2);
    if (best < 0 || distance > tolerance) {
      throw new MirrorError(
        `Vertex ${i} at (${(-x).toFixed(2)}, ${y.toFixed(2)}, ${z.toFixed(2)}) mm has no mirror partner within ${tolerance} mm ` +
          `(nearest is ${distance.toFixed(2)} mm away); the mesh is not symmetric about x = 0.`,
      );
    }
    map[i] = best;
  }
  for (let i = 0; i < count; i++) {
    const partner = map[i] ?? 0;
    if (map[partner] !== i) {
      throw new MirrorError(
        `Vertices ${i} and ${partner} are not mutual mirror partners (${partner} pairs with ${map[partner] ?? -1}); ` +
          'lower the tolerance or check the mesh for duplicate vertices.',
      );
    }
  }
  return map;
}

/** Mirror a per-vertex xyz displacement field: out[i] = (-d[m].x, d[m].y, d[m].z), m = map[i]. */
export function mirrorDisplacement(d: Float32Array, map: Uint32Array, out = new Float32Array(d.length)): Float32Array {
  if (d.length !== map.length * 3 || out.length !== d.length) {
    throw new MirrorError(
      `Mirror displacement: expected ${map.length * 3} values, got ${d.length} (out ${out.length})`,
    );
  }
  if (out === d) throw new MirrorError('Mirror displacement cannot be computed in place');
  for (let i = 0; i < map.length; i++) {
    const m = map[i] ?? 0;
    out[3 * i] = -(d[3 * m] ?? 0);
    out[3 * i + 1] = d[3 * m + 1] ?? 0;
    out[3 * i + 2] = d[3 * m + 2] ?? 0;
  }
  return out;
}
