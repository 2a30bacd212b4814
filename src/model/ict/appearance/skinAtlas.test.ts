import { describe, expect, it } from 'vitest';
import { GmfError } from '../../../lib/errors';
import { FACE_TILE_SCALE, HEAD_TILE_SCALE, IctAppearanceError, skinAtlasUv, skinAtlasUvs } from './skinAtlas';

describe('skin atlas layout', () => {
  it('puts the face tile top-left and the head tile bottom-right, keeping aspect ratios', () => {
    expect(skinAtlasUv(0, 0)).toEqual([0, 1 - FACE_TILE_SCALE]);
    expect(skinAtlasUv(1, 1)).toEqual([FACE_TILE_SCALE, 1]);
    expect(skinAtlasUv(1.5, 0.5)).toEqual([1 - HEAD_TILE_SCALE / 2, HEAD_TILE_SCALE / 2]);
    expect(skinAtlasUv(2, 1)).toEqual([1, HEAD_TILE_SCALE]);
    // The tiles share no texel: the face tile's lowest row is above the head tile's highest.
    expect(1 - FACE_TILE_SCALE).toBeGreaterThanOrEqual(HEAD_TILE_SCALE);
  });

  it('rejects uvs of other tiles with a typed error', () => {
    let caught: unknown;
    try {
      skinAtlasUv(2.5, 0.5);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IctAppearanceError);
    expect(caught).toBeInstanceOf(GmfError);
    expect((caught as GmfError).code).toBe('ICT_APPEARANCE_BAD_UV');
  });

  it('maps only the skin groups’ render vertices', () => {
    const uvs = Float32Array.from([0.5, 0.5, 1.5, 0.5, 0.25, 0.75, 0.5, 0.5]);
    const triangles = Uint32Array.from([0, 1, 0, 3, 2, 3]);
    const groups = [
      { name: 'face', triangleStart: 0, triangleCount: 1 },
      { name: 'irisLeft', triangleStart: 1, triangleCount: 1 },
    ];
    const out = skinAtlasUvs(uvs, triangles, groups);
    expect(Array.from(out.subarray(0, 4))).toEqual([...skinAtlasUv(0.5, 0.5), ...skinAtlasUv(1.5, 0.5)]);
    // Vertices 2 and 3 belong to the iris only: unchanged.
    expect(Array.from(out.subarray(4))).toEqual(Array.from(uvs.subarray(4)));
  });
});
