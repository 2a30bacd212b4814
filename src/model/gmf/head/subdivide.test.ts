import { describe, expect, it } from 'vitest';
import { applySubdivision, subdivide } from './subdivide';

// An octahedron: closed, 6 vertices on the unit sphere, 8 triangles wound outward.
const OCTA_POS = new Float32Array([1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1]);
const OCTA = new Uint32Array([0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5]);
const UV = new Float32Array(12).map((_, i) => (i % 2) * 0.5);

describe('interpolating subdivision', () => {
  const s = subdivide(OCTA, 6, UV);
  const p = applySubdivision(s, OCTA_POS);

  it('adds one vertex per edge and splits each triangle into four, keeping the mesh closed', () => {
    expect(s.vertexCount).toBe(6 + 12);
    expect(s.indices.length).toBe(OCTA.length * 4);
    const directed = new Map<string, number>();
    for (let t = 0; t < s.indices.length; t += 3) {
      for (let k = 0; k < 3; k++) {
        const a = s.indices[t + k];
        const b = s.indices[t + ((k + 1) % 3)];
        directed.set(`${a},${b}`, (directed.get(`${a},${b}`) ?? 0) + 1);
      }
    }
    for (const [edge, count] of directed) {
      const [a, b] = edge.split(',');
      expect(count).toBe(1);
      expect(directed.get(`${b},${a}`)).toBe(1);
    }
  });

  it('keeps original vertices exactly and moves edge vertices towards the sphere (smoothing)', () => {
    expect([...p.subarray(0, 18)]).toEqual([...OCTA_POS]);
    for (let v = 6; v < s.vertexCount; v++) {
      const r = Math.hypot(p[3 * v] ?? 0, p[3 * v + 1] ?? 0, p[3 * v + 2] ?? 0);
      // An edge midpoint of the unit octahedron lies at radius 0.707; the butterfly rule pushes it out
      // (closed form for this mesh: (0.625, 0.625, 0), radius 0.884).
      expect(r).toBeGreaterThan(Math.SQRT1_2 + 0.05);
      expect(r).toBeCloseTo(Math.hypot(0.625, 0.625), 6);
    }
  });

  it('puts new vertices in the plane of a flat mesh and interpolates UVs linearly', () => {
    const quad = subdivide(new Uint32Array([0, 1, 2, 0, 2, 3]), 4, new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]));
    const flat = applySubdivision(quad, new Float32Array([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0]));
    for (let v = 4; v < quad.vertexCount; v++) expect(flat[3 * v + 2]).toBe(0);
    // The diagonal 0-2 (interior) and the boundary edge 0-1 (midpoint).
    const uv = [...quad.uvs];
    expect(uv.slice(8)).toContain(0.5);
    const boundary = [...Array(quad.vertexCount - 4).keys()].map((r) => [flat[3 * (4 + r)], flat[3 * (4 + r) + 1]]);
    expect(boundary).toContainEqual([0.5, 0]);
  });
});
