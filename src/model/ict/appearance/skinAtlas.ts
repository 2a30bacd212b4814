/**
 * The skin atlas: one square texture holding ICT's two skin UV tiles. ICT lays its UVs out as
 * UDIM tiles: the face (ears, neck front) in u 0..1, head and neck, mouth socket and eye sockets
 * in u 1..2. A square texture cannot hold both at full scale, and the face needs the detail, so
 * the face tile fills the top-left 3/4 of the atlas (384 texels at 512) and the head tile the
 * bottom-right 1/4 (128 texels). Both keep their aspect ratio, and the two tiles touch only at
 * one corner, where both are empty, so mipmaps do not bleed the dark mouth socket into the face.
 */
import { GmfError } from '../../../lib/errors';

/** Side of the face tile and the head tile as fractions of the atlas. */
export const FACE_TILE_SCALE = 0.75;
export const HEAD_TILE_SCALE = 0.25;

/** The render groups drawn with the skin atlas (ICT group names); their uvs lie in tiles 0 and 1. */
export const SKIN_ATLAS_GROUPS = ['face', 'headNeck', 'mouthSocket', 'eyeSocketLeft', 'eyeSocketRight'] as const;

export class IctAppearanceError extends GmfError {
  constructor(
    code: 'ICT_APPEARANCE_BAD_UV' | 'ICT_APPEARANCE_BAD_MODEL' | 'ICT_APPEARANCE_BAD_IDENTITY',
    message: string,
  ) {
    super(code, `ICT face appearance: ${message}`);
  }
}

/**
 * Where an ICT uv of a skin group lands in the atlas (v upward, as the OBJ). The plumbing maps
 * the render vertices of SKIN_ATLAS_GROUPS through this; other groups (eyes, teeth, ...) keep
 * their own uvs because they reuse tile 0 for different textures.
 */
export function skinAtlasUv(u: number, v: number): [number, number] {
  if (u >= 0 && u <= 1) return [FACE_TILE_SCALE * u, 1 - FACE_TILE_SCALE + FACE_TILE_SCALE * v];
  if (u > 1 && u <= 2) return [1 - HEAD_TILE_SCALE + HEAD_TILE_SCALE * (u - 1), HEAD_TILE_SCALE * v];
  throw new IctAppearanceError(
    'ICT_APPEARANCE_BAD_UV',
    `uv (${u}, ${v}) is outside the face (u 0..1) and head (u 1..2) tiles that the skin atlas holds.`,
  );
}

/** skinAtlasUv over the render vertices used by the skin groups' triangles; others are copied unchanged. */
export function skinAtlasUvs(
  uvs: Float32Array,
  triangles: Uint32Array,
  groups: readonly { name: string; triangleStart: number; triangleCount: number }[],
): Float32Array {
  const out = new Float32Array(uvs);
  const done = new Uint8Array(uvs.length / 2);
  for (const group of groups) {
    if (!(SKIN_ATLAS_GROUPS as readonly string[]).includes(group.name)) continue;
    for (let k = 3 * group.triangleStart; k < 3 * (group.triangleStart + group.triangleCount); k++) {
      const r = triangles[k] ?? 0;
      if (done[r] === 1) continue;
      done[r] = 1;
      const [u, v] = skinAtlasUv(uvs[2 * r] ?? 0, uvs[2 * r + 1] ?? 0);
      out[2 * r] = u;
      out[2 * r + 1] = v;
    }
  }
  return out;
}
