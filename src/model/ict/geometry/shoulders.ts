/**
 * Shoulders, so that the neck does not end in a cut: a torso lofted from the bottom edge of
 * ICT's neck — DESIGNED BY HAND. Ring 0 repeats the neck's boundary loop (so the join has no
 * crack); each further ring blends the loop, lowered, into a rounded-box (superellipse) section
 * of a torso centred under the neck, closed underneath by a domed base. The torso is placed
 * relative to the deformed loop on every call, so it follows the identity's neck. Sizes:
 * biacromial breadth ~400 mm and chest depth ~230 mm, typical adult values (ANSUR II, Gordon et
 * al. 2014); one torso for everyone.
 */
import type { IctModelData } from '../ictAsset';
import { IctGeometryError } from './geometryError';

interface Ring {
  /** How far the torso section replaces the neck loop's shape in x and z (0..1). */
  blend: number;
  /** Drop (mm) below the loop at the front and back, and how much less the sides drop. */
  drop: number;
  sideLift: number;
  /** Half breadth and half depth of the section (mm), its centre's z offset, its squareness. */
  halfWidth: number;
  halfDepth: number;
  dz: number;
  exponent: number;
}

/**
 * Down from the neck's base: the upper chest and back slope away while the sides stay high
 * (the shoulder line, ~20° down to the acromion), round over the deltoids at ~410 mm, run down
 * the chest, then close under a rounded base like a bust's. A closed base rather than a long
 * open tube: with the head turned, rolled and pitched by 30° at once the bottom of any torso
 * short enough to stay clear of the camera comes into frame, and then it must not show a cut.
 */
const RINGS: readonly Ring[] = [
  { blend: 0.35, drop: 18, sideLift: 14, halfWidth: 155, halfDepth: 95, dz: -5, exponent: 2.4 },
  { blend: 0.7, drop: 45, sideLift: 45, halfWidth: 185, halfDepth: 108, dz: -8, exponent: 2.8 },
  { blend: 0.9, drop: 65, sideLift: 45, halfWidth: 200, halfDepth: 113, dz: -10, exponent: 3 },
  { blend: 1, drop: 95, sideLift: 25, halfWidth: 207, halfDepth: 115, dz: -10, exponent: 3.2 },
  { blend: 1, drop: 150, sideLift: 10, halfWidth: 200, halfDepth: 112, dz: -20, exponent: 3 },
  { blend: 1, drop: 215, sideLift: 0, halfWidth: 192, halfDepth: 100, dz: -38, exponent: 3 },
  { blend: 1, drop: 240, sideLift: 0, halfWidth: 160, halfDepth: 85, dz: -45, exponent: 2.6 },
  { blend: 1, drop: 254, sideLift: 0, halfWidth: 90, halfDepth: 50, dz: -45, exponent: 2.2 },
];
/** The base's centre, below the last ring. */
const BASE_DROP = 258;

export interface Shoulders {
  /** The neck's boundary loop (model vertices), ordered as its skin triangles run along it. */
  loop: Uint32Array;
  /** Per loop vertex, the unit direction (sin, cos of its angle about the loop's centre in x, z). */
  directions: Float32Array;
  /**
   * Render vertices: (RINGS.length + 1) rings of loop.length + 1 (the last repeats the first for
   * the uv seam), then the base's centre.
   */
  vertexCount: number;
  uvs: Float32Array;
  /** Local vertex indices, three per triangle. */
  triangles: Uint32Array;
}

/** The skin's one boundary loop: its edges used by a single triangle, in their triangle's direction. */
export function neckLoop(skinTriangles: Uint32Array): Uint32Array {
  const count = new Map<number, number>();
  // One number per undirected edge (exact: vertex counts are far below 2^26).
  const stride = skinTriangles.reduce((max, v) => Math.max(max, v), 0) + 1;
  const key = (a: number, b: number) => (a < b ? a * stride + b : b * stride + a);
  for (let t = 0; t < skinTriangles.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const e = key(skinTriangles[t + k] ?? 0, skinTriangles[t + ((k + 1) % 3)] ?? 0);
      count.set(e, (count.get(e) ?? 0) + 1);
    }
  }
  const next = new Map<number, number>();
  for (let t = 0; t < skinTriangles.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const a = skinTriangles[t + k] ?? 0;
      const b = skinTriangles[t + ((k + 1) % 3)] ?? 0;
      if (count.get(key(a, b)) === 1) next.set(a, b);
    }
  }
  const start = next.keys().next().value;
  const loop: number[] = [];
  for (let v = start; v !== undefined && loop.length <= next.size; v = next.get(v)) {
    loop.push(v);
    if (next.get(v) === start) break;
  }
  if (start === undefined || loop.length !== next.size)
    throw new IctGeometryError(
      'ICT_GEOMETRY_MESH',
      `the skin should have one open edge loop (the neck); it has ${next.size} open edges in other shapes.`,
    );
  return Uint32Array.from(loop);
}

