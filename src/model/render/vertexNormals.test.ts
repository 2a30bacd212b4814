import { BufferAttribute, BufferGeometry } from 'three';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random';
import { computeVertexNormals } from './vertexNormals';

/** three's own computeVertexNormals: the reference our faster one must equal bit for bit. */
function threeNormals(positions: Float32Array, indices: Uint32Array): Float32Array {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(new BufferAttribute(indices, 1));
  geometry.computeVertexNormals();
  return (geometry.getAttribute('normal') as BufferAttribute).array as Float32Array;
}

describe('computeVertexNormals', () => {
  it('equals three.js bit for bit on a random mesh with shared, degenerate and isolated vertices', () => {
    const rng = createRng(7, 'normals');
    const vertexCount = 500;
    const positions = Float32Array.from({ length: 3 * vertexCount }, () => 200 * rng.next() - 100);
    const indices = Uint32Array.from({ length: 3 * 2000 }, () => Math.floor(rng.next() * (vertexCount - 10)));
    // Degenerate triangles: one vertex named twice, and all three the same.
    indices.set([5, 5, 9, 11, 11, 11], 0);
    const ours = computeVertexNormals(positions, indices, new Float32Array(positions.length).fill(3));
    const reference = threeNormals(positions, indices);
    expect(Array.from(ours)).toEqual(Array.from(reference));
    // Vertices no triangle uses keep a zero normal, as in three.
    expect(Array.from(ours.subarray(3 * (vertexCount - 10)))).toEqual(new Array(30).fill(0));
  });

  it('gives the outward unit normal of a closed tetrahedron', () => {
    const positions = Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    // Counter-clockwise seen from outside.
    const indices = Uint32Array.from([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]);
    const n = computeVertexNormals(positions, indices, new Float32Array(12));
    // Vertex 0's faces face -z, -y and -x with equal area: (-1, -1, -1) / sqrt(3).
    for (const value of n.subarray(0, 3)) expect(value).toBeCloseTo(-1 / Math.sqrt(3), 6);
    for (let v = 0; v < 4; v++)
      expect(Math.hypot(n[3 * v] ?? 0, n[3 * v + 1] ?? 0, n[3 * v + 2] ?? 0)).toBeCloseTo(1, 6);
  });

  it('refuses a normals array of the wrong length', () => {
    expect(() => computeVertexNormals(new Float32Array(9), [0, 1, 2], new Float32Array(6))).toThrow(RangeError);
  });
});
