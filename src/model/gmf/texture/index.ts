/** Public API of the texture model (see README.md). */
export { TextureModelError } from './faceGeometry';
export type { RegionMasks } from './regionMasks';
export { buildRegionMasks } from './regionMasks';
export type { AlbedoParams } from './renderAlbedo';
export { renderAlbedo } from './renderAlbedo';
export { irisColour, regionColours } from './skinTone';
export { MAX_TEXTURE_COMPONENTS, TEXTURE_BAND_COUNT } from './textureBands';
export type { TextureModel, TextureModelOptions } from './textureModel';
export { buildTextureModel } from './textureModel';
