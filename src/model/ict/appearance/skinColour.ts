/**
 * Skin colour of the scan-based model, in CIELAB (D65) and in linear sRGB reflectance.
 *
 * Ethnic means are facial (cheek/forehead) colours chosen inside the ranges reported by
 * Xiao et al. 2017 (Skin Res Technol 23:21, spectrophotometry of Caucasian, Chinese, Kurdish and
 * Thai faces: similar redness a*, higher yellowness b* for East Asian than for Caucasian skin) and
 * for African skin by studies that classify it with Chardon et al.'s (1991) individual typology
 * angle, ITA = atan((L* - 50) / b*): WC lands in "light" (ITA 47°), EA in "intermediate" (34°),
 * BA in "brown" (-22°). Individual variation is not a tint: texture coefficients move the colour
 * along chromophore directions in log reflectance (melanin, haemoglobin, carotene), the
 * decomposition of skin colour that Tsumura et al. 2003 (SIGGRAPH) found in real skin images.
 * The melanin direction is the log-RGB difference between the light and the dark means, so
 * darkening follows the measured locus from light to dark skin instead of scaling all channels.
 * Gender and age offsets are hand designed (men slightly darker and redder; with age skin darkens
 * and yellows, as de Rigal et al. 2010 report for four ethnic groups).
 */
import type { Ethnicity, Gender } from '../../gmf/generatorSpec';

export type Rgb = [number, number, number];
export type Lab = [number, number, number];

const WHITE: Rgb = [0.95047, 1, 1.08883];

/** CIELAB (D65) to linear sRGB; out-of-gamut values are left unclamped. */
export function labToLinearRgb([l, a, b]: Lab): Rgb {
  const fy = (l + 16) / 116;
  const f = [fy + a / 500, fy, fy - b / 200];
  const [x = 0, y = 0, z = 0] = f.map(
    (t, i) => (WHITE[i] ?? 1) * (t > 6 / 29 ? t ** 3 : 3 * (6 / 29) ** 2 * (t - 4 / 29)),
  );
  return [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
}

/** Linear sRGB to CIELAB (D65). */
export function linearRgbToLab([r, g, b]: Rgb): Lab {
  const xyz = [
    0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
    0.2126729 * r + 0.7151522 * g + 0.072175 * b,
    0.0193339 * r + 0.119192 * g + 0.9503041 * b,
  ];
  const [fx = 0, fy = 0, fz = 0] = xyz.map((t, i) => {
    const q = t / (WHITE[i] ?? 1);
    return q > (6 / 29) ** 3 ? Math.cbrt(q) : q / (3 * (6 / 29) ** 2) + 4 / 29;
  });
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Chardon et al.'s individual typology angle in degrees (higher is lighter). */
export function typologyAngle([l, , b]: Lab): number {
  return (Math.atan2(l - 50, b) * 180) / Math.PI;
}

/** Facial skin colour of a young adult woman, per ethnicity (CIELAB D65). */
export const ETHNIC_MEAN_LAB: Readonly<Record<Ethnicity, Lab>> = {
  WC: [66, 11, 15],
  EA: [62, 10, 18],
  BA: [43, 10, 17],
};

/**
 * How far one unit of the melanin coefficient moves each group: within-group spread of L* is
 * about 3.5 (WC), 3 (EA) and 5.5 (BA) units in the colorimetry above, and one log unit of
 * reflectance is worth fewer L* units in dark skin, hence the larger gain for BA.
 */
export const MELANIN_GAIN: Readonly<Record<Ethnicity, number>> = { WC: 1, EA: 0.9, BA: 2.1 };

const log3 = (c: Rgb): Rgb => [Math.log(c[0]), Math.log(c[1]), Math.log(c[2])];
const luminance = (c: Rgb): number => 0.2126729 * c[0] + 0.7151522 * c[1] + 0.072175 * c[2];

/** Log-RGB change per unit log-luminance change along the light-to-dark skin locus (lighter = +). */
function melaninDirection(): Rgb {
  const light = labToLinearRgb(ETHNIC_MEAN_LAB.WC);
  const dark = labToLinearRgb(ETHNIC_MEAN_LAB.BA);
  const dl = log3(light);
  const dd = log3(dark);
  const dy = Math.log(luminance(light) / luminance(dark));
  return [(dl[0] - dd[0]) / dy, (dl[1] - dd[1]) / dy, (dl[2] - dd[2]) / dy];
}

/**
 * Colour directions of the texture components (log linear RGB per unit coefficient x sd):
 * 0 melanin (lighter/darker along the skin locus), 1 haemoglobin (blood absorbs green and blue:
 * pinker/paler), 2 carotene (absorbs blue: yellower/bluer). Hand designed from the absorption
 * spectra's shapes, not fitted.
 */
export const CHROMOPHORE_DIRECTIONS: readonly [Rgb, Rgb, Rgb] = [
  melaninDirection(),
  [0.1, -0.55, -0.35],
  [0.1, 0, -0.7],
];

/** 0 at 25 years or younger, 1 at 80 or older. */
export function ageFactor(age: number): number {
  return Math.min(1, Math.max(0, (age - 25) / 55));
}

/** Mean skin colour (before texture coefficients) for a gender, ethnicity and age. */
export function meanSkinLab(gender: Gender, ethn: Ethnicity, age: number): Lab {
  const [l, a, b] = ETHNIC_MEAN_LAB[ethn];
  const t = ageFactor(age);
  const male = gender === 'M' ? 1 : 0;
  return [l - 3 * male - 3 * t, a + 2 * male, b + 2.5 * t];
}

/** sRGB transfer function, 0..1 linear to 0..255. */
export function linearToSrgbByte(lin: number): number {
  const c = Math.min(1, Math.max(0, lin));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
}

/** 0..255 sRGB to linear 0..1. */
export function srgbByteToLinear(c8: number): number {
  const c = c8 / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export const LUT_STEPS = 4096;
/** sRGB byte of linear i / LUT_STEPS. */
export const SRGB_LUT = Uint8ClampedArray.from({ length: LUT_STEPS + 1 }, (_, i) =>
  Math.round(linearToSrgbByte(i / LUT_STEPS)),
);

/** Fast linear 0..1 to sRGB byte (a 4096-step table; at most one code value off). */
export function toSrgbByte(lin: number): number {
  return SRGB_LUT[Math.round(Math.min(1, Math.max(0, lin)) * LUT_STEPS)] ?? 0;
}
