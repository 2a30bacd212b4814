import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { faceCentre, type FaceIdentity } from '../../gmf/face/faceModel';
import { CAMERA } from '../../render/camera';
import { headMatrix } from '../../render/pose';
import { decodeIctAsset, type IctModelData } from '../ictAsset';
import { buildIctGeometry, type IctGeometry } from './ictGeometry';
import { modelTriangles, SKIN_GROUPS } from './ictParts';
import { neckLoop } from './shoulders';
import { Vector3 } from 'three';

let data: IctModelData;
let geometry: IctGeometry;
let loop: Uint32Array;
let start: number;
beforeAll(() => {
  data = decodeIctAsset(new Uint8Array(readFileSync(new URL('../ictFaceKit.bin', import.meta.url))));
  geometry = buildIctGeometry(data);
  loop = neckLoop(modelTriangles(data, [...SKIN_GROUPS, 'mouthSocket', 'eyeSocketLeft', 'eyeSocketRight']));
  const shoulders = geometry.topology.groups.find((g) => g.name === 'shoulders');
  start = Math.min(
    ...Array.from(
      geometry.topology.indices.subarray(shoulders?.start ?? 0, (shoulders?.start ?? 0) + (shoulders?.count ?? 0)),
    ),
  );
});

const WHO: FaceIdentity = { gender: 'M', ethn: 'EA', age: 50, shape: [-2, 1.5, 1, -1], tex: [] };

/** Open edges of the drawn surface with vertices welded by position: seam copies join up. */
function openEdges(positions: Float32Array, indices: Uint32Array): [string, string][] {
  const key = (v: number) => [0, 1, 2].map((k) => (positions[3 * v + k] ?? 0).toFixed(4)).join(',');
  const count = new Map<string, { n: number; ends: [string, string] }>();
  for (let i = 0; i < indices.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const a = key(indices[i + k] ?? 0);
      const b = key(indices[i + ((k + 1) % 3)] ?? 0);
      const e = a < b ? `${a}|${b}` : `${b}|${a}`;
      const entry = count.get(e) ?? { n: 0, ends: [a, b] };
      entry.n++;
      count.set(e, entry);
    }
  }
  return [...count.values()].filter((e) => e.n === 1).map((e) => e.ends);
}

describe('shoulders', () => {
  it('start exactly on the neck’s open edge, so the join has no crack', () => {
    const p = geometry.positions(WHO, { emo: 'happy' });
    loop.forEach((m, i) => {
      const r = data.render.renderToModel.indexOf(m);
      for (let axis = 0; axis < 3; axis++) expect(p[3 * (start + i) + axis]).toBe(p[3 * r + axis]);
    });
  });

  it('close the skin: skin, sockets and torso together have no open edge', () => {
    const p = geometry.positions(WHO, { emo: 'neutral' });
    const { groups, indices } = geometry.topology;
    const drawn = groups.filter((g) => ['skin', 'mouthAndEyeSockets', 'shoulders'].includes(g.name));
    const surface = Uint32Array.from(drawn.flatMap((g) => Array.from(indices.subarray(g.start, g.start + g.count))));
    expect(openEdges(p, surface)).toEqual([]);
    // Without the torso the neck's loop is the one open edge.
    const skin = drawn.filter((g) => g.name !== 'shoulders');
    const head = Uint32Array.from(skin.flatMap((g) => Array.from(indices.subarray(g.start, g.start + g.count))));
    expect(openEdges(p, head)).toHaveLength(loop.length);
  });

  it('are never cut by the near plane inside the frame, for rotations up to ±30° and translations up to ±30 mm', () => {
    const p = geometry.positions(WHO, { emo: 'neutral' });
    const centre = faceCentre(geometry.topology, p);
    const group = geometry.topology.groups.find((g) => g.name === 'shoulders');
    const triangles = geometry.topology.indices.subarray(group?.start ?? 0, (group?.start ?? 0) + (group?.count ?? 0));
    const camera = new Vector3(centre[0], centre[1], centre[2] + CAMERA.distance);
    // The frame at the near plane: |x|, |y| <= near · tan(FOV / 2) (square images).
    const half = CAMERA.near * Math.tan((CAMERA.fovDegrees * Math.PI) / 360);
    const steps = [-30, 0, 30];
    let cuts = 0;
    for (const xr of steps)
      for (const yr of steps)
        for (const zr of steps)
          for (const xt of steps)
            for (const yt of steps)
              for (const zt of steps) {
                const m = headMatrix({ xr, yr, zr, xt, yt, zt }, centre);
                const view = (r: number) =>
                  new Vector3(p[3 * r], p[3 * r + 1], p[3 * r + 2]).applyMatrix4(m).sub(camera);
                for (let i = 0; i < triangles.length; i += 3) {
                  const q = [view(triangles[i] ?? 0), view(triangles[i + 1] ?? 0), view(triangles[i + 2] ?? 0)];
                  // Where the triangle crosses the near plane, sample the crossing segment.
                  const crossing: Vector3[] = [];
                  for (let k = 0; k < 3; k++) {
                    const a = q[k] ?? new Vector3();
                    const b = q[(k + 1) % 3] ?? new Vector3();
                    if ((-a.z - CAMERA.near) * (-b.z - CAMERA.near) < 0)
                      crossing.push(a.clone().lerp(b, (-CAMERA.near - a.z) / (b.z - a.z)));
                  }
                  const [c0, c1] = crossing;
                  if (c0 === undefined || c1 === undefined) continue;
                  for (let s = 0; s <= 16; s++) {
                    const x = c0.clone().lerp(c1, s / 16);
                    if (Math.abs(x.x) <= half && Math.abs(x.y) <= half) cuts++;
                  }
                }
              }
    // Corners of the torso may pass the near plane outside the frame (where nothing is drawn).
    expect(cuts).toBe(0);
  });

  it('face outward', () => {
    const p = geometry.positions(WHO, { emo: 'neutral' });
    const group = geometry.topology.groups.find((g) => g.name === 'shoulders');
    const t = geometry.topology.indices.subarray(group?.start ?? 0, (group?.start ?? 0) + (group?.count ?? 0));
    let outward = 0;
    for (let i = 0; i < t.length; i += 3) {
      const [a, b, c] = [t[i], t[i + 1], t[i + 2]].map((v) => 3 * (v ?? 0));
      const e1 = [0, 1, 2].map((k) => (p[(b ?? 0) + k] ?? 0) - (p[(a ?? 0) + k] ?? 0));
      const e2 = [0, 1, 2].map((k) => (p[(c ?? 0) + k] ?? 0) - (p[(a ?? 0) + k] ?? 0));
      const nx = (e1[1] ?? 0) * (e2[2] ?? 0) - (e1[2] ?? 0) * (e2[1] ?? 0);
      const nz = (e1[0] ?? 0) * (e2[1] ?? 0) - (e1[1] ?? 0) * (e2[0] ?? 0);
      // Outward from the torso's vertical axis (x = 0, z = -5: the neck loop's centre).
      if (nx * (p[a ?? 0] ?? 0) + nz * ((p[(a ?? 0) + 2] ?? 0) + 5) > 0) outward++;
    }
    expect(outward / (t.length / 3)).toBeGreaterThan(0.95);
  });
});
