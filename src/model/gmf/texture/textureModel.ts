/**
 * The texture model: region masks, band bases and the precomputation that makes `renderAlbedo` fast.
 * Texture rows: row 0 is v = 0 (bottom), pixel (x, y) samples u = (x + 0.5)/size, v = (y + 0.5)/size,
 * so a three.js DataTexture built from it needs `flipY = false` with the mesh's (v-up) UVs.
 */
import type { CanonicalMesh } from '../mesh/canonicalMesh';
import { faceGeometry, TextureModelError } from './faceGeometry';
import type { RegionMasks } from './regionMasks';
import { buildRegionMasks } from './regionMasks';
import type { Taps, TextureBand } from './textureBands';
import { bilinearTaps, buildTextureBand, MAX_TEXTURE_COMPONENTS, TEXTURE_BAND_COUNT } from './textureBands';

/** Iris radius as a fraction of the eye width (corner to corner); pupil as a fraction of the iris. */
export const IRIS_RADIUS_OF_EYE_WIDTH = 0.2;
export const PUPIL_RADIUS_OF_IRIS = 0.4;

export interface TextureModelOptions {
  /** Texture side in texels (default 256). */
  size?: number;
  /** Components per band (default 100, at most 394). */
  components?: number;
}

export interface TextureModel {
  size: number;
  components: number;
  masks: RegionMasks;
  bands: TextureBand[];
  /** Per band, the SD of each component (the sampler scales raw N(0,1) coefficients by it). */
  bandSd: Float32Array[];
  /** Per band, taps that upsample its grid to the texture size (undefined when grid = size). */
  taps: (Taps | undefined)[];
  /** Distance to the nearest eye centre divided by that eye's iris radius. */
  eyeRadius: Float32Array;
  /** Iris edge softness in the same units (one texel / iris radius). */
  eyeFeather: Float32Array;
  /** Scratch: per-band grid fields and full-size log-albedo offsets (3 colour directions each). */
  scratch: { grid: Float64Array; full: Float64Array; coef: Float64Array };
}

export function buildTextureModel(mesh: CanonicalMesh, options: TextureModelOptions = {}): TextureModel {
  const size = options.size ?? 256;
  const components = options.components ?? 100;
  if (!Number.isInteger(components) || components < 1 || components > MAX_TEXTURE_COMPONENTS) {
    throw new TextureModelError(
      `components per band must be an integer from 1 to ${MAX_TEXTURE_COMPONENTS}, got ${components}`,
    );
  }
  const masks = buildRegionMasks(mesh, size);
  const bands = Array.from({ length: TEXTURE_BAND_COUNT }, (_, b) => buildTextureBand(b, components, size));
  const maxGrid = Math.max(...bands.map((b) => b.grid));

  const eyes = faceGeometry(mesh).eyes;
  const eyeRadius = new Float32Array(size * size).fill(Infinity);
  const eyeFeather = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    const v = (y + 0.5) / size;
    for (let x = 0; x < size; x++) {
      const k = y * size + x;
      if ((masks.eyes[k] ?? 0) <= 0) continue;
      for (const eye of eyes) {
        const irisR = IRIS_RADIUS_OF_EYE_WIDTH * eye.width;
        const r = Math.hypot((x + 0.5) / size - eye.centreU, v - eye.centreV) / irisR;
        if (r < (eyeRadius[k] ?? Infinity)) {
          eyeRadius[k] = r;
          eyeFeather[k] = 1 / (size * irisR);
        }
      }
    }
  }
  return {
    size,
    components,
    masks,
    bands,
    bandSd: bands.map((b) => b.sd),
    taps: bands.map((b) => (b.grid === size ? undefined : bilinearTaps(b.grid, size))),
    eyeRadius,
    eyeFeather,
    scratch: {
      grid: new Float64Array(3 * maxGrid * maxGrid),
      full: new Float64Array(3 * size * size),
      coef: new Float64Array(components),
    },
  };
}
