/**
 * Position maps: which mesh point each texel of a texture shows. Rasterising the neutral mesh's
 * triangles in uv space gives every covered texel its 3D point (mm) and its group, so features
 * can be drawn where they sit on the face (in millimetres, continuous across uv seams) instead
 * of in the uv layout, which squeezes the eyelids and splits face from neck.
 * Rows: row 0 is v = 0 (bottom); texel (x, y) has its centre at ((x + 0.5) / size, (y + 0.5) / size).
 */
import type { IctModelData } from '../ictAsset';

export interface SurfaceMap {
  size: number;
  /** Group index (into data.render.groups) per texel, -1 where no triangle covers it. */
  group: Int16Array;
  /** Neutral position (mm) per texel, xyz; 0 where not covered. */
  position: Float32Array;
  /** Unit normal of the neutral mesh per texel (interpolated vertex normals), xyz. */
  normal: Float32Array;
  /** Covered texels in increasing order. */
  covered: Uint32Array;
  /** Padding: each empty texel near a chart takes the colour of its nearest covered texel. */
  padTarget: Uint32Array;
  padSource: Uint32Array;
}

/** Rasterises `groups` with uvs mapped by `toTexture`; the first triangle to cover a texel keeps it. */
export function buildSurfaceMap(
  data: IctModelData,
  groupNames: readonly string[],
  size: number,
  toTexture: (u: number, v: number) => [number, number],
  padTexels: number,
): SurfaceMap {
  const { uvs, triangles, groups, renderToModel } = data.render;
  const n = size * size;
  const group = new Int16Array(n).fill(-1);
  const position = new Float32Array(3 * n);
  const normal = new Float32Array(3 * n);
  const vertexNormal = vertexNormals(data, groupNames);
  const px = [0, 0, 0];
  const py = [0, 0, 0];
  const model = [0, 0, 0];
  groups.forEach((g, gi) => {
    if (!groupNames.includes(g.name)) return;
    for (let t = g.triangleStart; t < g.triangleStart + g.triangleCount; t++) {
      for (let c = 0; c < 3; c++) {
        const r = triangles[3 * t + c] ?? 0;
        const [u, v] = toTexture(uvs[2 * r] ?? 0, uvs[2 * r + 1] ?? 0);
        px[c] = u * size;
        py[c] = v * size;
        model[c] = renderToModel[r] ?? 0;
      }
      rasteriseTriangle(px, py, size, (k, w0, w1, w2) => {
        if ((group[k] ?? 0) >= 0) return;
        group[k] = gi;
        const [m0 = 0, m1 = 0, m2 = 0] = model;
        for (let a = 0; a < 3; a++) {
          position[3 * k + a] =
            w0 * (data.positions[3 * m0 + a] ?? 0) +
            w1 * (data.positions[3 * m1 + a] ?? 0) +
            w2 * (data.positions[3 * m2 + a] ?? 0);
          normal[3 * k + a] =
            w0 * (vertexNormal[3 * m0 + a] ?? 0) +
            w1 * (vertexNormal[3 * m1 + a] ?? 0) +
            w2 * (vertexNormal[3 * m2 + a] ?? 0);
        }
        const len = Math.hypot(normal[3 * k] ?? 0, normal[3 * k + 1] ?? 0, normal[3 * k + 2] ?? 0) || 1;
        for (let a = 0; a < 3; a++) normal[3 * k + a] = (normal[3 * k + a] ?? 0) / len;
      });
    }
  });
  const covered: number[] = [];
  for (let k = 0; k < n; k++) if ((group[k] ?? -1) >= 0) covered.push(k);
  const [padTarget, padSource] = nearestCovered(group, size, padTexels);
  return { size, group, position, normal, covered: Uint32Array.from(covered), padTarget, padSource };
}

