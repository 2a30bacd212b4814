/**
 * Lid, lip and brow contours of the canonical mesh, derived from its landmark groups plus
 * geometry (upper vs lower = above/below the line through a contour's two corners).
 */
import { GmfError } from '../../../lib/errors';
import type { CanonicalMesh, LandmarkGroup, LandmarkGroupName } from '../mesh/canonicalMesh';

export class ExpressionError extends GmfError {}

export type Vec3 = readonly [number, number, number];

export function vertexAt(positions: Float32Array, v: number): Vec3 {
  return [positions[3 * v] ?? 0, positions[3 * v + 1] ?? 0, positions[3 * v + 2] ?? 0];
}

/** A closed contour split at its leftmost and rightmost vertices (the corners). */
export interface SplitContour {
  /** Corner with the smaller x, then the larger x. */
  corners: readonly [number, number];
  /** Vertices above the corner line, corners excluded, sorted by x. */
  upper: number[];
  /** Vertices below the corner line, corners excluded, sorted by x. */
  lower: number[];
}

export interface FaceContours {
  /** Subject's left eye (+x) and right eye (-x). */
  eyes: { left: SplitContour; right: SplitContour };
  brows: { left: number[]; right: number[] };
  lips: { inner: SplitContour; outer: SplitContour };
}

function group(mesh: CanonicalMesh, name: LandmarkGroupName): LandmarkGroup {
  const found = mesh.landmarkGroups[name];
  if (!found)
    throw new ExpressionError(
      'EXPRESSION_LANDMARKS',
      `Expressions need the landmark group "${name}", which this mesh lacks`,
    );
  return found;
}

export function splitContour(positions: Float32Array, vertices: readonly number[]): SplitContour {
  const byX = [...vertices].sort((a, b) => vertexAt(positions, a)[0] - vertexAt(positions, b)[0]);
  const first = byX[0];
  const last = byX[byX.length - 1];
  if (first === undefined || last === undefined || byX.length < 4) {
    throw new ExpressionError(
      'EXPRESSION_LANDMARKS',
      `A lid or lip contour has ${byX.length} vertices; at least 4 are needed`,
    );
  }
  const [x0, y0] = vertexAt(positions, first);
  const [x1, y1] = vertexAt(positions, last);
  const lineY = (x: number): number => y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  const inner = byX.slice(1, -1);
  return {
    corners: [first, last],
    upper: inner.filter((v) => vertexAt(positions, v)[1] > lineY(vertexAt(positions, v)[0])),
    lower: inner.filter((v) => vertexAt(positions, v)[1] <= lineY(vertexAt(positions, v)[0])),
  };
}

/** Connected components of an edge list (the lips group is two loops: inner and outer). */
function edgeComponents(edges: Uint32Array): number[][] {
  const parent = new Map<number, number>();
  const find = (v: number): number => {
    let root = v;
    while ((parent.get(root) ?? root) !== root) root = parent.get(root) ?? root;
    parent.set(v, root);
    return root;
  };
  for (let e = 0; e + 1 < edges.length; e += 2) {
    const a = find(edges[e] ?? 0);
    const b = find(edges[e + 1] ?? 0);
    if (a !== b) parent.set(a, b);
  }
  const components = new Map<number, number[]>();
  for (const v of new Set(edges)) {
    const root = find(v);
    components.set(root, [...(components.get(root) ?? []), v]);
  }
  return [...components.values()];
}

function xExtent(positions: Float32Array, vertices: readonly number[]): number {
  const xs = vertices.map((v) => vertexAt(positions, v)[0]);
  return Math.max(...xs) - Math.min(...xs);
}

export function faceContours(mesh: CanonicalMesh): FaceContours {
  const p = mesh.positions;
  const loops = edgeComponents(group(mesh, 'lips').edges).sort((a, b) => xExtent(p, a) - xExtent(p, b));
  const [innerLoop, outerLoop] = loops;
  if (loops.length !== 2 || !innerLoop || !outerLoop) {
    throw new ExpressionError(
      'EXPRESSION_LANDMARKS',
      `The lips group has ${loops.length} loops; expected inner and outer`,
    );
  }
  return {
    eyes: {
      left: splitContour(p, Array.from(group(mesh, 'leftEye').vertices)),
      right: splitContour(p, Array.from(group(mesh, 'rightEye').vertices)),
    },
    brows: {
      left: Array.from(group(mesh, 'leftEyebrow').vertices),
      right: Array.from(group(mesh, 'rightEyebrow').vertices),
    },
    lips: { inner: splitContour(p, innerLoop), outer: splitContour(p, outerLoop) },
  };
}
