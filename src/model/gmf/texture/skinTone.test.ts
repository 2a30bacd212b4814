import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { LANDMARK, vertexUv } from './faceGeometry';
import type { AlbedoParams } from './renderAlbedo';
import { renderAlbedo } from './renderAlbedo';
import { linearToSrgb, regionColours, srgbToLinear } from './skinTone';
import { lumaOf, rgbAt, zeroTex } from '../../../../test/support/textureTestUtils';
import { buildTextureModel } from './textureModel';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const SIZE = 128;
const model = buildTextureModel(mesh, { size: SIZE, components: 20 });
const zero: AlbedoParams = { gender: 'F', ethn: 'WC', age: 25, tex: zeroTex(20) };
const forehead = vertexUv(mesh, LANDMARK.foreheadCentre);
const cheek = vertexUv(mesh, LANDMARK.rightCheek);
const chin = vertexUv(mesh, 200);
const lowerLip = ((): [number, number] => {
  const [u17, v17] = vertexUv(mesh, 17);
  return [u17, (v17 + vertexUv(mesh, LANDMARK.lowerInnerLip)[1]) / 2];
})();
const sample = (p: AlbedoParams, uv: [number, number]): [number, number, number] =>
  rgbAt(renderAlbedo(model, p), SIZE, ...uv);

describe('skin-tone model (hand designed)', () => {
  it('converts sRGB to linear and back', () => {
    for (const c of [0, 1, 10, 128, 200, 255]) expect(linearToSrgb(srgbToLinear(c))).toBeCloseTo(c, 9);
    expect(srgbToLinear(128)).toBeCloseTo(0.2158605, 6); // published value for sRGB 128
  });

  it('orders forehead and cheek luminance WC > EA > BA for zero coefficients', () => {
    for (const uv of [forehead, cheek]) {
      for (const gender of ['F', 'M'] as const) {
        const [wc, ea, ba] = (['WC', 'EA', 'BA'] as const).map((ethn) => lumaOf(sample({ ...zero, gender, ethn }, uv)));
        expect(wc).toBeGreaterThan(ea ?? Infinity);
        expect(ea).toBeGreaterThan((ba ?? Infinity) + 40);
      }
    }
  });

  it('makes men slightly darker and redder, with a beard shadow that women lack', () => {
    const f = sample(zero, forehead);
    const m = sample({ ...zero, gender: 'M' }, forehead);
    expect(lumaOf(m)).toBeLessThan(lumaOf(f));
    expect(m[0] / m[2]).toBeGreaterThan(f[0] / f[2]);
    expect(model.masks.beard[Math.floor(chin[1] * SIZE) * SIZE + Math.floor(chin[0] * SIZE)]).toBeGreaterThan(0.9);
    expect(sample(zero, chin)).toEqual(f); // no beard shadow for women: chin is plain skin
    expect(lumaOf(sample({ ...zero, gender: 'M' }, chin))).toBeLessThan(lumaOf(m) - 10);
    expect(regionColours('F', 'BA', 40).beardStrength).toBe(0);
  });

  it('ages 25 -> 80: darker, yellower skin, lower lip contrast, greyer brows, stronger fine texture', () => {
    const old = { ...zero, age: 80 };
    const [yr, yg, yb] = sample(zero, forehead);
    const [or, og, ob] = sample(old, forehead);
    expect(lumaOf([or, og, ob])).toBeLessThan(lumaOf([yr, yg, yb]) - 3);
    expect(ob / or).toBeLessThan(yb / yr); // yellowing: blue drops more than red
    const contrast = (p: AlbedoParams): number => lumaOf(sample(p, forehead)) - lumaOf(sample(p, lowerLip));
    expect(contrast(old)).toBeLessThan(contrast(zero));
    const youngBrow = regionColours('F', 'WC', 25).brows;
    const oldBrow = regionColours('F', 'WC', 80).brows;
    expect(Math.max(...oldBrow) - Math.min(...oldBrow)).toBeLessThan(Math.max(...youngBrow) - Math.min(...youngBrow));
    // Same high-band coefficients: larger pixel deviations from the zero-coefficient image when old.
    const tex = zeroTex(20);
    tex[4]?.fill(1);
    const energy = (age: number): number => {
      const a = renderAlbedo(model, { ...zero, age, tex });
      const b = renderAlbedo(model, { ...zero, age });
      let sum = 0;
      for (let i = 0; i < a.length; i++) sum += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
      return sum;
    };
    expect(energy(80)).toBeGreaterThan(1.5 * energy(25));
  });

  it('makes lips redder than skin and brows darker, for every group', () => {
    for (const ethn of ['WC', 'EA', 'BA'] as const) {
      const c = regionColours('M', ethn, 50);
      expect(c.lips[0] / c.lips[1]).toBeGreaterThan(c.skin[0] / c.skin[1]);
      expect(Math.max(...c.brows)).toBeLessThan(Math.min(...c.skin.map((x) => x * 0.9)) + 0.1);
    }
  });
});