/** Area-weighted vertex normals (per model vertex) over the triangles of `groupNames`. */
function vertexNormals(data: IctModelData, groupNames: readonly string[]): Float32Array {
  const { triangles, groups, renderToModel } = data.render;
  const p = data.positions;
  const out = new Float32Array(p.length);
  for (const g of groups) {
    if (!groupNames.includes(g.name)) continue;
    for (let t = g.triangleStart; t < g.triangleStart + g.triangleCount; t++) {
      const a = 3 * (renderToModel[triangles[3 * t] ?? 0] ?? 0);
      const b = 3 * (renderToModel[triangles[3 * t + 1] ?? 0] ?? 0);
      const c = 3 * (renderToModel[triangles[3 * t + 2] ?? 0] ?? 0);
      const e1 = [0, 1, 2].map((i) => (p[b + i] ?? 0) - (p[a + i] ?? 0));
      const e2 = [0, 1, 2].map((i) => (p[c + i] ?? 0) - (p[a + i] ?? 0));
      const [ux = 0, uy = 0, uz = 0] = e1;
      const [vx = 0, vy = 0, vz = 0] = e2;
      const cross = [uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx];
      for (const o of [a, b, c]) for (let i = 0; i < 3; i++) out[o + i] = (out[o + i] ?? 0) + (cross[i] ?? 0);
    }
  }
  return out;
}

/** Calls `visit(texel, w0, w1, w2)` for each texel whose centre lies in the triangle (pixel units). */
function rasteriseTriangle(
  px: readonly number[],
  py: readonly number[],
  size: number,
  visit: (k: number, w0: number, w1: number, w2: number) => void,
): void {
  const [x0 = 0, x1 = 0, x2 = 0] = px;
  const [y0 = 0, y1 = 0, y2 = 0] = py;
  const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  if (area === 0) return;
  const xa = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
  const xb = Math.min(size - 1, Math.ceil(Math.max(x0, x1, x2)));
  const ya = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
  const yb = Math.min(size - 1, Math.ceil(Math.max(y0, y1, y2)));
  // A small tolerance closes cracks between triangles that share an edge.
  const eps = -1e-6;
  for (let y = ya; y <= yb; y++) {
    const cy = y + 0.5;
    for (let x = xa; x <= xb; x++) {
      const cx = x + 0.5;
      const w0 = ((x1 - cx) * (y2 - cy) - (x2 - cx) * (y1 - cy)) / area;
      const w1 = ((x2 - cx) * (y0 - cy) - (x0 - cx) * (y2 - cy)) / area;
      const w2 = 1 - w0 - w1;
      if (w0 >= eps && w1 >= eps && w2 >= eps) visit(y * size + x, w0, w1, w2);
    }
  }
}

/** Breadth-first growth from the covered texels, `radius` rings deep (4-neighbour steps). */
function nearestCovered(group: Int16Array, size: number, radius: number): [Uint32Array, Uint32Array] {
  const source = new Int32Array(group.length).fill(-1);
  let front: number[] = [];
  for (let k = 0; k < group.length; k++) {
    if ((group[k] ?? -1) >= 0) {
      source[k] = k;
      front.push(k);
    }
  }
  const targets: number[] = [];
  const sources: number[] = [];
  for (let ring = 0; ring < radius && front.length > 0; ring++) {
    const next: number[] = [];
    for (const k of front) {
      const x = k % size;
      const y = (k - x) / size;
      const neighbours = [
        x > 0 ? k - 1 : -1,
        x < size - 1 ? k + 1 : -1,
        y > 0 ? k - size : -1,
        y < size - 1 ? k + size : -1,
      ];
      for (const m of neighbours) {
        if (m < 0 || (source[m] ?? 0) >= 0) continue;
        source[m] = source[k] ?? k;
        targets.push(m);
        sources.push(source[k] ?? k);
        next.push(m);
      }
    }
    front = next;
  }
  return [Uint32Array.from(targets), Uint32Array.from(sources)];
}

/** Copies each padding texel's RGBA from its source texel. */
export function padChart(map: SurfaceMap, rgba: Uint8ClampedArray): void {
  const { padTarget, padSource } = map;
  for (let i = 0; i < padTarget.length; i++) {
    const t = 4 * (padTarget[i] ?? 0);
    const s = 4 * (padSource[i] ?? 0);
    rgba[t] = rgba[s] ?? 0;
    rgba[t + 1] = rgba[s + 1] ?? 0;
    rgba[t + 2] = rgba[s + 2] ?? 0;
    rgba[t + 3] = 255;
  }
}
