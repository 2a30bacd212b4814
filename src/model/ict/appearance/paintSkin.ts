/**
 * Paints one identity's skin atlas (RGBA, sRGB bytes, rows bottom-up).
 * Order, in linear RGB: mean tone (skinColour.ts) -> regional log offsets (cheeks, nose, ears,
 * lids, beard shadow, wrinkles, spots) -> overlays blended by their masks (lips, lid margins,
 * lash line, crease, brows, nostrils) -> times exp(texture components along the chromophore
 * directions), applied last and everywhere, so a texel's log colour is exactly linear in every
 * texture coefficient -> sRGB. Mouth and eye sockets get fixed colours; charts are padded.
 */
import type { Ethnicity, Gender } from '../../gmf/generatorSpec';
import type { AgeMarks } from './ageMarks';
import { ageRamp } from './ageMarks';
import type { BrowCoverage } from './browStrokes';
import type { Pigments } from './pigments';
import { addBandFields, GLOBAL_TONE_COMPONENTS, type SkinBands } from './skinBands';
import {
  ageFactor,
  CHROMOPHORE_DIRECTIONS,
  labToLinearRgb,
  LUT_STEPS,
  MELANIN_GAIN,
  meanSkinLab,
  type Rgb,
  SRGB_LUT,
  srgbByteToLinear,
  toSrgbByte,
} from './skinColour';
import type { SkinRegions } from './skinRegions';
import type { SparseField } from './sparseField';
import { padChart, type SurfaceMap } from './surfaceMap';

type Channels = [Float32Array, Float32Array, Float32Array];

export interface SkinAtlasModel {
  map: SurfaceMap;
  /** Covered texels of the face and head/neck groups (textured skin). */
  skinTexels: Uint32Array;
  mouthSocket: Uint32Array;
  eyeSockets: Uint32Array;
  bands: SkinBands;
  regions: SkinRegions;
  age: AgeMarks;
  brows: BrowCoverage;
  scratch: { chromophores: Channels; rgb: Channels };
}

export interface SkinIdentity {
  gender: Gender;
  ethn: Ethnicity;
  age: number;
  tex: readonly ArrayLike<number>[];
}

/**
 * Lip colour relative to the surrounding skin (linear RGB factors) per ethnicity, for women; men's
 * lips are less red. Lips are redder and darker than the skin around them; in dark skin they are
 * mostly darker, with a purplish cast. Women's faces have more contrast between lips, eyes and skin
 * than men's (Russell 2009, Perception 38:1211), without make-up: hence the sexed lip and lid tints.
 */
const LIP_TINT: Record<Ethnicity, Rgb> = { WC: [0.86, 0.5, 0.57], EA: [0.86, 0.51, 0.57], BA: [0.76, 0.43, 0.53] };
const MALE_LIP_TINT: Rgb = [1.02, 1.14, 1.1];
/** Lid and under-eye shade (melanin log units; Russell 2009: darker eye region in women). */
const LID_SHADE: Record<Gender, number> = { F: -0.2, M: -0.1 };
/** Upper-lid crease strength: East Asian lids often have a low or no crease. */
const CREASE: Record<Ethnicity, number> = { WC: 0.32, EA: 0.14, BA: 0.28 };
const LASH: Rgb = [0.012, 0.01, 0.009];
const NOSTRIL: Rgb = [0.03, 0.012, 0.012];
const MOUTH_SOCKET = [72, 22, 24].map(srgbByteToLinear) as Rgb;
const EYE_SOCKET = [120, 52, 50].map(srgbByteToLinear) as Rgb;
/** Beard shadow in log RGB: darker, most in red, so it reads blue-grey on every skin tone. */
const BEARD_LOG: Rgb = [-0.34, -0.28, -0.18];
const WRINKLE_LOG: Rgb = [-0.7, -0.8, -0.8];
const BLACK: Rgb = [0, 0, 0];
const LIP_INNER: Rgb = [0.72, 0.58, 0.62];
const LID_MARGIN: Rgb = [0.9, 0.55, 0.55];

/** rgb[k] *= exp(amount x value x direction), on the field's texels only. */
function tint(field: SparseField, amount: number, direction: Rgb, rgb: Channels, ramp?: (i: number) => number): void {
  if (amount === 0) return;
  const { index, value } = field;
  const [r, g, b] = rgb;
  const [dr, dg, db] = direction;
  for (let i = 0; i < index.length; i++) {
    const k = index[i] ?? 0;
    const a = amount * (value[i] ?? 0) * (ramp ? ramp(i) : 1);
    r[k] = (r[k] ?? 0) * Math.exp(a * dr);
    g[k] = (g[k] ?? 0) * Math.exp(a * dg);
    b[k] = (b[k] ?? 0) * Math.exp(a * db);
  }
}

/** rgb[k] = mix(rgb[k], target, weight x value), target = rgb[k] x `scale` + `offset` per channel. */
function blend(field: SparseField, weight: number, rgb: Channels, scale: Rgb, offset: Rgb = [0, 0, 0]): void {
  const { index, value } = field;
  for (let c = 0; c < 3; c++) {
    const o = rgb[c];
    if (!o) continue;
    const sc = scale[c] ?? 1;
    const of = offset[c] ?? 0;
    for (let i = 0; i < index.length; i++) {
      const k = index[i] ?? 0;
      const w = Math.min(1, weight * (value[i] ?? 0));
      const x = o[k] ?? 0;
      o[k] = x + (x * sc + of - x) * w;
    }
  }
}

