/**
 * One three.js material per kind of face part, in the style of the model that draws them.
 * 'gmf-procedural' (the default) only uses `skin`, drawn exactly as it was drawn when its
 * datasets were made; 'ict-facekit' gets skin, eyes, mouth, lashes, hair and cloth materials of
 * their own (ictMaterials.ts). The skin carries the identity's albedo; iris and hair their own
 * textures.
 */
import { Color, type Material, MeshPhysicalMaterial, MeshStandardMaterial } from 'three';
import type { FaceModelId, MaterialKind } from '../gmf/face/faceModel';
import { createIctMaterials } from './ictMaterials';
import { dataTexture, type FaceMaterials, upload } from './materialTextures';

export type { FaceMaterials } from './materialTextures';

/** Which model's look the materials have. */
export type FaceMaterialStyle = FaceModelId;

/** The procedural model's materials (its skin unchanged since version 1). */
function createProceduralMaterials(skinTextureSize: number): FaceMaterials {
  const skinMap = dataTexture(skinTextureSize);
  const irisMap = dataTexture(64);
  const hairMap = dataTexture(64);
  const skin = new MeshStandardMaterial({ map: skinMap, roughness: 0.7, metalness: 0 });
  const iris = new MeshStandardMaterial({ map: irisMap, roughness: 0.4, metalness: 0 });
  // The cornea: a clear, glossy shell over the eyeball that catches the light's highlight.
  const cornea = new MeshPhysicalMaterial({
    color: new Color(1, 1, 1),
    roughness: 0.05,
    metalness: 0,
    transparent: true,
    opacity: 0.12,
    depthWrite: false,
  });
  const teeth = new MeshStandardMaterial({ color: new Color(0.86, 0.83, 0.76), roughness: 0.35, metalness: 0 });
  const gums = new MeshStandardMaterial({ color: new Color(0.62, 0.24, 0.26), roughness: 0.5, metalness: 0 });
  const mouth = new MeshStandardMaterial({ color: new Color(0.22, 0.06, 0.07), roughness: 0.8, metalness: 0 });
  const lashes = new MeshStandardMaterial({ color: new Color(0.05, 0.04, 0.035), roughness: 0.9, metalness: 0 });
  const hair = new MeshStandardMaterial({ map: hairMap, roughness: 0.85, metalness: 0 });
  const cloth = new MeshStandardMaterial({ color: new Color(0.18, 0.19, 0.21), roughness: 0.95, metalness: 0 });
  const byKind: Record<MaterialKind, Material> = { skin, iris, cornea, teeth, gums, mouth, lashes, hair, cloth };
  return {
    byKind,
    setTextures(textures) {
      upload(skinMap, textures.skin);
      if (textures.iris) upload(irisMap, textures.iris);
      if (textures.hair) upload(hairMap, textures.hair);
    },
    dispose() {
      for (const material of Object.values(byKind)) material.dispose();
      for (const texture of [skinMap, irisMap, hairMap]) texture.dispose();
    },
  };
}

export function createFaceMaterials(
  skinTextureSize: number,
  style: FaceMaterialStyle = 'gmf-procedural',
): FaceMaterials {
  return style === 'ict-facekit' ? createIctMaterials(skinTextureSize) : createProceduralMaterials(skinTextureSize);
}
