/**
 * Short hair as a thin shell over the scalp: the skin above the hairline (hairline.ts), its
 * triangles clipped exactly at the hairline so the edge follows the designed curve instead of
 * the mesh's staircase, pushed outward along the skin's vertex normals. The shell is rebuilt
 * from the deformed skin on every call, so it follows identity and expression; it thickens from
 * HAIRLINE_OFFSET_MM at the hairline to CROWN_OFFSET_MM over the first quarter of v.
 */
import type { IctModelData } from '../ictAsset';
import { hairMargin, hairUv } from './hairline';

const HAIRLINE_OFFSET_MM = 1.5;
const CROWN_OFFSET_MM = 4;
/** v (0 at the hairline) by which the shell reaches its full thickness. */
const FULL_THICKNESS_V = 0.25;

export interface HairCap {
  /** Each hair vertex lies at (1 - t) · skin vertex a + t · skin vertex b (t = 0 inside the cap). */
  sourceA: Uint32Array;
  sourceB: Uint32Array;
  t: Float32Array;
  /** uv per hair vertex (hairline.ts: u around the head, v from the hairline to the crown). */
  uvs: Float32Array;
  /** Hair vertex indices (0-based within the cap), three per triangle, wound as the skin. */
  triangles: Uint32Array;
  /** Distance (mm) of each hair vertex outside the skin along its normal. */
  offsets: Float32Array;
  /** The skin vertices the cap is built from, and the skin triangles around them (for normals). */
  normalVertices: Uint32Array;
  normalTriangles: Uint32Array;
}

/** Builds the cap on the neutral mesh; `skinTriangles`: model vertex triples of the head's outer surface. */
export function buildHairCap(data: IctModelData, skinTriangles: Uint32Array): HairCap {
  const p = data.positions;
  const margins = new Map<number, number>();
  const margin = (m: number) => {
    let f = margins.get(m);
    if (f === undefined) {
      f = hairMargin(p[3 * m] ?? 0, p[3 * m + 1] ?? 0, p[3 * m + 2] ?? 0);
      margins.set(m, f);
    }
    return f;
  };
  const at = (a: number, b: number, t: number) =>
    [0, 1, 2].map((axis) => (1 - t) * (p[3 * a + axis] ?? 0) + t * (p[3 * b + axis] ?? 0)) as [number, number, number];
  /** Where the margin crosses 0 along edge a-b: regula falsi, as the margin is not quite linear along it. */
  const crossing = (a: number, b: number) => {
    let [t0, f0, t1, f1] = [0, margin(a), 1, margin(b)];
    let t = t0;
    for (let i = 0; i < 30 && t1 - t0 > 1e-7; i++) {
      t = t0 + (f0 * (t1 - t0)) / (f0 - f1);
      const f = hairMargin(...at(a, b, t));
      if (Math.abs(f) < 1e-9) break;
      if (Math.sign(f) === Math.sign(f0)) [t0, f0] = [t, f];
      else [t1, f1] = [t, f];
    }
    return t;
  };
  const sources: [number, number, number][] = [];
  const indexOf = new Map<number, number>();
  /** The hair vertex at skin vertex a (b === a) or where the hairline crosses edge a-b. */
  const vertex = (a: number, b: number) => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const key = lo * data.vertexCount + hi;
    let k = indexOf.get(key);
    if (k === undefined) {
      k = sources.length;
      sources.push([lo, hi, lo === hi ? 0 : crossing(lo, hi)]);
      indexOf.set(key, k);
    }
    return k;
  };
  const triangles: number[] = [];
  const touched = new Set<number>();
  for (let i = 0; i < skinTriangles.length; i += 3) {
    const tri = [skinTriangles[i] ?? 0, skinTriangles[i + 1] ?? 0, skinTriangles[i + 2] ?? 0];
    const inside = tri.map((m) => margin(m) > 0);
    if (!inside.some(Boolean)) continue;
    // Clip the triangle to margin > 0, cutting each crossed edge where the hairline crosses it.
    const polygon: number[] = [];
    for (let k = 0; k < 3; k++) {
      const a = tri[k] ?? 0;
      const b = tri[(k + 1) % 3] ?? 0;
      if (inside[k]) polygon.push(vertex(a, a));
      if (inside[k] !== inside[(k + 1) % 3]) polygon.push(vertex(a, b));
    }
    for (let k = 1; k + 1 < polygon.length; k++) triangles.push(polygon[0] ?? 0, polygon[k] ?? 0, polygon[k + 1] ?? 0);
    for (const m of tri) touched.add(m);
  }
  const normalTriangles: number[] = [];
  for (let i = 0; i < skinTriangles.length; i += 3) {
    const tri = skinTriangles.subarray(i, i + 3);
    if (tri.some((m) => touched.has(m))) normalTriangles.push(...tri);
  }
  const uvs = new Float32Array(2 * sources.length);
  const offsets = new Float32Array(sources.length);
  sources.forEach(([a, b, t], k) => {
    const [u, v] = hairUv(...at(a, b, t));
    uvs[2 * k] = u;
    uvs[2 * k + 1] = v;
    const s = Math.min(1, v / FULL_THICKNESS_V);
    offsets[k] = HAIRLINE_OFFSET_MM + (CROWN_OFFSET_MM - HAIRLINE_OFFSET_MM) * s * s * (3 - 2 * s);
  });
  return {
    sourceA: Uint32Array.from(sources, ([a]) => a),
    sourceB: Uint32Array.from(sources, ([, b]) => b),
    t: Float32Array.from(sources, ([, , t]) => t),
    uvs,
    triangles: Uint32Array.from(triangles),
    offsets,
    normalVertices: Uint32Array.from([...touched].sort((x, y) => x - y)),
    normalTriangles: Uint32Array.from(normalTriangles),
  };
}

