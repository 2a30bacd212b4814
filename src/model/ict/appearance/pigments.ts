/**
 * Hair and iris colour of an identity. They follow from the identity's own numbers, so a dataset
 * reproduces them and a slider moves them smoothly: hair from texture coefficient 0 of band 4,
 * the iris from coefficient 1 of band 4 (brow density from coefficient 2), each colour mixed with
 * the skin's melanin coefficient (band 0, component 0) because lighter hair and eyes go with
 * lighter skin. The mix goes through the normal CDF to a uniform variate, which picks a colour
 * along an ethnicity's palette.
 * Palettes and proportions are hand designed to match common descriptions: among people of
 * European ancestry brown hair is most common, blond less, red rare, and blue/grey eyes about as
 * common as brown; East Asian and African hair is black to dark brown and their eyes dark brown.
 */
import type { Ethnicity } from '../../gmf/generatorSpec';
import type { Rgb } from './skinColour';
import { srgbByteToLinear } from './skinColour';

type Knot = [at: number, srgb: [number, number, number]];

const HAIR: Record<Ethnicity, Knot[]> = {
  WC: [
    [0, [30, 25, 22]],
    [0.22, [58, 42, 32]],
    [0.5, [98, 70, 50]],
    [0.7, [140, 106, 76]],
    [0.86, [178, 142, 100]],
    [0.96, [212, 182, 136]],
    [0.97, [150, 72, 40]],
    [1, [170, 88, 48]],
  ],
  EA: [
    [0, [22, 19, 18]],
    [0.65, [30, 25, 22]],
    [1, [60, 44, 34]],
  ],
  BA: [
    [0, [20, 17, 16]],
    [0.75, [28, 23, 21]],
    [1, [50, 37, 30]],
  ],
};

const IRIS: Record<Ethnicity, Knot[]> = {
  WC: [
    [0, [60, 36, 20]],
    [0.3, [110, 72, 40]],
    [0.38, [125, 98, 52]],
    [0.48, [110, 118, 66]],
    [0.56, [96, 118, 84]],
    [0.6, [118, 126, 128]],
    [0.7, [116, 130, 140]],
    [0.72, [78, 112, 152]],
    [1, [118, 150, 186]],
  ],
  EA: [
    [0, [42, 26, 16]],
    [1, [88, 56, 32]],
  ],
  BA: [
    [0, [36, 22, 14]],
    [1, [76, 46, 26]],
  ],
};

const GREY_HAIR: [number, number, number] = [178, 176, 172];

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function along(knots: readonly Knot[], u: number): Rgb {
  const at = Math.min(1, Math.max(0, u));
  for (let i = 1; i < knots.length; i++) {
    const [a, ca] = knots[i - 1] ?? [0, [0, 0, 0]];
    const [b, cb] = knots[i] ?? [1, [0, 0, 0]];
    if (at <= b) {
      const t = b > a ? (at - a) / (b - a) : 1;
      return [0, 1, 2].map((c) => srgbByteToLinear((ca[c] ?? 0) + ((cb[c] ?? 0) - (ca[c] ?? 0)) * t)) as Rgb;
    }
  }
  const last = knots[knots.length - 1]?.[1] ?? [0, 0, 0];
  return [srgbByteToLinear(last[0]), srgbByteToLinear(last[1]), srgbByteToLinear(last[2])];
}

/** Mixes an own coefficient with the melanin coefficient into a uniform variate (1 = lightest). */
function variate(own: number, melanin: number): number {
  return normalCdf((own + 0.6 * melanin) / Math.hypot(1, 0.6));
}

export interface Pigments {
  /** Scalp hair colour (linear RGB), greyed with age. */
  hair: Rgb;
  /** Eyebrow colour: the hair's, darker (brows of fair-haired people are darker than their hair), greying later. */
  brows: Rgb;
  iris: Rgb;
  /** Eyebrow density, a factor on the brow's coverage: exp(0.4 x band 4 coefficient 2, clamped to ±2), 0.45..2.2. */
  browDensity: number;
  /** 0..1: how grey the hair is. */
  grey: number;
}

export function identityPigments(ethn: Ethnicity, age: number, tex: readonly ArrayLike<number>[]): Pigments {
  const melanin = tex[0]?.[0] ?? 0;
  const base = along(HAIR[ethn], variate(tex[4]?.[0] ?? 0, melanin));
  const grey = 0.85 * Math.min(1, Math.max(0, (age - 35) / 40)) ** 1.5;
  const greyLin = GREY_HAIR.map(srgbByteToLinear);
  const mix = (c: Rgb, g: number): Rgb =>
    [0, 1, 2].map((i) => (c[i] ?? 0) + ((greyLin[i] ?? 0) - (c[i] ?? 0)) * g) as Rgb;
  return {
    hair: mix(base, grey),
    brows: mix([base[0] * 0.6, base[1] * 0.6, base[2] * 0.6], 0.45 * grey),
    iris: along(IRIS[ethn], variate(tex[4]?.[1] ?? 0, melanin)),
    grey,
    browDensity: Math.exp(0.4 * Math.min(2, Math.max(-2, tex[4]?.[2] ?? 0))),
  };
}