function centroid(positions: Float32Array, loop: Uint32Array): [number, number, number] {
  const c = [0, 0, 0];
  for (const v of loop) for (let k = 0; k < 3; k++) c[k] = (c[k] ?? 0) + (positions[3 * v + k] ?? 0) / loop.length;
  return [c[0] ?? 0, c[1] ?? 0, c[2] ?? 0];
}

export function buildShoulders(data: IctModelData, skinTriangles: Uint32Array): Shoulders {
  const loop = neckLoop(skinTriangles);
  const n = loop.length;
  const [cx, , cz] = centroid(data.positions, loop);
  const directions = new Float32Array(2 * n);
  loop.forEach((v, i) => {
    const angle = Math.atan2((data.positions[3 * v] ?? 0) - cx, (data.positions[3 * v + 2] ?? 0) - cz);
    directions[2 * i] = Math.sin(angle);
    directions[2 * i + 1] = Math.cos(angle);
  });
  const columns = n + 1;
  const rings = RINGS.length + 1;
  const base = rings * columns;
  const uvs = new Float32Array(2 * (base + 1));
  for (let r = 0; r < rings; r++) {
    for (let i = 0; i < columns; i++) {
      uvs[2 * (r * columns + i)] = i / n;
      uvs[2 * (r * columns + i) + 1] = 1 - r / RINGS.length;
    }
  }
  // The skin runs a -> b along the loop; the torso uses each edge b -> a, so both face outward.
  const triangles: number[] = [];
  for (let r = 0; r < RINGS.length; r++) {
    for (let i = 0; i < n; i++) {
      const a = r * columns + i;
      const b = a + 1;
      triangles.push(b, a, a + columns, b, a + columns, b + columns);
    }
  }
  const last = RINGS.length * columns;
  for (let i = 0; i < n; i++) triangles.push(last + i + 1, last + i, base);
  uvs.set([0.5, 0], 2 * base);
  return { loop, directions, vertexCount: base + 1, uvs, triangles: Uint32Array.from(triangles) };
}

/** Superellipse |x/a|^p + |z/b|^p = 1 at the direction (s, c). */
function section(ring: Ring, s: number, c: number): [number, number] {
  const e = 2 / ring.exponent;
  return [ring.halfWidth * Math.sign(s) * Math.abs(s) ** e, ring.halfDepth * Math.sign(c) * Math.abs(c) ** e];
}

/** Writes the torso's vertices for the deformed `model` positions into `out` from render vertex `first`. */
export function writeShoulders(shoulders: Shoulders, model: Float32Array, out: Float32Array, first: number): void {
  const { loop, directions } = shoulders;
  const n = loop.length;
  const [cx, cy, cz] = centroid(model, loop);
  const put = (r: number, i: number, x: number, y: number, z: number) => {
    for (const column of i === 0 ? [0, n] : [i]) {
      const o = 3 * (first + r * (n + 1) + column);
      out[o] = x;
      out[o + 1] = y;
      out[o + 2] = z;
    }
  };
  for (let i = 0; i < n; i++) {
    const v = 3 * (loop[i] ?? 0);
    const lx = model[v] ?? 0;
    const ly = model[v + 1] ?? 0;
    const lz = model[v + 2] ?? 0;
    put(0, i, lx, ly, lz);
    const s = directions[2 * i] ?? 0;
    const c = directions[2 * i + 1] ?? 0;
    RINGS.forEach((ring, k) => {
      const [sx, sz] = section(ring, s, c);
      const w = ring.blend;
      const y = ly - ring.drop + ring.sideLift * s * s;
      put(k + 1, i, (1 - w) * lx + w * (cx + sx), y, (1 - w) * lz + w * (cz + ring.dz + sz));
    });
  }
  // The base's centre, a little below the last ring's middle: a gently domed base.
  const o = 3 * (first + (RINGS.length + 1) * (n + 1));
  out[o] = cx;
  out[o + 1] = cy - BASE_DROP;
  out[o + 2] = cz + (RINGS[RINGS.length - 1]?.dz ?? 0);
}
