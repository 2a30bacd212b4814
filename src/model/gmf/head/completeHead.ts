/**
 * Completes the MediaPipe face mask into a closed head plus a neck.
 *
 * The mask's only hole is its outline (36 boundary edges). We sweep that outline backwards
 * over an ellipsoidal skull to a single back pole (rings of 36 vertices), so the head is a
 * closed, consistently oriented surface; the neck is a separate capped tube whose top sits
 * inside the head. New vertices copy the UV of the outline vertex they come from, so the
 * skin colour at the face's edge continues over scalp and neck (the faces are hairless,
 * like the scan-based model of the original).
 */
import type { CanonicalMesh } from '../mesh/canonicalMesh';
import { boundaryEdges, boundaryLoops } from '../mesh/topology';

export const REGION = { mask: 0, scalp: 1, neck: 2 } as const;

/** Skull ellipsoid around the canonical mask (mm): a head ~156 wide, ~240 tall, ~200 deep. */
const SKULL = { centre: [0, 12, -45] as const, radii: [80, 118, 92] as const };
const NECK = {
  centre: [0, -45] as const /* x, z */,
  radii: [50, 48] as const,
  top: -40,
  bottom: -300,
  segments: 24,
  rings: 6,
};

export interface HeadMesh {
  vertexCount: number;
  /** The first maskVertexCount vertices are the canonical mask, in its order. */
  maskVertexCount: number;
  positions: Float32Array;
  uvs: Float32Array;
  indices: Uint32Array;
  /** REGION per vertex. */
  region: Uint8Array;
  /** Scalp vertices: the outline vertex each was swept from (-1 for mask and neck). */
  sweepSource: Int32Array;
  /** Scalp vertices: position along the sweep, 0 at the outline to 1 at the back pole. */
  sweepT: Float32Array;
}

/** Spherical interpolation between unit vectors a and b. */
function slerp(a: number[], b: number[], t: number): number[] {
  const dot = Math.min(
    1,
    Math.max(-1, (a[0] ?? 0) * (b[0] ?? 0) + (a[1] ?? 0) * (b[1] ?? 0) + (a[2] ?? 0) * (b[2] ?? 0)),
  );
  const omega = Math.acos(dot);
  if (omega < 1e-6) return a;
  const s = Math.sin(omega);
  const wa = Math.sin((1 - t) * omega) / s;
  const wb = Math.sin(t * omega) / s;
  return [0, 1, 2].map((k) => wa * (a[k] ?? 0) + wb * (b[k] ?? 0));
}

/** The outline as one loop, oriented so that the mask lies to the left of each a -> b edge. */
function outlineLoop(mask: CanonicalMesh): number[] {
  const loops = boundaryLoops(boundaryEdges(mask.indices));
  const loop = loops[0];
  if (loops.length !== 1 || !loop) throw new Error(`expected the mask to have one outline, found ${loops.length}`);
  return loop;
}

export function completeHead(mask: CanonicalMesh, rings = 10): HeadMesh {
  const loop = outlineLoop(mask);
  const n = loop.length;
  const positions: number[] = Array.from(mask.positions);
  const uvs: number[] = Array.from(mask.uvs);
  const region: number[] = new Array<number>(mask.vertexCount).fill(REGION.mask);
  const indices: number[] = Array.from(mask.indices);
  const sweepSource: number[] = new Array<number>(mask.vertexCount).fill(-1);
  const sweepT: number[] = new Array<number>(mask.vertexCount).fill(0);
  const addVertex = (p: number[], uvFrom: number, r: number, t = 0): number => {
    positions.push(p[0] ?? 0, p[1] ?? 0, p[2] ?? 0);
    uvs.push(mask.uvs[2 * uvFrom] ?? 0, mask.uvs[2 * uvFrom + 1] ?? 0);
    region.push(r);
    sweepSource.push(r === REGION.scalp && t < 1 ? uvFrom : -1);
    sweepT.push(t);
    return positions.length / 3 - 1;
  };

  // Scalp: ring 0 is the outline itself; rings 1..rings-1 sweep towards the back pole.
  const [cx, cy, cz] = SKULL.centre;
  const [rx, ry, rz] = SKULL.radii;
  const back = [0, 0, -1];
  let previous = loop;
  for (let r = 1; r < rings; r++) {
    const t = r / rings;
    const ring = loop.map((v) => {
      const p = [
        (mask.positions[3 * v] ?? 0) - cx,
        (mask.positions[3 * v + 1] ?? 0) - cy,
        (mask.positions[3 * v + 2] ?? 0) - cz,
      ];
      const scaled = [(p[0] ?? 0) / rx, (p[1] ?? 0) / ry, (p[2] ?? 0) / rz];
      const len = Math.hypot(...scaled);
      const dir = slerp(
        scaled.map((s) => s / len),
        back,
        t,
      );
      // Start from the outline's own distance and ease onto the ellipsoid.
      const radius = len + (1 - len) * Math.sin((t * Math.PI) / 2);
      return addVertex(
        [cx + rx * radius * (dir[0] ?? 0), cy + ry * radius * (dir[1] ?? 0), cz + rz * radius * (dir[2] ?? 0)],
        v,
        REGION.scalp,
        t,
      );
    });
    stitch(indices, previous, ring);
    previous = ring;
  }
  const pole = addVertex([cx, cy, cz - rz], loop[0] ?? 0, REGION.scalp, 1);
  for (let i = 0; i < n; i++) indices.push(previous[(i + 1) % n] ?? 0, previous[i] ?? 0, pole);

  addNeck(mask, loop, indices, addVertex);
  return {
    vertexCount: positions.length / 3,
    maskVertexCount: mask.vertexCount,
    positions: Float32Array.from(positions),
    uvs: Float32Array.from(uvs),
    indices: Uint32Array.from(indices),
    region: Uint8Array.from(region),
    sweepSource: Int32Array.from(sweepSource),
    sweepT: Float32Array.from(sweepT),
  };
}

