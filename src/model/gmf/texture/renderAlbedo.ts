/**
 * Renders the albedo texture (RGBA, sRGB 8-bit, alpha 255) of one identity.
 * Rows: row 0 is v = 0 (bottom); use three.js `flipY = false` with the mesh's v-up UVs.
 * Pipeline (linear RGB): skin -> cheeks, beard shadow, lips, brows blended by their masks ->
 * times exp(band offsets in luminance / red-green / blue-yellow) -> eyes and mouth interior painted
 * on top (no skin texture there) -> sRGB.
 */
import { TextureModelError } from './faceGeometry';
import type { Ethnicity, Gender } from '../demographics/categories';
import type { Rgb } from './skinTone';
import { irisColour, linearToSrgb, MOUTH_INTERIOR, PUPIL, regionColours, SCLERA } from './skinTone';
import { evaluateBand } from './textureBands';
import type { TextureModel } from './textureModel';
import { PUPIL_RADIUS_OF_IRIS } from './textureModel';

export interface AlbedoParams {
  gender: Gender;
  ethn: Ethnicity;
  /** Years. */
  age: number;
  /** One array per band of raw N(0, 1) coefficients, `model.components` long each. */
  tex: readonly ArrayLike<number>[];
  /** Iris colour parameter in [0, 1] (default 0: dark brown); see `irisColour`. */
  irisHue?: number;
}

const LUT_STEPS = 4096;
const SRGB_LUT = Uint8ClampedArray.from({ length: LUT_STEPS + 1 }, (_, i) => Math.round(linearToSrgb(i / LUT_STEPS)));
const toByte = (lin: number): number => SRGB_LUT[Math.round(Math.min(1, Math.max(0, lin)) * LUT_STEPS)] ?? 0;

function validate(model: TextureModel, params: AlbedoParams, out: Uint8ClampedArray | undefined): void {
  if (params.tex.length !== model.bands.length)
    throw new TextureModelError(
      `expected ${model.bands.length} bands of texture coefficients, got ${params.tex.length}`,
    );
  params.tex.forEach((band, b) => {
    if (band.length !== model.components)
      throw new TextureModelError(
        `band ${b} has ${band.length} coefficients; the model has ${model.components} per band`,
      );
  });
  if (!Number.isFinite(params.age) || params.age < 0)
    throw new TextureModelError(`age must be a non-negative number of years, got ${params.age}`);
  if (out && out.length !== 4 * model.size * model.size)
    throw new TextureModelError(
      `output buffer holds ${out.length} bytes; a ${model.size}x${model.size} RGBA texture needs ${4 * model.size * model.size}`,
    );
}

