import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { faceGeometry, LANDMARK, TextureModelError, vertexUv } from './faceGeometry';
import type { AlbedoParams } from './renderAlbedo';
import { renderAlbedo } from './renderAlbedo';
import { linearToSrgb, regionColours } from './skinTone';
import { lumaOf, rgbAt, zeroTex } from '../../../../test/support/textureTestUtils';
import { buildTextureModel } from './textureModel';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const SIZE = 256;
const model = buildTextureModel(mesh, { size: SIZE, components: 100 });
const geo = faceGeometry(mesh);
const uvOf = (i: number): [number, number] => vertexUv(mesh, i);
const [foreheadU, foreheadV] = uvOf(LANDMARK.foreheadCentre);
const base: AlbedoParams = { gender: 'F', ethn: 'WC', age: 25, tex: zeroTex(100) };

/** Deterministic pseudo-normal coefficients (sum of uniforms from an LCG). */
function coefficients(seed: number): Float32Array[] {
  let s = seed >>> 0;
  const uniform = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  return zeroTex(100).map((band) => band.map(() => uniform() + uniform() + uniform() - 1.5));
}

// The 60 ms budget at 256 px is checked by `npm run bench:render` (model_stages), not here: a loaded machine would fail it.
describe('renderAlbedo', () => {
  it('is deterministic, opaque RGBA, and changes with the coefficients', () => {
    const a = renderAlbedo(model, { ...base, tex: coefficients(1) });
    const b = renderAlbedo(model, { ...base, tex: coefficients(1) }, new Uint8ClampedArray(4 * SIZE * SIZE));
    const c = renderAlbedo(model, { ...base, tex: coefficients(2) });
    expect(a.length).toBe(4 * SIZE * SIZE);
    expect(b).toEqual(a);
    expect(a.every((x, i) => i % 4 !== 3 || x === 255)).toBe(true);
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== c[i]) differing++;
    expect(differing).toBeGreaterThan(a.length / 4);
  });

  it('gives the base skin colour in skin areas for zero coefficients', () => {
    const img = renderAlbedo(model, base);
    const skin = regionColours('F', 'WC', 25).skin.map(linearToSrgb);
    rgbAt(img, SIZE, foreheadU, foreheadV).forEach((x, c) => {
      expect(Math.abs(x - (skin[c] ?? 0))).toBeLessThanOrEqual(1);
    });
  });

  it('rejects wrong band counts, lengths, ages and buffers', () => {
    expect(() => renderAlbedo(model, { ...base, tex: zeroTex(100).slice(0, 4) })).toThrow(TextureModelError);
    expect(() => renderAlbedo(model, { ...base, tex: zeroTex(99) })).toThrow(/band 0 has 99 coefficients/);
    expect(() => renderAlbedo(model, { ...base, age: NaN })).toThrow(TextureModelError);
    expect(() => renderAlbedo(model, base, new Uint8ClampedArray(16))).toThrow(TextureModelError);
    expect(() => buildTextureModel(mesh, { components: 395 })).toThrow(TextureModelError);
  });
});

describe('painted features', () => {
  const img = renderAlbedo(model, base);

  it('paints a dark pupil at the eye-opening centre and bright sclera towards the corners', () => {
    const lightIris = renderAlbedo(model, { ...base, irisHue: 0.9 }); // so the pupil must be what is dark
    for (const [eye, corner] of [
      [geo.eyes[0], LANDMARK.rightEyeOuter],
      [geo.eyes[1], LANDMARK.leftEyeOuter],
    ] as const) {
      expect(lumaOf(rgbAt(lightIris, SIZE, eye.centreU, eye.centreV))).toBeLessThan(30);
      const [cu, cv] = uvOf(corner);
      const t = 0.6;
      const sclera = rgbAt(lightIris, SIZE, eye.centreU + t * (cu - eye.centreU), eye.centreV + t * (cv - eye.centreV));
      expect(lumaOf(sclera)).toBeGreaterThan(200);
      expect(Math.max(...sclera) - Math.min(...sclera)).toBeLessThan(30);
    }
  });

  it('makes lips redder than the cheek, brows darker than the forehead, the mouth dark', () => {
    const [u17, v17] = uvOf(17);
    const [, v14] = uvOf(LANDMARK.lowerInnerLip);
    const lip = rgbAt(img, SIZE, u17, (v17 + v14) / 2);
    const cheek = rgbAt(img, SIZE, ...uvOf(LANDMARK.rightCheek));
    const redness = ([r, g, b]: number[]): number => (r ?? 0) / ((g ?? 0) + (b ?? 0) + 1);
    expect(redness(lip)).toBeGreaterThan(redness(cheek) + 0.1);
    const [u52, v52] = uvOf(52);
    const [u105, v105] = uvOf(105);
    const forehead = lumaOf(rgbAt(img, SIZE, foreheadU, foreheadV));
    expect(lumaOf(rgbAt(img, SIZE, (u52 + u105) / 2, (v52 + v105) / 2))).toBeLessThan(forehead - 60);
    const [u13, v13] = uvOf(LANDMARK.upperInnerLip);
    expect(lumaOf(rgbAt(img, SIZE, u13, (v13 + v14) / 2))).toBeLessThan(60);
  });

  it('takes a lighter iris for WC with a high irisHue, brown otherwise', () => {
    const eye = geo.eyes[0];
    const irisU = eye.centreU + 0.7 * 0.2 * eye.width; // 70 % of the iris radius, outside the pupil
    const blue = rgbAt(renderAlbedo(model, { ...base, irisHue: 0.9 }), SIZE, irisU, eye.centreV);
    const brown = rgbAt(img, SIZE, irisU, eye.centreV);
    expect(blue[2]).toBeGreaterThan(blue[0]);
    expect(brown[0]).toBeGreaterThan(brown[2]);
    expect(lumaOf(blue)).toBeGreaterThan(lumaOf(brown));
  });
});
