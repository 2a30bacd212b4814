/**
 * Facial features of the neutral ICT mesh in frontal millimetres (x to the subject's left, y up),
 * from its 68 Multi-PIE landmarks (0-based: jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, lips
 * 48-67). Region masks are drawn in this plane: it is isotropic and undistorted on the front of
 * the face, unlike the uv layout, which squeezes the eyelids into thin slits.
 */
import type { IctModelData } from '../ictAsset';
import { IctAppearanceError } from './skinAtlas';

export type Point = [number, number, number];

export interface EyeFeatures {
  /** Eye opening polygon (xy pairs), outer corner first. */
  opening: Float64Array;
  outer: Point;
  inner: Point;
  /** Upper lid margin from outer to inner corner (4 landmarks). */
  upper: Point[];
  /** Lower lid margin from outer to inner corner (4 landmarks). */
  lower: Point[];
}

export interface FaceFeatures {
  landmark: (index: number) => Point;
  lipsOuter: Float64Array;
  lipsInner: Float64Array;
  /** Right eye (subject's right, x < 0) then left. */
  eyes: [EyeFeatures, EyeFeatures];
  /** Brow landmarks from the medial end to the tail, right then left. */
  brows: [Point[], Point[]];
  noseTip: Point;
  subnasale: Point;
  /** Nose wings (landmarks 31 and 35). */
  alae: [Point, Point];
  mouthCorners: [Point, Point];
  chin: Point;
}

const polygon = (points: readonly Point[]): Float64Array => Float64Array.from(points.flatMap((p) => [p[0], p[1]]));

export function faceFeatures(data: IctModelData): FaceFeatures {
  const ids = data.landmarks.multiPie68;
  if (ids.length !== 68)
    throw new IctAppearanceError('ICT_APPEARANCE_BAD_MODEL', `expected 68 landmarks, the asset has ${ids.length}.`);
  const landmark = (i: number): Point => {
    const v = ids[i] ?? 0;
    return [data.positions[3 * v] ?? 0, data.positions[3 * v + 1] ?? 0, data.positions[3 * v + 2] ?? 0];
  };
  const range = (a: number, b: number): Point[] => Array.from({ length: b - a + 1 }, (_, i) => landmark(a + i));
  const eye = (outer: number, upper: number[], inner: number, lower: number[], ring: number[]): EyeFeatures => ({
    opening: polygon(ring.map(landmark)),
    outer: landmark(outer),
    inner: landmark(inner),
    upper: [outer, ...upper, inner].map(landmark),
    lower: [outer, ...lower, inner].map(landmark),
  });
  return {
    landmark,
    lipsOuter: polygon(range(48, 59)),
    lipsInner: polygon(range(60, 67)),
    eyes: [
      eye(36, [37, 38], 39, [41, 40], [36, 37, 38, 39, 40, 41]),
      eye(45, [44, 43], 42, [46, 47], [45, 44, 43, 42, 47, 46]),
    ],
    brows: [range(17, 21).reverse(), range(22, 26)],
    noseTip: landmark(30),
    subnasale: landmark(33),
    alae: [landmark(31), landmark(35)],
    mouthCorners: [landmark(48), landmark(54)],
    chin: landmark(8),
  };
}

/** Distance in the xy plane from (x, y) to the polyline through `points`, and the arc parameter 0..1 of the nearest point. */
export function polylineDistance(points: readonly (readonly number[])[], x: number, y: number): [number, number] {
  let best = Infinity;
  let bestArc = 0;
  let arc = 0;
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] ?? [];
    const b = points[i] ?? [];
    total += Math.hypot((b[0] ?? 0) - (a[0] ?? 0), (b[1] ?? 0) - (a[1] ?? 0));
  }
  for (let i = 1; i < points.length; i++) {
    const ax = points[i - 1]?.[0] ?? 0;
    const ay = points[i - 1]?.[1] ?? 0;
    const ex = (points[i]?.[0] ?? 0) - ax;
    const ey = (points[i]?.[1] ?? 0) - ay;
    const len = Math.hypot(ex, ey);
    const t = len > 0 ? Math.min(1, Math.max(0, ((x - ax) * ex + (y - ay) * ey) / (len * len))) : 0;
    const d = Math.hypot(x - ax - t * ex, y - ay - t * ey);
    if (d < best) {
      best = d;
      bestArc = (arc + t * len) / Math.max(total, 1e-9);
    }
    arc += len;
  }
  return [best, bestArc];
}

/** Catmull-Rom resampling of a polyline's xy into `n` points (smooth curves through landmarks). */
export function smoothCurve(points: readonly (readonly number[])[], n: number): [number, number][] {
  const out: [number, number][] = [];
  const m = points.length - 1;
  for (let i = 0; i < n; i++) {
    const f = (i / (n - 1)) * m;
    const k = Math.min(m - 1, Math.floor(f));
    const t = f - k;
    const p = [k - 1, k, k + 1, k + 2].map((j) => points[Math.min(m, Math.max(0, j))] ?? []);
    const at = (axis: number): number => {
      const [p0 = 0, p1 = 0, p2 = 0, p3 = 0] = p.map((q) => q[axis] ?? 0);
      return (
        0.5 *
        (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t + (3 * p1 - p0 - 3 * p2 + p3) * t * t * t)
      );
    };
    out.push([at(0), at(1)]);
  }
  return out;
}
