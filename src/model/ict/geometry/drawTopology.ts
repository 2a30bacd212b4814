/**
 * The drawable topology: ICT's render vertices, then the hair cap's, then the shoulders'; one
 * index range per material, in a fixed order. The rotation centre's vertices are one render
 * vertex per model vertex (seam copies would count twice): the face group's for x, y (ICT's full
 * face area: forehead to chin and ear to ear, the "face" of DESIGN.md) and the face plus head
 * and neck, the head's outer surface, for z.
 */
import type { DrawGroup, FaceTopology, MaterialKind } from '../../gmf/face/faceModel';
import type { IctModelData } from '../ictAsset';
import { IctGeometryError } from './geometryError';
import type { HairCap } from './hairCap';
import { firstRenderVertex, ICT_GROUP_MATERIALS, ictGroup, renderVerticesOf } from './ictParts';
import type { Shoulders } from './shoulders';

/** Draw order and group name of each material made of ICT groups. */
const ICT_DRAW_ORDER: readonly (readonly [MaterialKind, string])[] = [
  ['skin', 'skin'],
  ['mouth', 'mouthAndEyeSockets'],
  ['gums', 'gumsTongue'],
  ['teeth', 'teeth'],
  ['iris', 'eyeballs'],
  ['cornea', 'corneas'],
  ['lashes', 'eyelashes'],
];

export interface DrawLayout {
  topology: Omit<FaceTopology, 'textureSize'>;
  /** First render vertex of the hair cap and of the shoulders. */
  hairStart: number;
  shouldersStart: number;
}

export function buildDrawTopology(data: IctModelData, hair: HairCap, shoulders: Shoulders): DrawLayout {
  for (const g of data.render.groups) {
    if (!(g.name in ICT_GROUP_MATERIALS))
      throw new IctGeometryError('ICT_GEOMETRY_MESH', `the asset's group "${g.name}" has no material here.`);
  }
  const ictVertices = data.render.renderToModel.length;
  const hairStart = ictVertices;
  const shouldersStart = hairStart + hair.t.length;
  const vertexCount = shouldersStart + shoulders.vertexCount;

  const parts: { name: string; material: MaterialKind; indices: Uint32Array }[] = [];
  for (const [material, name] of ICT_DRAW_ORDER) {
    const groups = data.render.groups.filter((g) => ICT_GROUP_MATERIALS[g.name] === material);
    const ranges = groups.map((g) =>
      data.render.triangles.subarray(3 * g.triangleStart, 3 * (g.triangleStart + g.triangleCount)),
    );
    const indices = new Uint32Array(ranges.reduce((n, r) => n + r.length, 0));
    let k = 0;
    for (const r of ranges) {
      indices.set(r, k);
      k += r.length;
    }
    parts.push({ name, material, indices });
  }
  parts.push({ name: 'hair', material: 'hair', indices: hair.triangles.map((i) => i + hairStart) });
  parts.push({ name: 'shoulders', material: 'cloth', indices: shoulders.triangles.map((i) => i + shouldersStart) });

  const indices = new Uint32Array(parts.reduce((n, p) => n + p.indices.length, 0));
  const groups: DrawGroup[] = [];
  let start = 0;
  for (const p of parts) {
    indices.set(p.indices, start);
    groups.push({ name: p.name, material: p.material, start, count: p.indices.length });
    start += p.indices.length;
  }

  const uvs = new Float32Array(2 * vertexCount);
  uvs.set(data.render.uvs);
  uvs.set(hair.uvs, 2 * hairStart);
  uvs.set(shoulders.uvs, 2 * shouldersStart);

  const first = firstRenderVertex(data);
  const face = ictGroup(data, 'face');
  const head = ictGroup(data, 'headNeck');
  const faceEnd = face.vertexStart + face.vertexCount;
  return {
    topology: {
      vertexCount,
      uvs,
      indices,
      groups,
      faceVertices: renderVerticesOf(first, face.vertexStart, faceEnd),
      headVertices: Uint32Array.from([
        ...renderVerticesOf(first, face.vertexStart, faceEnd),
        ...renderVerticesOf(first, head.vertexStart, head.vertexStart + head.vertexCount),
      ]),
    },
    hairStart,
    shouldersStart,
  };
}
