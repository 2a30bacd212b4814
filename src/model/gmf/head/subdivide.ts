/**
 * One level of interpolating (butterfly) subdivision, so a 112 px render shades smoothly:
 * every triangle splits into four; original vertices keep their index and position (landmarks
 * stay exact); each edge a-b gets 1/2 (a + b) + 1/8 (c + d) - 1/16 (wings), with c, d the
 * vertices opposite the edge and the wings the vertices beyond the edges a-c, b-c, a-d, b-d,
 * which bulges the new vertex towards the smooth surface (the midpoint where a wing is
 * missing, at boundaries). A sparse stencil, applied to deformed positions every frame.
 */
export interface Subdivision {
  vertexCount: number;
  indices: Uint32Array;
  uvs: Float32Array;
  /** CSR rows for the new (edge) vertices: positions of vertex (baseCount + r). */
  rowStart: Uint32Array;
  columns: Uint32Array;
  weights: Float32Array;
  baseCount: number;
}

export function subdivide(indices: Uint32Array, baseCount: number, uvs: Float32Array): Subdivision {
  const edgeIndex = new Map<string, number>();
  const opposite = new Map<string, number[]>();
  const edges: [number, number][] = [];
  const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const triangles = indices.length / 3;
  for (let t = 0; t < triangles; t++) {
    const tri = [indices[3 * t] ?? 0, indices[3 * t + 1] ?? 0, indices[3 * t + 2] ?? 0];
    for (let k = 0; k < 3; k++) {
      const a = tri[k] ?? 0;
      const b = tri[(k + 1) % 3] ?? 0;
      const c = tri[(k + 2) % 3] ?? 0;
      const id = key(a, b);
      if (!edgeIndex.has(id)) {
        edgeIndex.set(id, baseCount + edges.length);
        edges.push([a, b]);
      }
      opposite.set(id, [...(opposite.get(id) ?? []), c]);
    }
  }
  const rowStart = new Uint32Array(edges.length + 1);
  const columns: number[] = [];
  const weights: number[] = [];
  const newUvs = new Float32Array((baseCount + edges.length) * 2);
  newUvs.set(uvs.subarray(0, baseCount * 2));
  edges.forEach(([a, b], r) => {
    const opp = opposite.get(key(a, b)) ?? [];
    const [c, d] = opp;
    // The wing beyond edge x-y is the vertex opposite x-y in the triangle that is not (x, y, across).
    const wing = (x: number, y: number, across: number) => (opposite.get(key(x, y)) ?? []).find((w) => w !== across);
    const wings =
      c === undefined || d === undefined ? [] : [wing(a, c, b), wing(b, c, a), wing(a, d, b), wing(b, d, a)];
    if (opp.length === 2 && c !== undefined && d !== undefined && wings.every((w) => w !== undefined)) {
      columns.push(a, b, c, d, ...wings);
      weights.push(1 / 2, 1 / 2, 1 / 8, 1 / 8, -1 / 16, -1 / 16, -1 / 16, -1 / 16);
    } else {
      columns.push(a, b);
      weights.push(1 / 2, 1 / 2);
    }
    rowStart[r + 1] = columns.length;
    // UVs are interpolated linearly: texture seams must not bulge.
    for (let k = 0; k < 2; k++) newUvs[2 * (baseCount + r) + k] = ((uvs[2 * a + k] ?? 0) + (uvs[2 * b + k] ?? 0)) / 2;
  });
  const out = new Uint32Array(indices.length * 4);
  for (let t = 0; t < triangles; t++) {
    const [a, b, c] = [indices[3 * t] ?? 0, indices[3 * t + 1] ?? 0, indices[3 * t + 2] ?? 0];
    const ab = edgeIndex.get(key(a, b)) ?? 0;
    const bc = edgeIndex.get(key(b, c)) ?? 0;
    const ca = edgeIndex.get(key(c, a)) ?? 0;
    out.set([a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca], 12 * t);
  }
  return {
    vertexCount: baseCount + edges.length,
    indices: out,
    uvs: newUvs,
    rowStart,
    columns: Uint32Array.from(columns),
    weights: Float32Array.from(weights),
    baseCount,
  };
}

/** Positions of the subdivided mesh from positions of the base mesh (xyz per vertex). */
export function applySubdivision(
  s: Subdivision,
  base: Float32Array,
  out = new Float32Array(s.vertexCount * 3),
): Float32Array {
  out.set(base.subarray(0, s.baseCount * 3));
  const rows = s.vertexCount - s.baseCount;
  for (let r = 0; r < rows; r++) {
    let x = 0;
    let y = 0;
    let z = 0;
    for (let j = s.rowStart[r] ?? 0; j < (s.rowStart[r + 1] ?? 0); j++) {
      const c = s.columns[j] ?? 0;
      const w = s.weights[j] ?? 0;
      x += w * (base[3 * c] ?? 0);
      y += w * (base[3 * c + 1] ?? 0);
      z += w * (base[3 * c + 2] ?? 0);
    }
    const o = 3 * (s.baseCount + r);
    out[o] = x;
    out[o + 1] = y;
    out[o + 2] = z;
  }
  return out;
}
