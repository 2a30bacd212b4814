/**
 * Turns the OBJ's polygons into what a GPU draws: triangles over render vertices, where a render
 * vertex is one distinct (position, uv value) pair, so a UV seam splits a model vertex in two. Render
 * vertices are sorted by model vertex, then uv, which keeps each group's vertices contiguous.
 */
import type { IctGroup } from '../../src/model/ict/ictFormat';
import type { SourceGroup } from './ictSourceTables';
import type { ObjMesh } from './objReader';

export interface RenderTopology {
  renderToModel: Uint32Array;
  renderUv: Float32Array;
  triangles: Uint32Array;
  groups: IctGroup[];
  /** Model vertices no polygon uses (they still deform, but are never drawn). */
  unusedModelVertices: number;
}

function materialAt(mesh: ObjMesh, polygon: number): string {
  let name = '';
  for (const m of mesh.materials) if (m.start <= polygon) name = m.name;
  return name;
}

/**
 * Checks the README's groups against the mesh and returns one material per group. A group's
 * polygons use its own vertices, except that head and neck, mouth socket and eye sockets are
 * stitched onto the face's boundary vertices (the skin is one connected surface).
 */
function checkGroups(mesh: ObjMesh, groups: readonly SourceGroup[]): string[] {
  const vertexCount = mesh.positions.length / 3;
  const polygonCount = mesh.polygonStarts.length - 1;
  let nextVertex = 0;
  let nextPolygon = 0;
  const face = groups[0]?.vertices ?? [0, -1];
  const materials: string[] = [];
  for (const g of groups) {
    const [v0, v1] = g.vertices;
    const [p0, p1] = g.polygons;
    if (v0 !== nextVertex || p0 !== nextPolygon)
      throw new Error(`Group ${g.name} does not start where the previous group ended.`);
    nextVertex = v1 + 1;
    nextPolygon = p1 + 1;
    const material = materialAt(mesh, p0);
    for (let p = p0; p <= p1; p++) {
      if (materialAt(mesh, p) !== material) throw new Error(`Group ${g.name} mixes materials at polygon ${p}.`);
      for (let c = mesh.polygonStarts[p] ?? 0; c < (mesh.polygonStarts[p + 1] ?? 0); c++) {
        const v = mesh.cornerPositions[c] ?? -1;
        const inFace = v >= face[0] && v <= face[1];
        if ((v < v0 || v > v1) && !inFace)
          throw new Error(`Polygon ${p} of group ${g.name} uses vertex ${v}, outside [${v0}, ${v1}].`);
      }
    }
    materials.push(material);
  }
  if (nextVertex !== vertexCount || nextPolygon !== polygonCount) {
    throw new Error(
      `Groups cover ${nextVertex} vertices and ${nextPolygon} polygons; the mesh has ${vertexCount} and ${polygonCount}.`,
    );
  }
  return materials;
}

export function buildRenderTopology(mesh: ObjMesh, groups: readonly SourceGroup[]): RenderTopology {
  const materials = checkGroups(mesh, groups);
  const uvCount = mesh.uvs.length / 2;
  // The OBJ lists some uvs twice with the same value (195 corners of ICT's mesh); merging them
  // avoids render vertices that differ only in index, which would crease smooth normals.
  const firstUvWithValue = new Map<string, number>();
  const canonicalUv = Int32Array.from({ length: uvCount }, (_, t) => {
    const value = `${mesh.uvs[2 * t]},${mesh.uvs[2 * t + 1]}`;
    const first = firstUvWithValue.get(value) ?? t;
    firstUvWithValue.set(value, first);
    return first;
  });
  // One integer key per (position, uv) pair; uv -1 (none) becomes 0. Sorting the keys sorts by position, then uv.
  const cornerKey = (c: number): number => {
    const uv = mesh.cornerUvs[c] ?? -1;
    return (mesh.cornerPositions[c] ?? 0) * (uvCount + 1) + (uv < 0 ? 0 : (canonicalUv[uv] ?? uv) + 1);
  };
  const keys = [...new Set(Array.from({ length: mesh.cornerPositions.length }, (_, c) => cornerKey(c)))].sort(
    (a, b) => a - b,
  );
  const renderIndex = new Map(keys.map((key, i) => [key, i]));

  const renderToModel = new Uint32Array(keys.length);
  const renderUv = new Float32Array(keys.length * 2);
  const used = new Uint8Array(mesh.positions.length / 3);
  keys.forEach((key, i) => {
    const position = Math.floor(key / (uvCount + 1));
    const uv = (key % (uvCount + 1)) - 1;
    renderToModel[i] = position;
    used[position] = 1;
    if (uv >= 0) renderUv.set([mesh.uvs[2 * uv] ?? 0, mesh.uvs[2 * uv + 1] ?? 0], 2 * i);
  });

  // A polygon with k corners becomes the fan (0, i, i + 1): for a quad, triangles 0-1-2 and 0-2-3.
  const triangles: number[] = [];
  const trianglesBefore: number[] = [];
  for (let p = 0; p + 1 < mesh.polygonStarts.length; p++) {
    trianglesBefore.push(triangles.length / 3);
    const start = mesh.polygonStarts[p] ?? 0;
    const end = mesh.polygonStarts[p + 1] ?? 0;
    const corner = (c: number): number => renderIndex.get(cornerKey(c)) ?? -1;
    for (let c = start + 1; c + 1 < end; c++) triangles.push(corner(start), corner(c), corner(c + 1));
  }
  trianglesBefore.push(triangles.length / 3);

  return {
    renderToModel,
    renderUv,
    triangles: Uint32Array.from(triangles),
    groups: groups.map((g, i) => {
      const triangleStart = trianglesBefore[g.polygons[0]] ?? 0;
      return {
        name: g.name,
        material: materials[i] ?? '',
        vertexStart: g.vertices[0],
        vertexCount: g.vertices[1] - g.vertices[0] + 1,
        triangleStart,
        triangleCount: (trianglesBefore[g.polygons[1] + 1] ?? 0) - triangleStart,
      };
    }),
    unusedModelVertices: used.length - used.reduce((sum, u) => sum + u, 0),
  };
}