/**
 * Extends a displacement of the mask vertices (468*3) to the whole head: scalp vertices
 * follow their outline vertex with a falloff (1 - t)^2 towards the back, the neck stays.
 */
export function extendMaskDisplacement(
  head: HeadMesh,
  maskDisplacement: Float32Array,
  out = new Float32Array(head.vertexCount * 3),
): Float32Array {
  out.fill(0);
  out.set(maskDisplacement.subarray(0, head.maskVertexCount * 3));
  for (let v = head.maskVertexCount; v < head.vertexCount; v++) {
    const source = head.sweepSource[v] ?? -1;
    if (source < 0) continue;
    const w = (1 - (head.sweepT[v] ?? 1)) ** 2;
    for (let k = 0; k < 3; k++) out[3 * v + k] = w * (maskDisplacement[3 * source + k] ?? 0);
  }
  return out;
}

/** Quads between two rings walked in the outline's direction, wound like the mask. */
function stitch(indices: number[], outer: readonly number[], inner: readonly number[]): void {
  const n = outer.length;
  for (let i = 0; i < n; i++) {
    const a = outer[i] ?? 0;
    const b = outer[(i + 1) % n] ?? 0;
    const a1 = inner[i] ?? 0;
    const b1 = inner[(i + 1) % n] ?? 0;
    indices.push(b, a, a1, b, a1, b1);
  }
}

/** A capped elliptic tube from inside the head down past the frame. */
function addNeck(
  mask: CanonicalMesh,
  loop: readonly number[],
  indices: number[],
  addVertex: (p: number[], uvFrom: number, r: number) => number,
): void {
  const { centre, radii, top, bottom, segments, rings } = NECK;
  // Neck skin takes the colour of the jaw outline vertex nearest in angle.
  const jaw = loop.filter((v) => (mask.positions[3 * v + 1] ?? 0) < -20);
  const uvSource = (angle: number): number => {
    let best = jaw[0] ?? 0;
    let bestDist = Infinity;
    for (const v of jaw) {
      const d = Math.abs(Math.atan2(mask.positions[3 * v + 2] ?? 0, mask.positions[3 * v] ?? 0) - angle);
      if (d < bestDist) {
        bestDist = d;
        best = v;
      }
    }
    return best;
  };
  const ringsIdx: number[][] = [];
  for (let r = 0; r <= rings; r++) {
    const y = top + ((bottom - top) * r) / rings;
    const ring: number[] = [];
    for (let s = 0; s < segments; s++) {
      const angle = (2 * Math.PI * s) / segments;
      ring.push(
        addVertex(
          [centre[0] + radii[0] * Math.cos(angle), y, centre[1] + radii[1] * Math.sin(angle)],
          uvSource(angle),
          REGION.neck,
        ),
      );
    }
    ringsIdx.push(ring);
  }
  for (let r = 0; r < rings; r++) {
    const upper = ringsIdx[r] ?? [];
    const lower = ringsIdx[r + 1] ?? [];
    for (let s = 0; s < segments; s++) {
      const a = upper[s] ?? 0;
      const b = upper[(s + 1) % segments] ?? 0;
      const c = lower[s] ?? 0;
      const d = lower[(s + 1) % segments] ?? 0;
      indices.push(a, b, c, b, d, c);
    }
  }
  const last = ringsIdx[rings] ?? [];
  const cap = addVertex([centre[0], bottom, centre[1]], uvSource(-Math.PI / 2), REGION.neck);
  for (let s = 0; s < segments; s++) indices.push(last[s] ?? 0, last[(s + 1) % segments] ?? 0, cap);
  const first = ringsIdx[0] ?? [];
  const topCap = addVertex([centre[0], top, centre[1]], uvSource(-Math.PI / 2), REGION.neck);
  for (let s = 0; s < segments; s++) indices.push(first[(s + 1) % segments] ?? 0, first[s] ?? 0, topCap);
}