/** The identity's global tone components (melanin with its ethnic gain, haemoglobin, carotene), log units. */
function globalTone(identity: SkinIdentity, sd: Float32Array | undefined): number[] {
  const global = Array.from({ length: GLOBAL_TONE_COMPONENTS }, (_, j) => (identity.tex[0]?.[j] ?? 0) * (sd?.[j] ?? 0));
  global[0] = (global[0] ?? 0) * MELANIN_GAIN[identity.ethn];
  return global;
}

export function paintSkin(model: SkinAtlasModel, identity: SkinIdentity, pigments: Pigments): Uint8ClampedArray {
  const { map, regions, age: marks } = model;
  const n = map.size * map.size;
  const out = new Uint8ClampedArray(4 * n);
  const t = ageFactor(identity.age);
  const male = identity.gender === 'M';
  const [mel, hb] = CHROMOPHORE_DIRECTIONS;
  const tone = labToLinearRgb(meanSkinLab(identity.gender, identity.ethn, identity.age));

  // Mean tone, then regional tints (sparse, multiplicative).
  const rgb = model.scratch.rgb;
  const [rr, rg, rb] = rgb;
  for (const k of model.skinTexels) {
    rr[k] = tone[0];
    rg[k] = tone[1];
    rb[k] = tone[2];
  }
  tint(regions.cheeks, (male ? 0.16 : 0.22) * (1 - 0.4 * t), hb, rgb);
  tint(regions.nose, 0.18, hb, rgb);
  tint(regions.ears, 0.25, hb, rgb);
  tint(regions.lidShade, LID_SHADE[identity.gender] - 0.2 * t, mel, rgb);
  if (male) tint(regions.beard, 1.2 - 0.5 * t, BEARD_LOG, rgb);
  tint(marks.wrinkles, 1, WRINKLE_LOG, rgb, (i) => ageRamp(identity.age, marks.wrinkles.onset[i] ?? 0));
  tint(marks.spots, -0.9, mel, rgb, (i) => ageRamp(identity.age, marks.spots.onset[i] ?? 0));

  // Overlays, blended in linear RGB.
  const lipTint = LIP_TINT[identity.ethn].map((c, i) => {
    const sexed = male ? Math.min(1, c * (MALE_LIP_TINT[i] ?? 1)) : c;
    return sexed + (1 - sexed) * 0.35 * t;
  }) as Rgb;
  blend(regions.lips, 1, rgb, lipTint);
  blend(regions.lipInner, 0.8, rgb, LIP_INNER);
  blend(regions.lipBorder, 0.25, rgb, BLACK);
  blend(regions.lipRoll, 0.12, rgb, [2, 2, 2]);
  blend(regions.lidMargin, 0.9, rgb, LID_MARGIN);
  blend(regions.crease, CREASE[identity.ethn] * (1 + 0.5 * t), rgb, BLACK);
  blend(regions.lashLine, 0.9, rgb, BLACK, LASH);
  // Coverage is averaged over a texel (~0.7 mm, several hairs): 1.5x makes the brow read as dense hair
  // (women's brows a little sparser); the density varies per identity (pigments.ts).
  blend(male ? model.brows.M : model.brows.F, (male ? 1.5 : 1.25) * pigments.browDensity, rgb, BLACK, pigments.brows);
  blend(regions.nostrils, 0.95, rgb, BLACK, NOSTRIL);

  // Texture components: global tone everywhere, bands inside their square.
  const chromo = model.scratch.chromophores;
  for (const f of chromo) f.fill(0);
  const gain = [1, 1, 1 + 0.4 * t, 1 + 0.8 * t, 1 + 1.2 * t];
  addBandFields(model.bands, identity.tex, gain, chromo);
  const global = globalTone(identity, model.bands.sd[0]);
  const [d0, d1, d2] = CHROMOPHORE_DIRECTIONS;
  const [c0, c1, c2] = model.scratch.chromophores;
  const [g0 = 0, g1 = 0, g2 = 0] = global;
  const lut = SRGB_LUT;
  const steps = LUT_STEPS;
  for (const k of model.skinTexels) {
    const m0 = g0 + (c0[k] ?? 0);
    const m1 = g1 + (c1[k] ?? 0);
    const m2 = g2 + (c2[k] ?? 0);
    const r = (rr[k] ?? 0) * Math.exp(m0 * d0[0] + m1 * d1[0] + m2 * d2[0]);
    const g = (rg[k] ?? 0) * Math.exp(m0 * d0[1] + m1 * d1[1] + m2 * d2[1]);
    const b = (rb[k] ?? 0) * Math.exp(m0 * d0[2] + m1 * d1[2] + m2 * d2[2]);
    const o = 4 * k;
    out[o] = lut[Math.round((r < 1 ? (r > 0 ? r : 0) : 1) * steps)] ?? 0;
    out[o + 1] = lut[Math.round((g < 1 ? (g > 0 ? g : 0) : 1) * steps)] ?? 0;
    out[o + 2] = lut[Math.round((b < 1 ? (b > 0 ? b : 0) : 1) * steps)] ?? 0;
    out[o + 3] = 255;
  }
  const paint = (texels: Uint32Array, colour: Rgb): void => {
    for (const k of texels) {
      for (let c = 0; c < 3; c++) out[4 * k + c] = toSrgbByte(colour[c] ?? 0);
      out[4 * k + 3] = 255;
    }
  };
  paint(model.mouthSocket, MOUTH_SOCKET);
  paint(model.eyeSockets, EYE_SOCKET);
  padChart(map, out);
  return out;
}
