/**
 * Facial feature outlines in UV space, built from the canonical mesh's landmark groups.
 * UVs are those of `CanonicalMesh.uvs`: u to the right, v upward (0 at the chin side).
 */
import { GmfError } from '../../../lib/errors';
import type { CanonicalMesh, LandmarkGroup, LandmarkGroupName } from '../mesh/canonicalMesh';

export class TextureModelError extends GmfError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TEXTURE_MODEL', `Texture model: ${message}`, options);
  }
}

/** MediaPipe indices used to place features (see the mesh README). */
export const LANDMARK = {
  rightEyeUpper: 159,
  rightEyeLower: 145,
  leftEyeUpper: 386,
  leftEyeLower: 374,
  rightEyeOuter: 33,
  rightEyeInner: 133,
  leftEyeOuter: 263,
  leftEyeInner: 362,
  upperInnerLip: 13,
  lowerInnerLip: 14,
  subnasale: 2,
  foreheadCentre: 151,
  rightCheek: 205,
  leftCheek: 425,
} as const;

/** Closed polygon as interleaved (u, v) pairs; the last point connects back to the first. */
export type Polygon = Float64Array;

export interface EyeGeometry {
  /** Centre of the opening: midpoint of the upper and lower lid centres. */
  centreU: number;
  centreV: number;
  /** Distance between the eye corners in UV units. */
  width: number;
  opening: Polygon;
}

export interface FaceGeometry {
  lipsOuter: Polygon;
  lipsInner: Polygon;
  /** Right eye first (MediaPipe's right = the subject's right). */
  eyes: [EyeGeometry, EyeGeometry];
  brows: [Polygon, Polygon];
  faceOval: Polygon;
}

export function vertexUv(mesh: CanonicalMesh, index: number): [number, number] {
  return [mesh.uvs[2 * index] ?? 0, mesh.uvs[2 * index + 1] ?? 0];
}

function group(mesh: CanonicalMesh, name: LandmarkGroupName): LandmarkGroup {
  const g = mesh.landmarkGroups[name];
  if (!g) throw new TextureModelError(`the mesh has no '${name}' landmark group, needed for the region masks`);
  return g;
}

/** Splits an edge list into ordered vertex chains: closed loops, or open paths between degree-1 ends. */
export function edgeChains(edges: Uint32Array): number[][] {
  const neighbours = new Map<number, number[]>();
  const link = (a: number, b: number): void => {
    const list = neighbours.get(a) ?? [];
    list.push(b);
    neighbours.set(a, list);
  };
  for (let i = 0; i + 1 < edges.length; i += 2) {
    const a = edges[i] ?? 0;
    const b = edges[i + 1] ?? 0;
    link(a, b);
    link(b, a);
  }
  const visited = new Set<number>();
  const walk = (start: number): number[] => {
    const chain = [start];
    visited.add(start);
    let current = start;
    for (;;) {
      const next = (neighbours.get(current) ?? []).find((n) => !visited.has(n));
      if (next === undefined) return chain;
      chain.push(next);
      visited.add(next);
      current = next;
    }
  };
  const chains: number[][] = [];
  // Open paths first (start at an end), then whatever is left are loops.
  for (const [v, list] of neighbours) if (list.length === 1 && !visited.has(v)) chains.push(walk(v));
  for (const v of neighbours.keys()) if (!visited.has(v)) chains.push(walk(v));
  return chains;
}

function toPolygon(mesh: CanonicalMesh, chain: readonly number[]): Polygon {
  const poly = new Float64Array(chain.length * 2);
  chain.forEach((v, i) => {
    const [u, w] = vertexUv(mesh, v);
    poly[2 * i] = u;
    poly[2 * i + 1] = w;
  });
  return poly;
}

function polygonCentroidDistance(poly: Polygon, u: number, v: number): number {
  let sum = 0;
  const n = poly.length / 2;
  for (let i = 0; i < n; i++) sum += Math.hypot((poly[2 * i] ?? 0) - u, (poly[2 * i + 1] ?? 0) - v);
  return sum / n;
}

function singleLoop(mesh: CanonicalMesh, name: LandmarkGroupName): Polygon {
  const chains = edgeChains(group(mesh, name).edges);
  const longest = chains.reduce((a, b) => (b.length > a.length ? b : a), []);
  if (longest.length < 3) throw new TextureModelError(`the '${name}' group does not form a closed outline`);
  return toPolygon(mesh, longest);
}

/** A brow group holds two open polylines (upper and lower edge); join them end to end into one outline. */
function browPolygon(mesh: CanonicalMesh, name: LandmarkGroupName): Polygon {
  const chains = edgeChains(group(mesh, name).edges);
  const [a, b] = chains;
  if (chains.length !== 2 || !a || !b)
    throw new TextureModelError(`the '${name}' group should be two polylines, found ${chains.length}`);
  const dist = (p: number, q: number): number => {
    const [pu, pv] = vertexUv(mesh, p);
    const [qu, qv] = vertexUv(mesh, q);
    return Math.hypot(pu - qu, pv - qv);
  };
  const aEnd = a[a.length - 1] ?? 0;
  const bReversed = dist(aEnd, b[b.length - 1] ?? 0) < dist(aEnd, b[0] ?? 0) ? [...b].reverse() : b;
  return toPolygon(mesh, [...a, ...bReversed]);
}

function eyeGeometry(
  mesh: CanonicalMesh,
  name: LandmarkGroupName,
  upper: number,
  lower: number,
  outer: number,
  inner: number,
): EyeGeometry {
  const [uu, uv] = vertexUv(mesh, upper);
  const [lu, lv] = vertexUv(mesh, lower);
  const [ou, ov] = vertexUv(mesh, outer);
  const [iu, iv] = vertexUv(mesh, inner);
  return {
    centreU: (uu + lu) / 2,
    centreV: (uv + lv) / 2,
    width: Math.hypot(ou - iu, ov - iv),
    opening: singleLoop(mesh, name),
  };
}

export function faceGeometry(mesh: CanonicalMesh): FaceGeometry {
  const [mu1, mv1] = vertexUv(mesh, LANDMARK.upperInnerLip);
  const [mu2, mv2] = vertexUv(mesh, LANDMARK.lowerInnerLip);
  const mouthU = (mu1 + mu2) / 2;
  const mouthV = (mv1 + mv2) / 2;
  // The lips group holds the outer and the inner contour; the inner one lies closer to the mouth centre.
  const loops = edgeChains(group(mesh, 'lips').edges).map((c) => toPolygon(mesh, c));
  const [first, second] = loops;
  if (loops.length !== 2 || !first || !second)
    throw new TextureModelError(`the 'lips' group should hold two closed contours, found ${loops.length}`);
  const firstInner = polygonCentroidDistance(first, mouthU, mouthV) < polygonCentroidDistance(second, mouthU, mouthV);
  return {
    lipsOuter: firstInner ? second : first,
    lipsInner: firstInner ? first : second,
    eyes: [
      eyeGeometry(
        mesh,
        'rightEye',
        LANDMARK.rightEyeUpper,
        LANDMARK.rightEyeLower,
        LANDMARK.rightEyeOuter,
        LANDMARK.rightEyeInner,
      ),
      eyeGeometry(
        mesh,
        'leftEye',
        LANDMARK.leftEyeUpper,
        LANDMARK.leftEyeLower,
        LANDMARK.leftEyeOuter,
        LANDMARK.leftEyeInner,
      ),
    ],
    brows: [browPolygon(mesh, 'rightEyebrow'), browPolygon(mesh, 'leftEyebrow')],
    faceOval: singleLoop(mesh, 'faceOval'),
  };
}
