/**
 * What the ICT appearance builds once (position maps, region masks, brow strokes, iris and hair
 * patterns) and how one identity's textures are painted from it; ictAppearance.ts wraps this in
 * the IctAppearance interface. Exported on its own for tests and tools that look inside.
 */
import type { FaceIdentity, FaceTextures } from '../../gmf/face/faceModel';
import { TEXTURE_BAND_COUNT } from '../../gmf/texture/textureBands';
import type { IctModelData } from '../ictAsset';
import { buildAgeMarks } from './ageMarks';
import { buildBrowCoverage } from './browStrokes';
import { faceFeatures } from './faceFeatures';
import { buildHairModel, HAIR_TEXTURE_SIZE, paintHair } from './hairTexture';
import { buildIrisModel, IRIS_TEXTURE_SIZE, paintIris } from './irisTexture';
import { paintSkin, type SkinAtlasModel } from './paintSkin';
import { identityPigments } from './pigments';
import { IctAppearanceError, SKIN_ATLAS_GROUPS, skinAtlasUv, FACE_TILE_SCALE } from './skinAtlas';
import { buildSkinBands } from './skinBands';
import { buildSkinRegions } from './skinRegions';
import type { FaceTexel } from './sparseField';
import { buildSurfaceMap } from './surfaceMap';

export const SKIN_ATLAS_SIZE = 512;
/** Texture components per band (FaceModelInfo.maxTextureComponents of 'ict-facekit'). */
export const ICT_TEXTURE_COMPONENTS = 100;
/** Padding around uv charts, in texels: enough for the mip levels a 112 px face samples. */
const PAD_TEXELS = 16;

/** Everything built once; for tests and tools that look inside. */
export interface IctAppearanceParts {
  skin: SkinAtlasModel;
  iris: ReturnType<typeof buildIrisModel>;
  hair: ReturnType<typeof buildHairModel>;
  /** The face-group texels with their neutral positions (what the regions were drawn on). */
  faceTexels: FaceTexel[];
}

export function buildIctAppearanceParts(data: IctModelData): IctAppearanceParts {
  const groupIndex = (name: string): number => data.render.groups.findIndex((g) => g.name === name);
  for (const name of SKIN_ATLAS_GROUPS) {
    if (groupIndex(name) < 0)
      throw new IctAppearanceError('ICT_APPEARANCE_BAD_MODEL', `the asset has no "${name}" group to draw the skin on.`);
  }
  const map = buildSurfaceMap(data, SKIN_ATLAS_GROUPS, SKIN_ATLAS_SIZE, skinAtlasUv, PAD_TEXELS);
  const face = groupIndex('face');
  const head = groupIndex('headNeck');
  const mouth = groupIndex('mouthSocket');
  const pick = (test: (g: number) => boolean): Uint32Array => map.covered.filter((k) => test(map.group[k] ?? -1));
  const skinTexels = pick((g) => g === face || g === head);
  const faceTexels: FaceTexel[] = [];
  for (const k of map.covered) {
    if (map.group[k] !== face) continue;
    const p = map.position;
    const q = map.normal;
    faceTexels.push({
      k,
      x: p[3 * k] ?? 0,
      y: p[3 * k + 1] ?? 0,
      z: p[3 * k + 2] ?? 0,
      nx: q[3 * k] ?? 0,
      ny: q[3 * k + 1] ?? 0,
      nz: q[3 * k + 2] ?? 0,
    });
  }
  const features = faceFeatures(data);
  const n = SKIN_ATLAS_SIZE * SKIN_ATLAS_SIZE;
  // ~280 mm of face per unit of the face tile's uv: a texel's footprint in millimetres.
  const footprintMm = 280 / (FACE_TILE_SCALE * SKIN_ATLAS_SIZE);
  const skin: SkinAtlasModel = {
    map,
    skinTexels,
    mouthSocket: pick((g) => g === mouth),
    eyeSockets: pick((g) => g !== face && g !== head && g !== mouth && g >= 0),
    bands: buildSkinBands(map, ICT_TEXTURE_COMPONENTS, (k) => {
      const g = map.group[k] ?? -1;
      return g === face || g === head;
    }),
    regions: buildSkinRegions(features, faceTexels),
    age: buildAgeMarks(features, faceTexels),
    brows: buildBrowCoverage(features, faceTexels, footprintMm),
    scratch: {
      chromophores: [new Float32Array(n), new Float32Array(n), new Float32Array(n)],
      rgb: [new Float32Array(n), new Float32Array(n), new Float32Array(n)],
    },
  };
  return { skin, iris: buildIrisModel(data), hair: buildHairModel(), faceTexels };
}

function checkIdentity(identity: FaceIdentity): void {
  if (identity.tex.length !== TEXTURE_BAND_COUNT)
    throw new IctAppearanceError(
      'ICT_APPEARANCE_BAD_IDENTITY',
      `expected ${TEXTURE_BAND_COUNT} bands of texture coefficients, got ${identity.tex.length}.`,
    );
  identity.tex.forEach((band, b) => {
    if (band.length > ICT_TEXTURE_COMPONENTS)
      throw new IctAppearanceError(
        'ICT_APPEARANCE_BAD_IDENTITY',
        `band ${b} has ${band.length} texture coefficients; this model has ${ICT_TEXTURE_COMPONENTS} per band.`,
      );
  });
  if (!Number.isFinite(identity.age) || identity.age < 0)
    throw new IctAppearanceError(
      'ICT_APPEARANCE_BAD_IDENTITY',
      `age must be a non-negative number of years, got ${identity.age}.`,
    );
}

/** The textures of one identity from prebuilt parts. */
export function paintIctTextures(parts: IctAppearanceParts, identity: FaceIdentity): FaceTextures {
  checkIdentity(identity);
  const pigments = identityPigments(identity.ethn, identity.age, identity.tex);
  return {
    skin: { size: SKIN_ATLAS_SIZE, rgba: paintSkin(parts.skin, identity, pigments) },
    iris: { size: IRIS_TEXTURE_SIZE, rgba: paintIris(parts.iris, pigments.iris) },
    hair: { size: HAIR_TEXTURE_SIZE, rgba: paintHair(parts.hair, pigments.hair) },
  };
}
