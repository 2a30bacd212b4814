import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FaceExpression, FaceIdentity } from '../../gmf/face/faceModel';
import { decodeIctAsset, type IctModelData } from '../ictAsset';
import { buildHairCap, type HairCap, skinNormals } from './hairCap';
import { hairMargin } from './hairline';
import { buildIctGeometry, type IctGeometry } from './ictGeometry';
import { firstRenderVertex, modelTriangles, SKIN_GROUPS } from './ictParts';

let data: IctModelData;
let geometry: IctGeometry;
let cap: HairCap;
let skin: Uint32Array;
let hairStart: number;
beforeAll(() => {
  data = decodeIctAsset(new Uint8Array(readFileSync(new URL('../ictFaceKit.bin', import.meta.url))));
  geometry = buildIctGeometry(data);
  skin = modelTriangles(data, SKIN_GROUPS);
  cap = buildHairCap(data, skin);
  hairStart = data.render.renderToModel.length;
});

const MEAN_MAN: FaceIdentity = { gender: 'M', ethn: 'WC', age: 25, shape: [], tex: [] };
const FACES: { name: string; who: FaceIdentity; expression: FaceExpression }[] = [
  { name: 'mean man, neutral', who: MEAN_MAN, expression: { emo: 'neutral' } },
  {
    name: 'older woman, surprised',
    who: { gender: 'F', ethn: 'BA', age: 70, shape: [2, -2, 1.5, -1, 1], tex: [] },
    expression: { emo: 'surprise' },
  },
];

/** The deformed model positions of a face, read back from its render vertices. */
function modelPositions(render: Float32Array): Float32Array {
  const model = new Float32Array(3 * data.vertexCount);
  data.render.renderToModel.forEach((m, r) => {
    model.set(render.subarray(3 * r, 3 * r + 3), 3 * m);
  });
  return model;
}

