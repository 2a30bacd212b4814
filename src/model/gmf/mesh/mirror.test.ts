import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from './canonicalMesh';
import { MirrorError, mirrorDisplacement, mirrorMap } from './mirror';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);

describe('mirrorMap', () => {
  const map = mirrorMap(mesh.positions);

  it('pairs every canonical-mesh vertex with its mirror image as an involution', () => {
    expect(map.length).toBe(468);
    let midline = 0;
    for (let i = 0; i < map.length; i++) {
      const m = map[i] ?? -1;
      expect(map[m]).toBe(i);
      const x = mesh.positions[3 * i] ?? 0;
      expect(mesh.positions[3 * m]).toBeCloseTo(-x, 1);
      if (Math.abs(x) < 0.5) {
        midline++;
        expect(m).toBe(i);
      } else {
        expect(m).not.toBe(i);
      }
    }
    expect(midline).toBeGreaterThan(10);
    expect(map[4]).toBe(4); // nose tip
    expect(map[33]).toBe(263); // outer eye corners
  });

  it('throws when a vertex has no partner within tolerance', () => {
    const lopsided = Float32Array.from(mesh.positions);
    lopsided[3 * 33] = (lopsided[3 * 33] ?? 0) - 5;
    expect(() => mirrorMap(lopsided)).toThrow(MirrorError);
    expect(() => mirrorMap(lopsided)).toThrow(/Vertex 33 .* no mirror partner within 2 mm/);
  });

  it('mirrors a displacement field, and mirroring twice is the identity', () => {
    const d = new Float32Array(468 * 3);
    d.set([1, 2, 3], 3 * 33);
    const mirrored = mirrorDisplacement(d, map);
    expect(Array.from(mirrored.subarray(3 * 263, 3 * 264))).toEqual([-1, 2, 3]);
    expect(Array.from(mirrored.subarray(3 * 33, 3 * 34))).toEqual([-0, 0, 0]);
    expect(mirrorDisplacement(mirrored, map)).toEqual(d);
  });
});
