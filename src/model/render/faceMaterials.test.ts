import {
  AdditiveBlending,
  Color,
  DataTexture,
  DoubleSide,
  LinearFilter,
  LinearMipmapLinearFilter,
  type Material,
  MeshStandardMaterial,
  RepeatWrapping,
  SRGBColorSpace,
} from 'three';
import { describe, expect, it } from 'vitest';
import { createFaceMaterials } from './faceMaterials';

function standard(material: Material | undefined): MeshStandardMaterial {
  if (!(material instanceof MeshStandardMaterial)) throw new Error('expected a MeshStandardMaterial');
  return material;
}

/** Every own property of `reference` (but identity and the texture object) equals the material's. */
function expectSameParameters(material: Material, reference: Material): void {
  expect(material.type).toBe(reference.type);
  const skip = new Set(['uuid', 'id', 'map', '_listeners']);
  const mine = material as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(reference)) {
    if (skip.has(key)) continue;
    const other = mine[key];
    if (value instanceof Color) expect((other as Color).equals(value), key).toBe(true);
    else if (value !== null && typeof value === 'object') expect(other, key).toEqual(value);
    else expect(other, key).toBe(value);
  }
}

describe('procedural style (gmf-procedural)', () => {
  it('is the default, and its skin keeps exactly the parameters its datasets were made with', () => {
    const materials = createFaceMaterials(256);
    const skin = standard(materials.byKind.skin);
    expectSameParameters(skin, new MeshStandardMaterial({ map: new DataTexture(), roughness: 0.7, metalness: 0 }));
    expectSameParameters(createFaceMaterials(256, 'gmf-procedural').byKind.skin, skin);
    const map = skin.map as DataTexture;
    expect(map.image.width).toBe(256);
    expect(map.colorSpace).toBe(SRGBColorSpace);
    expect(map.flipY).toBe(false);
    expect(map.magFilter).toBe(LinearFilter);
    expect(map.minFilter).toBe(LinearMipmapLinearFilter);
    expect(map.generateMipmaps).toBe(true);
    materials.dispose();
  });
});

describe('scan-based style (ict-facekit)', () => {
  const materials = createFaceMaterials(512, 'ict-facekit');
  const [skin, iris, cornea, lashes, hair] = (['skin', 'iris', 'cornea', 'lashes', 'hair'] as const).map((kind) =>
    standard(materials.byKind[kind]),
  );

  it('gives skin a specular term and a warm lift made from its own albedo', () => {
    expect(skin?.roughness).toBeGreaterThanOrEqual(0.45);
    expect(skin?.roughness).toBeLessThanOrEqual(0.6);
    expect(skin?.metalness).toBe(0);
    expect(skin?.emissiveMap).toBe(skin?.map);
    const { r, g, b } = skin?.emissive ?? new Color();
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });

  it('draws the cornea as an additive glossy highlight and the eyeball from both sides', () => {
    expect(cornea?.blending).toBe(AdditiveBlending);
    expect(cornea?.transparent).toBe(true);
    expect(cornea?.depthWrite).toBe(false);
    expect(cornea?.color.getHex()).toBe(0);
    expect(cornea?.roughness).toBeLessThan(0.2);
    expect(iris?.side).toBe(DoubleSide);
  });

  it('draws lashes and hair from alpha textures, and uses no costly physical features', () => {
    expect(lashes?.transparent).toBe(true);
    expect(lashes?.map?.wrapS).toBe(RepeatWrapping);
    expect((lashes?.map as DataTexture).image.width).toBe(512);
    expect(hair?.alphaTest).toBeGreaterThan(0);
    for (const material of Object.values(materials.byKind)) {
      const m = material as unknown as Record<string, unknown>;
      expect(m.transmission ?? 0).toBe(0);
      expect(m.sheen ?? 0).toBe(0);
      expect(m.clearcoat ?? 0).toBe(0);
    }
  });

  it('uploads each identity’s textures, resizing when needed', () => {
    const texture = (size: number) => ({ size, rgba: new Uint8ClampedArray(4 * size * size).fill(7) });
    materials.setTextures({ skin: texture(512), iris: texture(256), hair: texture(512) });
    expect((skin?.map as DataTexture).image.data?.[0]).toBe(7);
    expect((iris?.map as DataTexture).image.width).toBe(256);
    expect((hair?.map as DataTexture).image.width).toBe(512);
    materials.dispose();
  });
});