describe('hair cap', () => {
  it('is the drawn hair group, with uvs in the unit square and v = 0 along its edge', () => {
    const group = geometry.topology.groups.find((g) => g.name === 'hair');
    expect(group?.count).toBe(cap.triangles.length);
    const uvs = geometry.topology.uvs.subarray(2 * hairStart, 2 * (hairStart + cap.t.length));
    for (const value of uvs) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    // Vertices on clipped edges (t > 0) lie on the hairline: v = 0; the crown reaches v near 1.
    cap.t.forEach((t, k) => {
      if (t > 0) expect(uvs[2 * k + 1]).toBeCloseTo(0, 5);
    });
    expect(Math.max(...Array.from(cap.uvs).filter((_, i) => i % 2 === 1))).toBeGreaterThan(0.95);
  });

  it('grows only above the hairline: not on the forehead, ears or neck', () => {
    const p = data.positions;
    const landmarks = data.landmarks.multiPie68;
    const browTop = Math.max(...Array.from(landmarks.subarray(17, 27), (m) => p[3 * m + 1] ?? 0));
    for (let k = 0; k < cap.t.length; k++) {
      const a = cap.sourceA[k] ?? 0;
      const b = cap.sourceB[k] ?? 0;
      const t = cap.t[k] ?? 0;
      const [x, y, z] = [0, 1, 2].map((axis) => (1 - t) * (p[3 * a + axis] ?? 0) + t * (p[3 * b + axis] ?? 0));
      expect(hairMargin(x ?? 0, y ?? 0, z ?? 0)).toBeGreaterThanOrEqual(-1e-3);
      // Forehead: within the face's width in front, hair starts well above the brows (~35 mm).
      if ((z ?? 0) > 60 && Math.abs(x ?? 0) < 50) expect(y).toBeGreaterThan(browTop + 30);
      // Ears stick out past |x| = 82 mm (the head above them is ~79 mm wide): none carry hair.
      expect(Math.abs(x ?? 0)).toBeLessThan(82);
      // Neck: the nape hairline is at the ear lobes (y ~ -20 mm).
      expect(y).toBeGreaterThan(-30);
    }
  });

  it.each(FACES)(
    'lies at least 1 mm outside the nearest skin vertex, along its normal ($name)',
    ({ who, expression }) => {
      const positions = geometry.positions(who, expression);
      const model = modelPositions(positions);
      const normals = skinNormals(cap, model);
      const candidates = cap.normalVertices;
      let worst = Infinity;
      for (let k = 0; k < cap.t.length; k++) {
        const h = positions.subarray(3 * (hairStart + k), 3 * (hairStart + k) + 3);
        let nearest = -1;
        let best = Infinity;
        for (const m of candidates) {
          const d =
            ((model[3 * m] ?? 0) - (h[0] ?? 0)) ** 2 +
            ((model[3 * m + 1] ?? 0) - (h[1] ?? 0)) ** 2 +
            ((model[3 * m + 2] ?? 0) - (h[2] ?? 0)) ** 2;
          if (d < best) {
            best = d;
            nearest = m;
          }
        }
        let along = 0;
        for (let axis = 0; axis < 3; axis++)
          along += ((h[axis] ?? 0) - (model[3 * nearest + axis] ?? 0)) * (normals[3 * nearest + axis] ?? 0);
        worst = Math.min(worst, along);
      }
      expect(worst).toBeGreaterThanOrEqual(1);
    },
  );

  it('faces outward, like the skin under it', () => {
    const p = geometry.positions(MEAN_MAN, { emo: 'neutral' });
    const centre = [0, 35, 5];
    let outward = 0;
    const t = cap.triangles;
    for (let i = 0; i < t.length; i += 3) {
      const [a, b, c] = [t[i], t[i + 1], t[i + 2]].map((k) => 3 * (hairStart + (k ?? 0)));
      const e1 = [0, 1, 2].map((k) => (p[(b ?? 0) + k] ?? 0) - (p[(a ?? 0) + k] ?? 0));
      const e2 = [0, 1, 2].map((k) => (p[(c ?? 0) + k] ?? 0) - (p[(a ?? 0) + k] ?? 0));
      const n = [
        (e1[1] ?? 0) * (e2[2] ?? 0) - (e1[2] ?? 0) * (e2[1] ?? 0),
        (e1[2] ?? 0) * (e2[0] ?? 0) - (e1[0] ?? 0) * (e2[2] ?? 0),
        (e1[0] ?? 0) * (e2[1] ?? 0) - (e1[1] ?? 0) * (e2[0] ?? 0),
      ];
      const d = [0, 1, 2].map((k) => (p[(a ?? 0) + k] ?? 0) - (centre[k] ?? 0));
      if (n.reduce((s, v, k) => s + v * (d[k] ?? 0), 0) > 0) outward++;
    }
    expect(outward / (t.length / 3)).toBeGreaterThan(0.99);
  });

  it('follows the identity: a wider head carries a wider cap', () => {
    const first = firstRenderVertex(data);
    const narrow = geometry.positions({ gender: 'F', ethn: 'WC', age: 25, shape: [], tex: [] }, { emo: 'neutral' });
    const wide = geometry.positions({ gender: 'M', ethn: 'WC', age: 25, shape: [], tex: [] }, { emo: 'neutral' });
    const width = (p: Float32Array, from: number, to: number) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let r = from; r < to; r++) {
        lo = Math.min(lo, p[3 * r] ?? 0);
        hi = Math.max(hi, p[3 * r] ?? 0);
      }
      return hi - lo;
    };
    const end = hairStart + cap.t.length;
    const growth = width(wide, hairStart, end) - width(narrow, hairStart, end);
    const euryon = (p: Float32Array) => Math.abs((p[3 * (first[8464] ?? 0)] ?? 0) - (p[3 * (first[8189] ?? 0)] ?? 0));
    // The cap widens with the head (eu-eu), within a millimetre.
    expect(Math.abs(growth - (euryon(wide) - euryon(narrow)))).toBeLessThan(1);
    expect(growth).toBeGreaterThan(3);
  });
});
