/**
 * Gaze as a rigid rotation of each eyeball. ICT's eyeLook* shapes move only the lids and lashes
 * (in its rig the eyes are turned by joints), so the eyeball groups (cornea shell and inner
 * eyeball) are rotated here about their centre: a sphere fitted to the back half of the inner
 * eyeball of the identity's face, which the cornea's bulge and the iris do not disturb.
 */
import { inverseCholesky } from '../../../lib/linalg/cholesky';
import { createMatrix, gram, matmul, matmulTransposeA } from '../../../lib/linalg/matrix';
import type { IctModelData } from '../ictAsset';
import { IctGeometryError } from './geometryError';
import { ictGroup } from './ictParts';

/** Eye rotation at gaze ±1 (degrees): a comfortable range of human gaze, hand-set. */
export const MAX_GAZE_DEGREES = { horizontal: 30, vertical: 20 } as const;

interface Eye {
  /** Model vertex ranges [start, end) that turn with the eye: cornea shell and inner eyeball. */
  ranges: readonly (readonly [number, number])[];
  /** Inner eyeball vertices whose sphere gives the centre (its back half on the neutral mesh). */
  fitVertices: Uint32Array;
}

export interface EyeRig {
  eyes: readonly Eye[];
}

function range(data: IctModelData, name: string): [number, number] {
  const g = ictGroup(data, name);
  return [g.vertexStart, g.vertexStart + g.vertexCount];
}

export function buildEyeRig(data: IctModelData): EyeRig {
  const eyes = (['Left', 'Right'] as const).map((side) => {
    const [start, end] = range(data, `iris${side}`);
    let meanZ = 0;
    for (let v = start; v < end; v++) meanZ += data.positions[3 * v + 2] ?? 0;
    meanZ /= end - start;
    const back: number[] = [];
    for (let v = start; v < end; v++) if ((data.positions[3 * v + 2] ?? 0) < meanZ) back.push(v);
    return { ranges: [range(data, `sclera${side}`), [start, end] as const], fitVertices: Uint32Array.from(back) };
  });
  return { eyes };
}

/**
 * Least-squares sphere centre: |p|² = 2 p·c + k is linear in (c, k), so the centre solves a
 * 4 × 4 system (an algebraic fit; exact for points on a sphere).
 */
export function sphereCentre(positions: Float32Array, vertices: Uint32Array): [number, number, number] {
  const a = createMatrix(vertices.length, 4);
  const b = createMatrix(vertices.length, 1);
  vertices.forEach((v, i) => {
    const x = positions[3 * v] ?? 0;
    const y = positions[3 * v + 1] ?? 0;
    const z = positions[3 * v + 2] ?? 0;
    a.data.set([2 * x, 2 * y, 2 * z, 1], 4 * i);
    b.data[i] = x * x + y * y + z * z;
  });
  const factor = inverseCholesky(gram(a));
  if (factor === null) throw new IctGeometryError('ICT_GEOMETRY_MESH', 'the eyeball vertices do not span a sphere.');
  const solution = matmul(factor.inverseT, matmul(factor.inverse, matmulTransposeA(a, b))).data;
  return [solution[0] ?? 0, solution[1] ?? 0, solution[2] ?? 0];
}

/** Eye centres (xyz per eye) of the face `positions` (model vertices, mm). */
export function eyeCentres(rig: EyeRig, positions: Float32Array): Float64Array {
  return Float64Array.from(rig.eyes.flatMap((eye) => sphereCentre(positions, eye.fitVertices)));
}

/**
 * Turns both eyes in `positions` (model vertices, in place) to look at gaze (x to the subject's
 * left, y up; each -1..1): the forward axis +z goes to (sin a cos b, sin b, cos a cos b).
 */
export function turnEyes(
  rig: EyeRig,
  centres: Float64Array,
  gaze: { x: number; y: number },
  positions: Float32Array,
): void {
  if (gaze.x === 0 && gaze.y === 0) return;
  const a = (gaze.x * MAX_GAZE_DEGREES.horizontal * Math.PI) / 180;
  const b = (gaze.y * MAX_GAZE_DEGREES.vertical * Math.PI) / 180;
  const [ca, sa, cb, sb] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b)];
  // R = Ry(a) · Rx(-b): first tilt the eye up by b, then turn it towards +x by a.
  const r = [ca, -sa * sb, sa * cb, 0, cb, sb, -sa, -ca * sb, ca * cb];
  rig.eyes.forEach((eye, e) => {
    const cx = centres[3 * e] ?? 0;
    const cy = centres[3 * e + 1] ?? 0;
    const cz = centres[3 * e + 2] ?? 0;
    for (const [start, end] of eye.ranges) {
      for (let v = start; v < end; v++) {
        const x = (positions[3 * v] ?? 0) - cx;
        const y = (positions[3 * v + 1] ?? 0) - cy;
        const z = (positions[3 * v + 2] ?? 0) - cz;
        positions[3 * v] = cx + (r[0] ?? 0) * x + (r[1] ?? 0) * y + (r[2] ?? 0) * z;
        positions[3 * v + 1] = cy + (r[3] ?? 0) * x + (r[4] ?? 0) * y + (r[5] ?? 0) * z;
        positions[3 * v + 2] = cz + (r[6] ?? 0) * x + (r[7] ?? 0) * y + (r[8] ?? 0) * z;
      }
    }
  });
}
