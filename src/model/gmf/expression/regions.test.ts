import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { buildActionUnits } from './actionUnits';
import { faceContours, vertexAt } from './contours';
import { REGIONS, type RegionName } from './regions';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const basis = buildActionUnits(mesh);
const contours = faceContours(mesh);

describe('contours from landmark groups', () => {
  it('find the standard MediaPipe lid and lip vertices on the right side of each split', () => {
    expect(contours.eyes.right.upper).toContain(159);
    expect(contours.eyes.right.lower).toContain(145);
    expect(contours.eyes.left.upper).toContain(386);
    expect(contours.eyes.left.lower).toContain(374);
    expect(contours.lips.inner.upper).toContain(13);
    expect(contours.lips.inner.lower).toContain(14);
    expect(contours.lips.outer.upper).toContain(0);
    expect(contours.lips.outer.lower).toContain(17);
    expect(contours.lips.outer.corners).toEqual([61, 291]);
    expect(vertexAt(mesh.positions, 386)[0]).toBeGreaterThan(0); // subject's left is +x
  });

  it('agree with the geometry of the named landmarks', () => {
    const zs = Array.from({ length: mesh.vertexCount }, (_, v) => vertexAt(mesh.positions, v)[2]);
    expect(zs.indexOf(Math.max(...zs))).toBe(4);
    const ys = Array.from({ length: mesh.vertexCount }, (_, v) => vertexAt(mesh.positions, v)[1]);
    expect(ys.indexOf(Math.min(...ys))).toBe(152);
    expect(ys.indexOf(Math.max(...ys))).toBe(10);
  });
});

describe('region masks', () => {
  const inRegion = (region: RegionName, v: number): boolean => (basis.regions[region][v] ?? 0) > 0;

  it.each<[RegionName, number[], number[]]>([
    ['brows', [10, 105, 334, 70, 300, 107, 336], [159, 4, 152, 13]],
    ['eyes', [159, 145, 386, 374], [10, 105, 4, 13]],
    ['cheeks', [50, 280, 205, 425], [4, 13, 159, 10]],
    ['nose', [4, 1, 129, 358], [159, 13, 10, 152]],
    ['mouth', [0, 13, 14, 17, 61, 291], [4, 152, 159]],
    ['jaw', [14, 17, 152], [13, 0, 4, 10]],
  ])('%s contains its landmarks and excludes others', (region, inside, outside) => {
    for (const v of inside) expect(inRegion(region, v), `${v}`).toBe(true);
    for (const v of outside) expect(inRegion(region, v), `${v}`).toBe(false);
  });

  it('weights lie in [0, 1] and each region is a proper part of the face', () => {
    for (const region of REGIONS) {
      const mask = Array.from(basis.regions[region]);
      expect(Math.min(...mask)).toBe(0);
      expect(Math.max(...mask)).toBe(1);
      const count = mask.filter((w) => w > 0).length;
      expect(count).toBeGreaterThan(10);
      expect(count).toBeLessThan(mesh.vertexCount / 2);
    }
  });
});
