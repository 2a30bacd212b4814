/**
 * Area-weighted vertex normals of an indexed triangle mesh, written into a Float32Array: the
 * same numbers, bit for bit, as three's BufferGeometry.computeVertexNormals (face normal = (c - b)
 * x (a - b) added to its three vertices in float32, then each normalised), without its per-vertex
 * Vector3 calls: on ICT-FaceKit's 52k triangles, where it runs once per face, 0.7 ms instead of
 * 6.2 ms (Node 20, this 2-core machine).
 * Bit-identical matters: the procedural model's datasets must reproduce their exact pixels.
 */
export function computeVertexNormals(
  positions: Float32Array,
  indices: ArrayLike<number>,
  normals: Float32Array,
): Float32Array {
  if (normals.length !== positions.length)
    throw new RangeError(`normals hold ${normals.length} values for ${positions.length} position values`);
  normals.fill(0);
  const p = positions;
  const n = normals;
  for (let i = 0; i + 2 < indices.length; i += 3) {
    const a = 3 * (indices[i] ?? 0);
    const b = 3 * (indices[i + 1] ?? 0);
    const c = 3 * (indices[i + 2] ?? 0);
    const bx = p[b] ?? 0;
    const by = p[b + 1] ?? 0;
    const bz = p[b + 2] ?? 0;
    const cbx = (p[c] ?? 0) - bx;
    const cby = (p[c + 1] ?? 0) - by;
    const cbz = (p[c + 2] ?? 0) - bz;
    const abx = (p[a] ?? 0) - bx;
    const aby = (p[a + 1] ?? 0) - by;
    const abz = (p[a + 2] ?? 0) - bz;
    const x = cby * abz - cbz * aby;
    const y = cbz * abx - cbx * abz;
    const z = cbx * aby - cby * abx;
    // Read all three sums before writing any, as three does (it matters for degenerate triangles
    // that name one vertex twice: the later write wins).
    const ax0 = (n[a] ?? 0) + x;
    const ay0 = (n[a + 1] ?? 0) + y;
    const az0 = (n[a + 2] ?? 0) + z;
    const bx0 = (n[b] ?? 0) + x;
    const by0 = (n[b + 1] ?? 0) + y;
    const bz0 = (n[b + 2] ?? 0) + z;
    const cx0 = (n[c] ?? 0) + x;
    const cy0 = (n[c + 1] ?? 0) + y;
    const cz0 = (n[c + 2] ?? 0) + z;
    n[a] = ax0;
    n[a + 1] = ay0;
    n[a + 2] = az0;
    n[b] = bx0;
    n[b + 1] = by0;
    n[b + 2] = bz0;
    n[c] = cx0;
    n[c + 1] = cy0;
    n[c + 2] = cz0;
  }
  for (let v = 0; v < n.length; v += 3) {
    const x = n[v] ?? 0;
    const y = n[v + 1] ?? 0;
    const z = n[v + 2] ?? 0;
    const scale = 1 / (Math.sqrt(x * x + y * y + z * z) || 1);
    n[v] = x * scale;
    n[v + 1] = y * scale;
    n[v + 2] = z * scale;
  }
  return n;
}
