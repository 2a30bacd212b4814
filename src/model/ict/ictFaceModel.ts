/**
 * The scan-based face model (`ict-facekit`, the default): ICT-FaceKit Light's geometry (identity
 * modes, demographic directions, FACS expressions, eyes, teeth, hair cap, shoulders;
 * geometry/) with our appearance (skin, iris and hair textures; appearance/), behind the
 * FaceModel interface.
 */
import { FACE_MODELS, type FaceIdentity, type FaceModel, type FaceTextures } from '../gmf/face/faceModel';
import { textureKey } from '../gmf/face/textureKey';
import { buildIctAppearance } from './appearance/ictAppearance';
import { skinAtlasUvs } from './appearance/skinAtlas';
import { buildIctGeometry } from './geometry/ictGeometry';
import type { IctModelData } from './ictAsset';

export function buildIctFaceModel(data: IctModelData): FaceModel {
  const geometry = buildIctGeometry(data);
  const appearance = buildIctAppearance(data);
  // One identity's textures serve all its variations: keep the last one.
  let last: { key: string; textures: FaceTextures } | null = null;
  const texturesOf = (identity: FaceIdentity): FaceTextures => {
    const key = textureKey(identity);
    if (last?.key !== key) last = { key, textures: appearance.textures(identity) };
    return last.textures;
  };
  // The skin atlas packs ICT's two uv tiles (face; head, neck and sockets) into one texture:
  // remap the uvs of ICT's own render vertices (hair and shoulders, appended after them, keep theirs).
  const uvs = new Float32Array(geometry.topology.uvs);
  uvs.set(skinAtlasUvs(data.render.uvs, data.render.triangles, data.render.groups));
  return {
    info: FACE_MODELS['ict-facekit'],
    topology: { ...geometry.topology, uvs, textureSize: appearance.textureSize },
    sds: { shapeSd: geometry.shapeSd, textureSd: appearance.textureSd },
    noseTip: geometry.noseTip,
    positions: (identity, expression) => geometry.positions(identity, expression),
    textures: texturesOf,
  };
}
