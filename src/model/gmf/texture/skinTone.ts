/**
 * Skin-tone model: region colours (linear RGB, 0..1) as a function of gender, ethnicity and age.
 * All numbers are HAND DESIGNED (not fitted to any data): plausible averages chosen so that,
 * for zero texture coefficients, skin luminance orders WC > EA > BA; men are slightly darker and
 * redder and get a beard shadow; ageing (25 -> 80 years) darkens and yellows the skin, lowers the
 * contrast and saturation of lips and cheeks, greys the brows, and raises the amplitude of the
 * high-frequency bands (wrinkles, spots).
 */
import type { Ethnicity, Gender } from '../demographics/categories';
export type Rgb = [number, number, number];

export function srgbToLinear(c8: number): number {
  const c = c8 / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function linearToSrgb(lin: number): number {
  const c = Math.min(1, Math.max(0, lin));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
}

const fromSrgb = (r: number, g: number, b: number): Rgb => [srgbToLinear(r), srgbToLinear(g), srgbToLinear(b)];
const mul = (a: Rgb, b: Rgb): Rgb => [a[0] * b[0], a[1] * b[1], a[2] * b[2]];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

/** Base skin albedo (sRGB 8-bit, young adult female) per ethnicity. */
const SKIN: Record<Ethnicity, Rgb> = {
  WC: fromSrgb(226, 186, 162),
  EA: fromSrgb(214, 174, 138),
  BA: fromSrgb(132, 90, 68),
};
/** Brow hair colour per ethnicity (dark brown to near black). */
const BROW: Record<Ethnicity, Rgb> = {
  WC: fromSrgb(78, 58, 44),
  EA: fromSrgb(40, 32, 28),
  BA: fromSrgb(30, 24, 22),
};
const GREY_HAIR = fromSrgb(150, 146, 142);
/** Multipliers on skin: men slightly darker and redder; lips redder and darker; cheeks rosier. */
const MALE_TINT: Rgb = [0.96, 0.9, 0.88];
const LIP_TINT: Rgb = [0.82, 0.45, 0.5];
const CHEEK_TINT: Rgb = [1.0, 0.84, 0.84];
/** Beard shadow: a bluish-grey darkening of the skin. */
const BEARD_TINT: Rgb = [0.7, 0.72, 0.8];
const OLD_SKIN_TINT: Rgb = [0.93, 0.9, 0.8];

export const SCLERA = fromSrgb(236, 230, 222);
export const PUPIL = fromSrgb(12, 10, 10);
export const MOUTH_INTERIOR = fromSrgb(72, 24, 22);

export interface RegionColours {
  skin: Rgb;
  lips: Rgb;
  brows: Rgb;
  cheeks: Rgb;
  beard: Rgb;
  /** Opacity of each overlay on skin (0..1). */
  browOpacity: number;
  cheekStrength: number;
  beardStrength: number;
  /** Gain on each band's coefficients (1 at age 25; high bands grow with age). */
  bandGain: [number, number, number, number, number];
}

/** 0 at 25 years or younger, 1 at 80 or older. */
export function ageFactor(age: number): number {
  return Math.min(1, Math.max(0, (age - 25) / 55));
}

export function regionColours(gender: Gender, ethn: Ethnicity, age: number): RegionColours {
  const t = ageFactor(age);
  const male = gender === 'M';
  let skin = SKIN[ethn];
  if (male) skin = mul(skin, MALE_TINT);
  skin = mix(skin, mul(skin, OLD_SKIN_TINT), t);
  // Lower saturation with age: lip and cheek tints fade towards the skin colour.
  const lips = mix(mul(skin, LIP_TINT), skin, 0.35 * t);
  const cheeks = mix(mul(skin, CHEEK_TINT), skin, 0.4 * t);
  return {
    skin,
    lips,
    brows: mix(BROW[ethn], GREY_HAIR, 0.6 * t),
    cheeks,
    beard: mul(skin, BEARD_TINT),
    browOpacity: 0.85 - 0.15 * t,
    cheekStrength: male ? 0.5 : 0.7,
    beardStrength: male ? 0.45 : 0,
    bandGain: [1, 1, 1 + 0.3 * t, 1 + 0.8 * t, 1 + 1.2 * t],
  };
}

/**
 * Iris colour from a parameter in [0, 1] (the sampler draws it uniformly). Brown shades for
 * most; for WC the upper range gives hazel/green (0.55..0.75) and blue/grey (0.75..1).
 */
export function irisColour(ethn: Ethnicity, irisHue: number): Rgb {
  const h = Math.min(1, Math.max(0, irisHue));
  const darkBrown = fromSrgb(58, 36, 22);
  const brown = fromSrgb(110, 70, 40);
  if (ethn !== 'WC') return mix(darkBrown, brown, 0.6 * h);
  if (h < 0.55) return mix(darkBrown, brown, h / 0.55);
  if (h < 0.75) return mix(fromSrgb(120, 100, 50), fromSrgb(95, 120, 80), (h - 0.55) / 0.2);
  return mix(fromSrgb(90, 120, 150), fromSrgb(120, 135, 145), (h - 0.75) / 0.25);
}