/** Area-weighted vertex normals of the skin around the cap (unit; xyz per model vertex, 0 elsewhere). */
export function skinNormals(cap: HairCap, model: Float32Array): Float32Array {
  const normals = new Float32Array(model.length);
  const t = cap.normalTriangles;
  for (let i = 0; i < t.length; i += 3) {
    const a = 3 * (t[i] ?? 0);
    const b = 3 * (t[i + 1] ?? 0);
    const c = 3 * (t[i + 2] ?? 0);
    const ux = (model[b] ?? 0) - (model[a] ?? 0);
    const uy = (model[b + 1] ?? 0) - (model[a + 1] ?? 0);
    const uz = (model[b + 2] ?? 0) - (model[a + 2] ?? 0);
    const vx = (model[c] ?? 0) - (model[a] ?? 0);
    const vy = (model[c + 1] ?? 0) - (model[a + 1] ?? 0);
    const vz = (model[c + 2] ?? 0) - (model[a + 2] ?? 0);
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    for (const o of [a, b, c]) {
      normals[o] = (normals[o] ?? 0) + nx;
      normals[o + 1] = (normals[o + 1] ?? 0) + ny;
      normals[o + 2] = (normals[o + 2] ?? 0) + nz;
    }
  }
  for (const m of cap.normalVertices) {
    const o = 3 * m;
    const length = Math.hypot(normals[o] ?? 0, normals[o + 1] ?? 0, normals[o + 2] ?? 0) || 1;
    for (let axis = 0; axis < 3; axis++) normals[o + axis] = (normals[o + axis] ?? 0) / length;
  }
  return normals;
}

/** Writes the cap's vertices (skin + offset · normal) into `out` from render vertex `first` on. */
export function writeHair(cap: HairCap, model: Float32Array, out: Float32Array, first: number): void {
  const normals = skinNormals(cap, model);
  for (let k = 0; k < cap.t.length; k++) {
    const a = 3 * (cap.sourceA[k] ?? 0);
    const b = 3 * (cap.sourceB[k] ?? 0);
    const t = cap.t[k] ?? 0;
    const n = [0, 1, 2].map((axis) => (1 - t) * (normals[a + axis] ?? 0) + t * (normals[b + axis] ?? 0));
    const length = Math.hypot(n[0] ?? 0, n[1] ?? 0, n[2] ?? 0) || 1;
    const offset = (cap.offsets[k] ?? 0) / length;
    for (let axis = 0; axis < 3; axis++) {
      const skin = (1 - t) * (model[a + axis] ?? 0) + t * (model[b + axis] ?? 0);
      out[3 * (first + k) + axis] = skin + offset * (n[axis] ?? 0);
    }
  }
}
