import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { buildDemographicDirections, demographicDisplacement } from './shapeDirections';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const dirs = buildDemographicDirections(mesh.positions, mesh.vertexCount);
const at = (f: Float32Array, v: number) => [f[3 * v] ?? NaN, f[3 * v + 1] ?? NaN, f[3 * v + 2] ?? NaN] as const;

describe('demographic shape directions (hand designed)', () => {
  it('is mirror symmetric: each bilateral landmark pair moves as mirror images', () => {
    for (const f of [dirs.gender, dirs.age, dirs.ethnicity.WC, dirs.ethnicity.EA, dirs.ethnicity.BA]) {
      for (const [l, r] of [
        [288, 58],
        [454, 234],
        [386, 159],
        [358, 129],
      ] as const) {
        const [lx, ly, lz] = at(f, l);
        const [rx, ry, rz] = at(f, r);
        // The canonical mesh is symmetric to ~0.1 mm, so mirrored fields agree to a small tolerance.
        expect(lx).toBeCloseTo(-rx, 1);
        expect(ly).toBeCloseTo(ry, 1);
        expect(lz).toBeCloseTo(rz, 1);
      }
    }
  });

  it('moves male jaws outward and chins down relative to female', () => {
    const male = demographicDisplacement(dirs, { gender: 'M', ethn: 'WC', age: 25 });
    const female = demographicDisplacement(dirs, { gender: 'F', ethn: 'WC', age: 25 });
    expect(at(male, 288)[0] - at(female, 288)[0]).toBeGreaterThan(2); // left jaw angle, +x
    expect(at(male, 58)[0] - at(female, 58)[0]).toBeLessThan(-2); // right jaw angle, -x
    expect(at(male, 152)[1] - at(female, 152)[1]).toBeLessThan(-2);
  });

  it('centres the ethnicity fields (they sum to zero) and differs between groups where designed', () => {
    const sum = dirs.ethnicity.WC.map((v, i) => v + (dirs.ethnicity.EA[i] ?? 0) + (dirs.ethnicity.BA[i] ?? 0));
    expect(Math.max(...sum.map(Math.abs))).toBeLessThan(1e-5);
    expect(at(dirs.ethnicity.WC, 6)[2]).toBeGreaterThan(at(dirs.ethnicity.EA, 6)[2] + 4); // nose bridge height
    expect(at(dirs.ethnicity.BA, 358)[0]).toBeGreaterThan(at(dirs.ethnicity.WC, 358)[0] + 3); // nose width
  });

  it('scales ageing linearly from 25 years and lowers the jowls', () => {
    const young = demographicDisplacement(dirs, { gender: 'F', ethn: 'EA', age: 25 });
    const mid = demographicDisplacement(dirs, { gender: 'F', ethn: 'EA', age: 50 });
    const old = demographicDisplacement(dirs, { gender: 'F', ethn: 'EA', age: 75 });
    for (let i = 0; i < young.length; i += 97)
      expect((old[i] ?? 0) - (mid[i] ?? 0)).toBeCloseTo((mid[i] ?? 0) - (young[i] ?? 0), 5);
    expect(at(old, 397)[1] - at(young, 397)[1]).toBeLessThan(-3);
  });

  it('leaves far-away vertices (forehead top) nearly still', () => {
    const d = demographicDisplacement(dirs, { gender: 'M', ethn: 'BA', age: 80 });
    expect(Math.hypot(...at(d, 10))).toBeLessThan(0.5);
  });
});
