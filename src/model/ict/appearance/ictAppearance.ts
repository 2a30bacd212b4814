/**
 * The appearance of the scan-based (ICT-FaceKit) model: ICT ships no albedo, so its textures are
 * ours (sources and what is hand designed: README.md). Built once from the decoded asset (about
 * 2 s), then `textures(identity)` paints one identity's skin atlas (skinAtlas.ts: face and head
 * tiles in one square; map the skin groups' uvs with skinAtlasUvs), iris and hair textures.
 * Rows are bottom-up (row 0 at v = 0): three.js DataTextures with flipY = false.
 */
import type { FaceIdentity, FaceTextures } from '../../gmf/face/faceModel';
import type { IctModelData } from '../ictAsset';
import { buildIctAppearanceParts, paintIctTextures, SKIN_ATLAS_SIZE } from './appearanceParts';

export interface IctAppearance {
  /**
   * Side of the skin atlas: 512, a power of two for mipmaps. The face tile gets 384 texels
   * (about 0.7 mm each), several texels per pixel at 112 px and about one per pixel for a face
   * filling a 512 px view; 1024 would cost four times the time and memory per identity.
   */
  textureSize: number;
  /** 5 bands of per-component standard deviations (the sampler stores raw x sd). */
  textureSd: Float32Array[];
  /** Skin atlas in ICT's face/head UV layout (via skinAtlasUvs), iris texture, hair texture. */
  textures(identity: FaceIdentity): FaceTextures;
}

export function buildIctAppearance(data: IctModelData): IctAppearance {
  const parts = buildIctAppearanceParts(data);
  return {
    textureSize: SKIN_ATLAS_SIZE,
    textureSd: parts.skin.bands.sd,
    textures: (identity) => paintIctTextures(parts, identity),
  };
}
