/**
 * Materials of the scan-based model ('ict-facekit' style). Cheap on purpose: standard materials
 * only (no transmission, sheen or clearcoat, no per-fragment loops), so a 112 px face costs about
 * what the procedural one does.
 * - skin: specular at roughness 0.5 (F0 0.04, near skin's 0.028), and a warm emissive lift
 *   proportional to the albedo, a stand-in for light scattered under the skin: shadows stay warm
 *   instead of going grey; in lit areas it adds a few per cent of red.
 * - iris: the eyeball texture, matte (the gloss belongs to the cornea), both sides drawn so the
 *   pupil hole shows the dark inside of the eyeball.
 * - cornea: black, glossy and additively blended, so it adds only the light's specular highlight
 *   (the catchlight) over iris and sclera.
 * - teeth off-white with a faint emissive lift (translucency), gums and tongue a darker pink than
 *   in open light (the renderer has no occlusion: inside the mouth little light arrives, and an
 *   open mouth reads as a dark cavity in photographs), mouth and eye sockets dark red, lashes
 *   dark hairs from an alpha texture, hair alpha-tested (its texture's alpha is the coverage),
 *   matte cloth.
 */
import {
  AdditiveBlending,
  Color,
  DoubleSide,
  type Material,
  MeshStandardMaterial,
  RepeatWrapping,
  SRGBColorSpace,
} from 'three';
import type { MaterialKind } from '../gmf/face/faceModel';
import { buildLashTexture, LASH_TEXTURE_SIZE } from '../ict/appearance/lashTexture';
import { dataTexture, type FaceMaterials, upload } from './materialTextures';

/** Linear RGB from sRGB bytes (three's Color takes working-space, i.e. linear, numbers). */
const srgb = (r: number, g: number, b: number): Color => new Color().setRGB(r / 255, g / 255, b / 255, SRGBColorSpace);

/** Warm emissive lift of the skin, times its albedo (linear RGB). */
const SKIN_SCATTER = new Color(0.07, 0.026, 0.016);

export function createIctMaterials(skinTextureSize: number): FaceMaterials {
  const skinMap = dataTexture(skinTextureSize);
  const irisMap = dataTexture(256);
  const hairMap = dataTexture(512);
  const lashMap = dataTexture(LASH_TEXTURE_SIZE);
  upload(lashMap, buildLashTexture());
  // The lash cards' uvs lie in u 6..7: wrap them onto the texture.
  lashMap.wrapS = RepeatWrapping;

  const skin = new MeshStandardMaterial({
    map: skinMap,
    roughness: 0.5,
    metalness: 0,
    emissive: SKIN_SCATTER,
    emissiveMap: skinMap,
  });
  const iris = new MeshStandardMaterial({ map: irisMap, roughness: 0.6, metalness: 0, side: DoubleSide });
  const cornea = new MeshStandardMaterial({
    color: new Color(0, 0, 0),
    roughness: 0.12,
    metalness: 0,
    transparent: true,
    blending: AdditiveBlending,
    depthWrite: false,
  });
  const teeth = new MeshStandardMaterial({
    color: srgb(222, 214, 196),
    roughness: 0.35,
    metalness: 0,
    emissive: srgb(40, 36, 30),
  });
  const gums = new MeshStandardMaterial({ color: srgb(140, 58, 62), roughness: 0.4, metalness: 0 });
  const mouth = new MeshStandardMaterial({ color: srgb(44, 14, 16), roughness: 0.9, metalness: 0 });
  const lashes = new MeshStandardMaterial({
    map: lashMap,
    roughness: 0.8,
    metalness: 0,
    transparent: true,
    depthWrite: false,
    side: DoubleSide,
  });
  // The hair texture's alpha is its coverage: an alpha test gives a ragged hairline, no sorting.
  const hair = new MeshStandardMaterial({ map: hairMap, roughness: 0.6, metalness: 0, alphaTest: 0.5 });
  const cloth = new MeshStandardMaterial({ color: new Color(0.18, 0.19, 0.21), roughness: 1, metalness: 0 });
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
      for (const texture of [skinMap, irisMap, hairMap, lashMap]) texture.dispose();
    },
  };
}
