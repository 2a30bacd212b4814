/**
 * Soft region masks (0..1) in UV space at texture resolution.
 * Row convention (all texture arrays here): row 0 is v = 0 (the bottom, below the chin), pixel
 * (x, y) samples u = (x + 0.5) / size, v = (y + 0.5) / size; index y * size + x.
 */
import type { CanonicalMesh } from '../mesh/canonicalMesh';
import type { Polygon } from './faceGeometry';
import { faceGeometry, LANDMARK, TextureModelError, vertexUv } from './faceGeometry';

export interface RegionMasks {
  size: number;
  /** Between the outer and the inner lip contours. */
  lips: Float32Array;
  /** Brow outlines (upper and lower brow edge joined), thickened by about a texel. */
  brows: Float32Array;
  /** Eye-opening polygons (the eye contours). */
  eyes: Float32Array;
  /** Lower face below the nose (upper lip, chin, jaw), lips excluded; weighted by gender at render time. */
  beard: Float32Array;
  /** Soft discs around the cheekbones. */
  cheeks: Float32Array;
  /** Between the inner lip contours, dilated so the thin closed-mouth strip is fully covered. */
  mouth: Float32Array;
}

/** Signed distance from (u, v) to a closed polygon: negative inside (even-odd rule). */
export function polygonSignedDistance(poly: Polygon, u: number, v: number): number {
  const n = poly.length / 2;
  let best = Infinity;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ax = poly[2 * j] ?? 0;
    const ay = poly[2 * j + 1] ?? 0;
    const bx = poly[2 * i] ?? 0;
    const by = poly[2 * i + 1] ?? 0;
    const ex = bx - ax;
    const ey = by - ay;
    const len2 = ex * ex + ey * ey;
    const t = len2 > 0 ? Math.min(1, Math.max(0, ((u - ax) * ex + (v - ay) * ey) / len2)) : 0;
    best = Math.min(best, Math.hypot(u - ax - t * ex, v - ay - t * ey));
    if (ay > v !== by > v && u < ax + ((v - ay) * ex) / ey) inside = !inside;
  }
  return inside ? -best : best;
}

/**
 * Rasterises a polygon: 1 inside, 0 outside, a linear ramp `feather` wide (UV units) centred
 * `dilate` outside the outline. Only the bounding box (plus margin) is visited.
 */
export function rasterizePolygon(
  poly: Polygon,
  size: number,
  feather: number,
  dilate = 0,
  out = new Float32Array(size * size),
): Float32Array {
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let i = 0; i < poly.length; i += 2) {
    minU = Math.min(minU, poly[i] ?? 0);
    maxU = Math.max(maxU, poly[i] ?? 0);
    minV = Math.min(minV, poly[i + 1] ?? 0);
    maxV = Math.max(maxV, poly[i + 1] ?? 0);
  }
  const margin = dilate + feather;
  const x0 = Math.max(0, Math.floor((minU - margin) * size));
  const x1 = Math.min(size - 1, Math.ceil((maxU + margin) * size));
  const y0 = Math.max(0, Math.floor((minV - margin) * size));
  const y1 = Math.min(size - 1, Math.ceil((maxV + margin) * size));
  for (let y = y0; y <= y1; y++) {
    const v = (y + 0.5) / size;
    for (let x = x0; x <= x1; x++) {
      const d = polygonSignedDistance(poly, (x + 0.5) / size, v) - dilate;
      const m = Math.min(1, Math.max(0, 0.5 - d / feather));
      const k = y * size + x;
      out[k] = Math.max(out[k] ?? 0, m);
    }
  }
  return out;
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** Beard shadow starts just below the nose and, towards the sides, at about mouth level. */
const BEARD_TOP_BELOW_NOSE = 0.012;
const BEARD_TOP_SLOPE = 0.35;
const BEARD_SOFTNESS = 0.025;
const CHEEK_SIGMA = 0.045;

export function buildRegionMasks(mesh: CanonicalMesh, size: number): RegionMasks {
  if (!Number.isInteger(size) || size < 16 || size > 4096)
    throw new TextureModelError(`size must be an integer from 16 to 4096, got ${size}`);
  const geo = faceGeometry(mesh);
  const texel = 1 / size;
  const feather = 1.5 * texel;
  const n = size * size;

  const mouth = rasterizePolygon(geo.lipsInner, size, feather, 0.75 * texel);
  const outer = rasterizePolygon(geo.lipsOuter, size, feather);
  const lips = new Float32Array(n);
  for (let k = 0; k < n; k++) lips[k] = Math.min(outer[k] ?? 0, 1 - (mouth[k] ?? 0));
  const eyes = new Float32Array(n);
  for (const eye of geo.eyes) rasterizePolygon(eye.opening, size, feather, 0, eyes);
  const brows = new Float32Array(n);
  for (const brow of geo.brows) rasterizePolygon(brow, size, 2 * feather, texel, brows);

  // Beard: inside the face oval, below a line through the subnasale that drops towards the sides, minus the lips.
  const oval = rasterizePolygon(geo.faceOval, size, 6 * texel, -4 * texel);
  const lipsClear = rasterizePolygon(geo.lipsOuter, size, 3 * texel, texel);
  const [, noseV] = vertexUv(mesh, LANDMARK.subnasale);
  const beard = new Float32Array(n);
  const cheeks = new Float32Array(n);
  const cheekCentres = [vertexUv(mesh, LANDMARK.rightCheek), vertexUv(mesh, LANDMARK.leftCheek)];
  for (let y = 0; y < size; y++) {
    const v = (y + 0.5) / size;
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size;
      const k = y * size + x;
      const top = noseV - BEARD_TOP_BELOW_NOSE - BEARD_TOP_SLOPE * Math.max(0, Math.abs(u - 0.5) - 0.08);
      beard[k] = (oval[k] ?? 0) * (1 - (lipsClear[k] ?? 0)) * smoothstep(top + BEARD_SOFTNESS, top - BEARD_SOFTNESS, v);
      let c = 0;
      for (const [cu, cv] of cheekCentres)
        c = Math.max(c, Math.exp(-((u - cu) ** 2 + (v - cv) ** 2) / (2 * CHEEK_SIGMA ** 2)));
      cheeks[k] = c * (oval[k] ?? 0);
    }
  }
  return { size, lips, brows, eyes, beard, cheeks, mouth };
}
