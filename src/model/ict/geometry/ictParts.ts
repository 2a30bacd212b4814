/**
 * The parts of the ICT mesh as this geometry draws them, and lookups over its groups. Only what
 * shows at 112–160 px is drawn: lacrimal fluid, eye blend and eye occlusion are transparent
 * overlays in ICT's Unreal set-up (they soften the lid margins) and are left out.
 */
import type { MaterialKind } from '../../gmf/face/faceModel';
import type { IctGroup, IctModelData } from '../ictAsset';
import { IctGeometryError } from './geometryError';

/**
 * Material of each ICT group (null: not drawn). ICT's "sclera" groups are the closed outer shell
 * with the corneal bulge, drawn as cornea; its "iris" groups are the inner eyeball whose uvs hold
 * the sclera, iris and pupil, drawn as iris (src/model/ict/README.md).
 */
export const ICT_GROUP_MATERIALS: Readonly<Record<string, MaterialKind | null>> = {
  face: 'skin',
  headNeck: 'skin',
  mouthSocket: 'mouth',
  eyeSocketLeft: 'mouth',
  eyeSocketRight: 'mouth',
  gumsTongue: 'gums',
  teeth: 'teeth',
  scleraLeft: 'cornea',
  irisLeft: 'iris',
  scleraRight: 'cornea',
  irisRight: 'iris',
  lacrimalFluidLeft: null,
  lacrimalFluidRight: null,
  eyeBlendLeft: null,
  eyeBlendRight: null,
  eyeOcclusionLeft: null,
  eyeOcclusionRight: null,
  eyelashesLeft: 'lashes',
  eyelashesRight: 'lashes',
};

/** The ICT group called `name`; a typed error when the asset has none. */
export function ictGroup(data: IctModelData, name: string): IctGroup {
  const group = data.render.groups.find((g) => g.name === name);
  if (group === undefined)
    throw new IctGeometryError('ICT_GEOMETRY_MESH', `the asset has no group "${name}"; regenerate ictFaceKit.bin.`);
  return group;
}

/** The skin: ICT's face and head-and-neck groups, the outer surface of the head. */
export const SKIN_GROUPS = ['face', 'headNeck'] as const;

/** Model vertex triples of the given groups' triangles (UV seams merged, so the surface is connected). */
export function modelTriangles(data: IctModelData, names: readonly string[]): Uint32Array {
  const groups = names.map((name) => ictGroup(data, name));
  const out = new Uint32Array(groups.reduce((n, g) => n + 3 * g.triangleCount, 0));
  const { triangles, renderToModel } = data.render;
  let k = 0;
  for (const g of groups) {
    for (let i = 3 * g.triangleStart; i < 3 * (g.triangleStart + g.triangleCount); i++)
      out[k++] = renderToModel[triangles[i] ?? 0] ?? 0;
  }
  return out;
}

/** For each model vertex, its first render vertex (-1 for a model vertex no triangle draws). */
export function firstRenderVertex(data: IctModelData): Int32Array {
  const first = new Int32Array(data.vertexCount).fill(-1);
  const { renderToModel } = data.render;
  for (let r = renderToModel.length - 1; r >= 0; r--) first[renderToModel[r] ?? 0] = r;
  return first;
}

/** One render vertex per model vertex of [start, end): the first (seam copies would count twice). */
export function renderVerticesOf(first: Int32Array, start: number, end: number): Uint32Array {
  const out: number[] = [];
  for (let m = start; m < end; m++) {
    const r = first[m] ?? -1;
    if (r >= 0) out.push(r);
  }
  return Uint32Array.from(out);
}
