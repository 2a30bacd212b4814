import { describe, expect, it } from 'vitest';
import { normalCdf } from './pigments';
import {
  CHROMOPHORE_DIRECTIONS,
  ETHNIC_MEAN_LAB,
  labToLinearRgb,
  linearRgbToLab,
  srgbByteToLinear,
  toSrgbByte,
  typologyAngle,
} from './skinColour';

describe('CIELAB conversions', () => {
  it('match published reference values (sRGB red, D65 white, mid grey)', () => {
    // sRGB (255, 0, 0) is L* 53.24, a* 80.09, b* 67.20 (D65; e.g. Lindbloom's calculator).
    const red = linearRgbToLab([1, 0, 0]);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
    const white = labToLinearRgb([100, 0, 0]);
    for (const c of white) expect(c).toBeCloseTo(1, 3);
    // L* 50 is Y = ((50 + 16) / 116)^3 = 0.18419.
    for (const c of labToLinearRgb([50, 0, 0])) expect(c).toBeCloseTo(0.18419, 4);
  });

  it('round-trips the ethnic means', () => {
    for (const lab of Object.values(ETHNIC_MEAN_LAB)) {
      const back = linearRgbToLab(labToLinearRgb(lab));
      // The published 7-digit matrices invert each other to about 1e-6.
      back.forEach((v, i) => {
        expect(v).toBeCloseTo(lab[i] ?? 0, 4);
      });
    }
  });
});

describe('skin-tone model', () => {
  it('puts the ethnic means in Chardon et al.’s ITA classes: WC light, EA intermediate, BA brown', () => {
    expect(typologyAngle(ETHNIC_MEAN_LAB.WC)).toBeGreaterThan(41);
    expect(typologyAngle(ETHNIC_MEAN_LAB.WC)).toBeLessThanOrEqual(55);
    expect(typologyAngle(ETHNIC_MEAN_LAB.EA)).toBeGreaterThan(28);
    expect(typologyAngle(ETHNIC_MEAN_LAB.EA)).toBeLessThanOrEqual(41);
    expect(typologyAngle(ETHNIC_MEAN_LAB.BA)).toBeGreaterThan(-30);
    expect(typologyAngle(ETHNIC_MEAN_LAB.BA)).toBeLessThanOrEqual(10);
  });

  it('darkens along the measured locus, not as a grey scale: blue drops most', () => {
    const [r, g, b] = CHROMOPHORE_DIRECTIONS[0];
    expect(b).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(r);
    // One unit moves log luminance by about one.
    const light = labToLinearRgb(ETHNIC_MEAN_LAB.WC);
    const y = (c: readonly number[]): number =>
      0.2126729 * (c[0] ?? 0) + 0.7151522 * (c[1] ?? 0) + 0.072175 * (c[2] ?? 0);
    const darker = light.map((c, i) => c * Math.exp(-0.1 * (CHROMOPHORE_DIRECTIONS[0][i] ?? 0)));
    expect(Math.log(y(light) / y(darker))).toBeCloseTo(0.1, 2);
  });
});

describe('helpers', () => {
  it('sRGB table is within one code value of the exact transfer function', () => {
    for (let i = 0; i <= 255; i++) expect(Math.abs(toSrgbByte(srgbByteToLinear(i)) - i)).toBeLessThanOrEqual(1);
  });

  it('normalCdf matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
  });
});
