import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { edgeChains, faceGeometry, LANDMARK, vertexUv } from './faceGeometry';
import { buildRegionMasks, polygonSignedDistance } from './regionMasks';
import { texelAt } from '../../../../test/support/textureTestUtils';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const SIZE = 256;
const masks = buildRegionMasks(mesh, SIZE);
const at = (mask: Float32Array, u: number, v: number): number => mask[texelAt(SIZE, u, v)] ?? NaN;
const [foreheadU, foreheadV] = vertexUv(mesh, LANDMARK.foreheadCentre);

describe('edgeChains and polygons', () => {
  it('orders a path and a loop', () => {
    expect(edgeChains(Uint32Array.from([5, 6, 6, 7, 1, 2, 2, 3, 3, 1]))).toEqual([
      [5, 6, 7],
      [1, 2, 3],
    ]);
  });

  it('gives signed distances to a unit square (negative inside)', () => {
    const square = Float64Array.from([0, 0, 1, 0, 1, 1, 0, 1]);
    expect(polygonSignedDistance(square, 0.5, 0.25)).toBeCloseTo(-0.25, 12);
    expect(polygonSignedDistance(square, 2, 1)).toBeCloseTo(1, 12);
  });

  it('splits the lips group into an outer and a narrower inner contour', () => {
    const geo = faceGeometry(mesh);
    expect(geo.lipsOuter.length / 2).toBe(20);
    expect(geo.lipsInner.length / 2).toBe(20);
    const [upperU, upperV] = vertexUv(mesh, 0); // top of the upper lip lies on the outer contour
    expect(Math.abs(polygonSignedDistance(geo.lipsOuter, upperU, upperV))).toBeLessThan(1e-9);
    expect(geo.eyes[0].opening.length / 2).toBe(16);
    expect(geo.brows[0].length / 2).toBe(10);
  });
});

describe('buildRegionMasks', () => {
  it('covers the lips between the outer and inner contours, not the forehead', () => {
    // Midway between the outer lower-lip point 17 and the inner one 14, on the lip centre line.
    const [u17, v17] = vertexUv(mesh, 17);
    const [u14, v14] = vertexUv(mesh, 14);
    expect(at(masks.lips, (u17 + u14) / 2, (v17 + v14) / 2)).toBeGreaterThan(0.95);
    expect(at(masks.lips, foreheadU, foreheadV)).toBe(0);
    expect(at(masks.mouth, (u17 + u14) / 2, (v17 + v14) / 2)).toBe(0);
  });

  it('fills the closed mouth strip and the eye openings', () => {
    const [u13, v13] = vertexUv(mesh, LANDMARK.upperInnerLip);
    const [u14, v14] = vertexUv(mesh, LANDMARK.lowerInnerLip);
    expect(at(masks.mouth, (u13 + u14) / 2, (v13 + v14) / 2)).toBeGreaterThan(0.9);
    for (const eye of faceGeometry(mesh).eyes) {
      expect(at(masks.eyes, eye.centreU, eye.centreV)).toBe(1);
      expect(at(masks.eyes, eye.centreU, eye.centreV + 0.05)).toBe(0);
    }
    expect(at(masks.eyes, foreheadU, foreheadV)).toBe(0);
  });

  it('places brows between the brow edges, beard below the nose, cheeks on the cheekbones', () => {
    const [u52, v52] = vertexUv(mesh, 52);
    const [u105, v105] = vertexUv(mesh, 105);
    expect(at(masks.brows, (u52 + u105) / 2, (v52 + v105) / 2)).toBe(1);
    expect(at(masks.brows, foreheadU, foreheadV)).toBe(0);
    const [chinU, chinV] = vertexUv(mesh, 200);
    expect(at(masks.beard, chinU, chinV)).toBeGreaterThan(0.9);
    expect(at(masks.beard, foreheadU, foreheadV)).toBe(0);
    const [cheekU, cheekV] = vertexUv(mesh, LANDMARK.rightCheek);
    expect(at(masks.beard, cheekU, cheekV)).toBeLessThan(0.1);
    expect(at(masks.cheeks, cheekU, cheekV)).toBeGreaterThan(0.95);
    expect(at(masks.cheeks, foreheadU, foreheadV)).toBeLessThan(0.01);
    // No beard on the lips.
    const [u17, v17] = vertexUv(mesh, 17);
    expect(at(masks.beard, u17, (v17 + vertexUv(mesh, 14)[1]) / 2)).toBe(0);
  });

  it('keeps every mask within [0, 1]', () => {
    for (const mask of [masks.lips, masks.brows, masks.eyes, masks.beard, masks.cheeks, masks.mouth]) {
      expect(Math.min(...mask)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...mask)).toBeLessThanOrEqual(1);
    }
  });
});
