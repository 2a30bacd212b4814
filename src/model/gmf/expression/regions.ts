/**
 * Soft region masks (weight per vertex in [0, 1]; region = weight > 0, exactly 0 outside),
 * placed from landmark contours so they follow the mesh rather than fixed coordinates.
 */
import { type FaceContours, type SplitContour, vertexAt } from './contours';

export const REGIONS = ['brows', 'eyes', 'cheeks', 'nose', 'mouth', 'jaw'] as const;
export type RegionName = (typeof REGIONS)[number];
export type RegionMasks = Record<RegionName, Float32Array>;

/** 0 below edge0, 1 above edge1, C1-smooth in between (edge0 > edge1 flips it). */
export function smoothstep(edge0: number, edge1: number, t: number): number {
  const s = Math.min(1, Math.max(0, (t - edge0) / (edge1 - edge0)));
  return s * s * (3 - 2 * s);
}

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** Normalised radius up to which the weight is 1. */
  flat: number;
}

function ellipseWeight(x: number, y: number, e: Ellipse): number {
  const r = Math.hypot((x - e.cx) / e.rx, (y - e.cy) / e.ry);
  return smoothstep(1, e.flat, r);
}

/** Both sides: the ellipse at +cx and its mirror at -cx. */
function bilateral(x: number, y: number, e: Ellipse): number {
  return ellipseWeight(Math.abs(x), y, e);
}

function bounds(
  p: Float32Array,
  vertices: readonly number[],
): { minX: number; maxX: number; minY: number; maxY: number } {
  const xs = vertices.map((v) => vertexAt(p, v)[0]);
  const ys = vertices.map((v) => vertexAt(p, v)[1]);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

const all = (c: SplitContour): number[] => [...c.corners, ...c.upper, ...c.lower];

/** Height of the midline between the inner lips at x (flat beyond the inner corners). */
function mouthMidline(p: Float32Array, inner: SplitContour): (x: number) => number {
  const lineAt = (vertices: number[], x: number): number => {
    const pts = vertices.map((v) => vertexAt(p, v)).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < pts.length; i++) {
      const [a, b] = [pts[i - 1], pts[i]];
      if (a && b && x <= b[0]) return a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0] || 1);
    }
    return pts[pts.length - 1]?.[1] ?? 0;
  };
  const upper = [...inner.corners, ...inner.upper];
  const lower = [...inner.corners, ...inner.lower];
  const cornerX = Math.abs(vertexAt(p, inner.corners[1])[0]);
  return (x) => {
    const xc = Math.max(-cornerX, Math.min(cornerX, x));
    return 0.5 * (lineAt(upper, xc) + lineAt(lower, xc));
  };
}

export function buildRegionMasks(positions: Float32Array, contours: FaceContours): RegionMasks {
  const p = positions;
  const eye = bounds(p, all(contours.eyes.left));
  const eyeCx = 0.5 * (eye.minX + eye.maxX);
  const eyeCy = 0.5 * (eye.minY + eye.maxY);
  const eyeHalfWidth = 0.5 * (eye.maxX - eye.minX);
  const brow = bounds(p, contours.brows.left);
  const lips = bounds(p, all(contours.lips.outer));
  const mouthHalfWidth = lips.maxX;
  const innerCornerX = Math.abs(vertexAt(p, contours.lips.inner.corners[1])[0]);
  const midline = mouthMidline(p, contours.lips.inner);

  const eyes: Ellipse = { cx: eyeCx, cy: eyeCy, rx: 1.6 * eyeHalfWidth, ry: 1.2 * eyeHalfWidth, flat: 0.7 };
  const cheeks: Ellipse = { cx: eyeCx + 6, cy: 0.5 * (eye.minY + lips.maxY), rx: 22, ry: 22, flat: 0.4 };
  const nose: Ellipse = {
    cx: 0,
    cy: 0.5 * (eyeCy + lips.maxY),
    rx: 1.5 * eye.minX,
    ry: 0.5 * (eyeCy - lips.maxY),
    flat: 0.5,
  };
  const mouth: Ellipse = {
    cx: 0,
    cy: 0.5 * (lips.minY + lips.maxY),
    rx: 1.7 * mouthHalfWidth,
    ry: lips.maxY - lips.minY,
    flat: 0.65,
  };

  const n = p.length / 3;
  const masks: RegionMasks = {
    brows: new Float32Array(n),
    eyes: new Float32Array(n),
    cheeks: new Float32Array(n),
    nose: new Float32Array(n),
    mouth: new Float32Array(n),
    jaw: new Float32Array(n),
  };
  for (let v = 0; v < n; v++) {
    const [x, y] = vertexAt(p, v);
    masks.brows[v] = smoothstep(eye.maxY + 3, brow.minY, y);
    masks.eyes[v] = bilateral(x, y, eyes);
    masks.cheeks[v] = bilateral(x, y, cheeks);
    masks.nose[v] = ellipseWeight(x, y, nose);
    masks.mouth[v] = ellipseWeight(x, y, mouth);
    // Below the lip midline: sharp between the lips, a broad ramp over the cheeks beyond the corners.
    const feather = 2.5 + 25 * smoothstep(0.5 * innerCornerX, 2 * innerCornerX, Math.abs(x));
    masks.jaw[v] = smoothstep(0, feather, midline(x) - y);
  }
  return masks;
}
