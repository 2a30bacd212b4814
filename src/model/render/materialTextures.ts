/**
 * What every material style shares: the FaceMaterials contract, and the DataTextures the
 * materials sample (sRGB, mipmapped, rows bottom-up).
 */
import {
  DataTexture,
  LinearFilter,
  LinearMipmapLinearFilter,
  type Material,
  RGBAFormat,
  SRGBColorSpace,
  UnsignedByteType,
} from 'three';
import type { FaceTextures, MaterialKind, MaterialTexture } from '../gmf/face/faceModel';

export interface FaceMaterials {
  byKind: Record<MaterialKind, Material>;
  setTextures(textures: FaceTextures): void;
  dispose(): void;
}

export function dataTexture(size: number): DataTexture {
  const texture = new DataTexture(new Uint8Array(size * size * 4), size, size, RGBAFormat, UnsignedByteType);
  texture.colorSpace = SRGBColorSpace;
  texture.magFilter = LinearFilter;
  texture.minFilter = LinearMipmapLinearFilter;
  texture.generateMipmaps = true;
  // Texture rows are stored bottom-up (row 0 at v = 0), as three samples DataTextures.
  texture.flipY = false;
  return texture;
}

/** Copies `source` into `texture`, reallocating when the size changed. */
export function upload(texture: DataTexture, source: MaterialTexture): void {
  const image = texture.image as { data: Uint8Array; width: number; height: number };
  if (image.width !== source.size) {
    texture.image = { data: new Uint8Array(source.size * source.size * 4), width: source.size, height: source.size };
  }
  (texture.image as { data: Uint8Array }).data.set(source.rgba);
  texture.needsUpdate = true;
}
