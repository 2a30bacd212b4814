/** Displacement fields (Float32Array, 3 per vertex, mm) built from hand-placed anchors. */
import { type Vec3, vertexAt } from './contours';

export interface Anchor {
  position: Vec3;
  displacement: Vec3;
}

/**
 * Shepard (inverse-square-distance) interpolation of the anchors' displacements, which is
 * exact at each anchor, faded by a Gaussian in the distance to the nearest anchor.
 */
export function spreadAnchors(positions: Float32Array, anchors: readonly Anchor[], sigmaMm: number): Float32Array {
  const n = positions.length / 3;
  const field = new Float32Array(3 * n);
  for (let v = 0; v < n; v++) {
    const [x, y, z] = vertexAt(positions, v);
    let wSum = 0;
    let nearest2 = Infinity;
    let [sx, sy, sz] = [0, 0, 0];
    let exact: Vec3 | undefined;
    for (const {
      position: [ax, ay, az],
      displacement: d,
    } of anchors) {
      const r2 = (x - ax) ** 2 + (y - ay) ** 2 + (z - az) ** 2;
      if (r2 < 1e-12) exact = d;
      nearest2 = Math.min(nearest2, r2);
      const w = 1 / Math.max(r2, 1e-12);
      wSum += w;
      sx += w * d[0];
      sy += w * d[1];
      sz += w * d[2];
    }
    const fade = Math.exp(-nearest2 / (2 * sigmaMm * sigmaMm));
    const scale = fade / wSum;
    field.set(exact ?? [sx * scale, sy * scale, sz * scale], 3 * v);
  }
  return field;
}

/** Rigid rotation about the x axis through `pivot` (the jaw hinge); positive angle opens the jaw. */
export function rotateAboutX(positions: Float32Array, pivot: Vec3, angleRad: number): Float32Array {
  const field = new Float32Array(positions.length);
  const [c, s] = [Math.cos(angleRad), Math.sin(angleRad)];
  for (let v = 0; v < positions.length / 3; v++) {
    const [, y, z] = vertexAt(positions, v);
    const [ry, rz] = [y - pivot[1], z - pivot[2]];
    field[3 * v + 1] = ry * c - rz * s - ry;
    field[3 * v + 2] = ry * s + rz * c - rz;
  }
  return field;
}

export function addFields(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((value, i) => value + (b[i] ?? 0));
}

/** Multiplies each vertex's displacement by its mask weight (0 outside the region). */
export function maskField(field: Float32Array, mask: Float32Array): Float32Array {
  return field.map((value, i) => value * (mask[Math.floor(i / 3)] ?? 0));
}

/** Averages each vertex's displacement with its mirror partner's, x negated: exact mirror symmetry. */
export function symmetrise(field: Float32Array, partners: Uint32Array): Float32Array {
  const out = new Float32Array(field.length);
  partners.forEach((m, v) => {
    out[3 * v] = 0.5 * ((field[3 * v] ?? 0) - (field[3 * m] ?? 0));
    out[3 * v + 1] = 0.5 * ((field[3 * v + 1] ?? 0) + (field[3 * m + 1] ?? 0));
    out[3 * v + 2] = 0.5 * ((field[3 * v + 2] ?? 0) + (field[3 * m + 2] ?? 0));
  });
  return out;
}