/** Sums all bands into model.scratch.full (3 fields of size^2: luminance, red-green, blue-yellow). */
function accumulateBands(model: TextureModel, tex: readonly ArrayLike<number>[], gain: readonly number[]): void {
  const { size } = model;
  const n = size * size;
  const { full, grid: fields, coef } = model.scratch;
  full.fill(0);
  model.bands.forEach((band, b) => {
    const raw = tex[b];
    const g = gain[b] ?? 1;
    let any = false;
    for (let j = 0; j < model.components; j++) {
      coef[j] = (raw?.[j] ?? 0) * (band.sd[j] ?? 0) * g;
      any ||= coef[j] !== 0;
    }
    if (!any) return;
    evaluateBand(band, coef, fields);
    const G = band.grid;
    const taps = model.taps[b];
    for (let d = 0; d < 3; d++) {
      const src = d * G * G;
      const dst = d * n;
      if (!taps) {
        for (let k = 0; k < n; k++) full[dst + k] = (full[dst + k] ?? 0) + (fields[src + k] ?? 0);
        continue;
      }
      const { i0, i1, w } = taps;
      for (let y = 0; y < size; y++) {
        const r0 = src + (i0[y] ?? 0) * G;
        const r1 = src + (i1[y] ?? 0) * G;
        const wy = w[y] ?? 0;
        const row = dst + y * size;
        for (let x = 0; x < size; x++) {
          const a = i0[x] ?? 0;
          const c = i1[x] ?? 0;
          const wx = w[x] ?? 0;
          const top = (fields[r0 + a] ?? 0) + ((fields[r0 + c] ?? 0) - (fields[r0 + a] ?? 0)) * wx;
          const bottom = (fields[r1 + a] ?? 0) + ((fields[r1 + c] ?? 0) - (fields[r1 + a] ?? 0)) * wx;
          full[row + x] = (full[row + x] ?? 0) + top + (bottom - top) * wy;
        }
      }
    }
  });
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** Sclera, iris (darker limbal ring) and pupil at iris-relative radius r, edges `f` soft. */
function eyeColour(r: number, f: number, iris: Rgb, c: number): number {
  const irisW = Math.min(1, Math.max(0, (1 - r) / f + 0.5));
  const pupilW = Math.min(1, Math.max(0, (PUPIL_RADIUS_OF_IRIS - r) / f + 0.5));
  const sclera = SCLERA[c] ?? 0;
  const irisC = (iris[c] ?? 0) * (1 - 0.45 * smoothstep(0.7, 1, r));
  const withIris = sclera + (irisC - sclera) * irisW;
  return withIris + ((PUPIL[c] ?? 0) - withIris) * pupilW;
}

export function renderAlbedo(model: TextureModel, params: AlbedoParams, out?: Uint8ClampedArray): Uint8ClampedArray {
  validate(model, params, out);
  const n = model.size * model.size;
  const result = out ?? new Uint8ClampedArray(4 * n);
  const col = regionColours(params.gender, params.ethn, params.age);
  const iris = irisColour(params.ethn, params.irisHue ?? 0);
  accumulateBands(model, params.tex, col.bandGain);
  const { full } = model.scratch;
  const { cheeks, beard, lips, brows, eyes, mouth } = model.masks;
  const [sr, sg, sb] = col.skin;
  const [cr, cg, cb] = col.cheeks;
  const [br, bg, bb] = col.beard;
  const [lr, lg, lb] = col.lips;
  const [hr, hg, hb] = col.brows;
  for (let k = 0; k < n; k++) {
    const wc = (cheeks[k] ?? 0) * col.cheekStrength;
    const wb = (beard[k] ?? 0) * col.beardStrength;
    const wl = lips[k] ?? 0;
    const wh = (brows[k] ?? 0) * col.browOpacity;
    // Region colours blended in order, then the band offsets as multiplicative factors.
    let r = sr + (cr - sr) * wc;
    let g = sg + (cg - sg) * wc;
    let b = sb + (cb - sb) * wc;
    r += (br - r) * wb;
    g += (bg - g) * wb;
    b += (bb - b) * wb;
    r += (lr - r) * wl;
    g += (lg - g) * wl;
    b += (lb - b) * wl;
    r += (hr - r) * wh;
    g += (hg - g) * wh;
    b += (hb - b) * wh;
    // Colour directions: luminance (1,1,1), red-green (1,-1,0), blue-yellow (1/2,1/2,-1).
    const lum = full[k] ?? 0;
    const rg = full[n + k] ?? 0;
    const by = full[2 * n + k] ?? 0;
    r *= Math.exp(lum + rg + 0.5 * by);
    g *= Math.exp(lum - rg + 0.5 * by);
    b *= Math.exp(lum - by);
    const we = eyes[k] ?? 0;
    if (we > 0) {
      const radius = model.eyeRadius[k] ?? Infinity;
      const feather = model.eyeFeather[k] ?? 1;
      r += (eyeColour(radius, feather, iris, 0) - r) * we;
      g += (eyeColour(radius, feather, iris, 1) - g) * we;
      b += (eyeColour(radius, feather, iris, 2) - b) * we;
    }
    const wm = mouth[k] ?? 0;
    result[4 * k] = toByte(r + (MOUTH_INTERIOR[0] - r) * wm);
    result[4 * k + 1] = toByte(g + (MOUTH_INTERIOR[1] - g) * wm);
    result[4 * k + 2] = toByte(b + (MOUTH_INTERIOR[2] - b) * wm);
    result[4 * k + 3] = 255;
  }
  return result;
}
