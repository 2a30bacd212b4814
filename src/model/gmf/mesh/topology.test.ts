import { describe, expect, it } from 'vitest';
import { boundaryEdges, boundaryLoops } from './topology';

describe('mesh topology', () => {
  it('finds the four outline edges of a two-triangle quad and chains them into one loop', () => {
    const quad = new Uint32Array([0, 1, 2, 0, 2, 3]);
    const edges = boundaryEdges(quad);
    expect(edges).toHaveLength(4);
    const loops = boundaryLoops(edges);
    expect(loops).toHaveLength(1);
    expect([...(loops[0] ?? [])].sort()).toEqual([0, 1, 2, 3]);
  });

  it('finds no boundary on a closed tetrahedron', () => {
    const tetra = new Uint32Array([0, 2, 1, 0, 1, 3, 1, 2, 3, 2, 0, 3]);
    expect(boundaryEdges(tetra)).toEqual([]);
  });

  it('finds two loops on an open strip (annulus)', () => {
    // A ring of 4 outer (0..3) and 4 inner (4..7) vertices.
    const tris: number[] = [];
    for (let i = 0; i < 4; i++) {
      const j = (i + 1) % 4;
      tris.push(i, j, 4 + i, j, 4 + j, 4 + i);
    }
    expect(boundaryLoops(boundaryEdges(new Uint32Array(tris)))).toHaveLength(2);
  });
});
