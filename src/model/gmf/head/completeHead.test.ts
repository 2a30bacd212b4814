import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { completeHead, extendMaskDisplacement, REGION } from './completeHead';

const assets = readCanonicalMeshAssets();
const mask = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const head = completeHead(mask);

/** Directed edge counts of the triangles with the given vertex region filter. */
function directedEdges(indices: Uint32Array, keep: (t: number[]) => boolean): Map<string, number> {
  const edges = new Map<string, number>();
  for (let t = 0; t < indices.length; t += 3) {
    const tri = [indices[t] ?? 0, indices[t + 1] ?? 0, indices[t + 2] ?? 0];
    if (!keep(tri)) continue;
    for (let k = 0; k < 3; k++) {
      const key = `${tri[k]},${tri[(k + 1) % 3]}`;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
  }
  return edges;
}

/** Signed volume (divergence theorem): positive when triangles face outward. */
function signedVolume(positions: Float32Array, indices: Uint32Array, keep: (t: number[]) => boolean): number {
  let volume = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const tri = [indices[t] ?? 0, indices[t + 1] ?? 0, indices[t + 2] ?? 0];
    if (!keep(tri)) continue;
    const [a, b, c] = tri.map((i) => [positions[3 * i] ?? 0, positions[3 * i + 1] ?? 0, positions[3 * i + 2] ?? 0]) as [
      number[],
      number[],
      number[],
    ];
    volume +=
      ((a[0] ?? 0) * ((b[1] ?? 0) * (c[2] ?? 0) - (b[2] ?? 0) * (c[1] ?? 0)) -
        (a[1] ?? 0) * ((b[0] ?? 0) * (c[2] ?? 0) - (b[2] ?? 0) * (c[0] ?? 0)) +
        (a[2] ?? 0) * ((b[0] ?? 0) * (c[1] ?? 0) - (b[1] ?? 0) * (c[0] ?? 0))) /
      6;
  }
  return volume;
}

describe('completed head', () => {
  const isHead = (tri: number[]) => tri.every((i) => head.region[i] !== REGION.neck);
  const isNeck = (tri: number[]) => tri.every((i) => head.region[i] === REGION.neck);

  it('keeps the mask first and unchanged', () => {
    expect(head.maskVertexCount).toBe(468);
    expect([...head.positions.subarray(0, 468 * 3)]).toEqual([...mask.positions]);
    expect([...head.indices.subarray(0, mask.indices.length)]).toEqual([...mask.indices]);
  });

  it('closes the head: every edge is used once in each direction (watertight, consistently wound)', () => {
    for (const keep of [isHead, isNeck]) {
      const edges = directedEdges(head.indices, keep);
      for (const [key, count] of edges) {
        const [a, b] = key.split(',');
        expect(count, key).toBe(1);
        expect(edges.get(`${b},${a}`), `reverse of ${key}`).toBe(1);
      }
    }
  });

  it('faces outward, with a head-sized volume', () => {
    const headVolume = signedVolume(head.positions, head.indices, isHead);
    // A real head is about 3.5-5.5 litres; an ellipsoid 160 x 236 x 184 mm is ~3.6 l.
    expect(headVolume / 1e6).toBeGreaterThan(2.5);
    expect(headVolume / 1e6).toBeLessThan(6);
    expect(signedVolume(head.positions, head.indices, isNeck)).toBeGreaterThan(0);
  });

  it('puts the back of the head behind the face and gives every vertex a UV inside [0, 1]', () => {
    let minZ = Infinity;
    for (let i = 0; i < head.vertexCount; i++) minZ = Math.min(minZ, head.positions[3 * i + 2] ?? 0);
    expect(minZ).toBeLessThan(-120);
    expect(Math.min(...head.uvs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...head.uvs)).toBeLessThanOrEqual(1);
  });

  it('extends a mask displacement over the scalp with falloff and keeps the neck still', () => {
    const d = new Float32Array(468 * 3).fill(2);
    const full = extendMaskDisplacement(head, d);
    expect([...full.subarray(0, 468 * 3)]).toEqual([...d]);
    for (let v = 468; v < head.vertexCount; v++) {
      const dx = full[3 * v] ?? NaN;
      if (head.region[v] === REGION.neck) expect(dx).toBe(0);
      else expect(dx).toBeCloseTo(2 * (1 - (head.sweepT[v] ?? 0)) ** 2, 6);
    }
    // The pole does not move; the first ring follows the outline closely.
    expect(Math.max(...Array.from(full.subarray(468 * 3)))).toBeLessThan(2);
    expect(Math.max(...Array.from(full.subarray(468 * 3)))).toBeGreaterThan(1.5);
  });
});
