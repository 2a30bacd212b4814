import { describe, expect, it } from 'vitest';
import { GmfError } from '../../../lib/errors';
import { fft2d } from './fft';
import { randomPhaseField } from './phaseScramble';
import { midFrequencies, radialPowerSlope } from './spectrum';
import { lcg } from '../../../../test/support/backgroundTestUtils';

/** Multiplies a spectrum (fft2d layout) by f^-alpha/2, so power goes as f^-alpha; DC set to 0. */
function shapeSpectrum(re: Float64Array, im: Float64Array, size: number, alpha: number): void {
  for (let y = 0; y < size; y++) {
    const fy = y <= size / 2 ? y : y - size;
    for (let x = 0; x < size; x++) {
      const fx = x <= size / 2 ? x : x - size;
      const f = Math.hypot(fx, fy);
      const gain = f === 0 ? 0 : f ** (-alpha / 2);
      re[y * size + x] = (re[y * size + x] ?? 0) * gain;
      im[y * size + x] = (im[y * size + x] ?? 0) * gain;
    }
  }
}

/** White Gaussian noise (Box-Muller) filtered to power ~ f^-alpha: a realisation, so its slope scatters. */
function gaussianPowerLawNoise(size: number, alpha: number, uniform: () => number): Float64Array {
  const re = Float64Array.from({ length: size * size }, () => {
    return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  });
  const im = new Float64Array(size * size);
  fft2d(re, im, size, size, false);
  shapeSpectrum(re, im, size, alpha);
  fft2d(re, im, size, size, true);
  return re;
}

/** Amplitude exactly f^-alpha/2 with random phases: no scatter, so the slope is -alpha up to binning. */
function exactPowerLawImage(size: number, alpha: number, uniform: () => number): Float64Array {
  const phase = randomPhaseField(size, size, uniform);
  const re = phase.map(Math.cos);
  const im = phase.map(Math.sin);
  shapeSpectrum(re, im, size, alpha);
  fft2d(re, im, size, size, true);
  return re;
}

describe('radialPowerSlope', () => {
  // One realisation scatters (SD ~0.06 at 256 px: the annuli near 2 cycles/image hold 8-24 bins),
  // and the log of a few bins' mean power reads ~0.03 flatter; the mean of 8 is well within 0.1.
  it('measures -alpha on Gaussian noise with power ~ f^-alpha (alpha = 1, 2, 3), averaged over 8 images', () => {
    for (const alpha of [1, 2, 3]) {
      const u = lcg(100 + alpha);
      let sum = 0;
      for (let k = 0; k < 8; k++) sum += radialPowerSlope(gaussianPowerLawNoise(256, alpha, u), 256);
      expect(Math.abs(sum / 8 + alpha)).toBeLessThan(0.1);
    }
  });

  it('measures -alpha within 0.02 on exact power laws at 64, 128 and 256 px', () => {
    for (const size of [64, 128, 256]) {
      for (const alpha of [1, 2, 3]) {
        const slope = radialPowerSlope(exactPowerLawImage(size, alpha, lcg(size + alpha)), size);
        expect(Math.abs(slope + alpha)).toBeLessThan(0.02);
      }
    }
  });

  it('ignores mean and contrast (a log-log slope), and sees white noise as flat', () => {
    const image = exactPowerLawImage(64, 2, lcg(9));
    const slope = radialPowerSlope(image, 64);
    expect(
      radialPowerSlope(
        image.map((v) => 100 + 3 * v),
        64,
      ),
    ).toBeCloseTo(slope, 9);
    const u = lcg(10);
    const white = Float64Array.from({ length: 256 * 256 }, () => u() - 0.5);
    expect(Math.abs(radialPowerSlope(white, 256))).toBeLessThan(0.1);
  });

  it('fits 2 cycles/image to size/4 by default and rejects bad input with typed errors', () => {
    expect(midFrequencies(256)).toEqual({ minCycles: 2, maxCycles: 64 });
    expect(() => radialPowerSlope(new Float64Array(10), 4)).toThrow(GmfError);
    expect(() => radialPowerSlope(new Float64Array(64 * 64), 64, { minCycles: 4, maxCycles: 6 })).toThrow(/octave/);
    expect(() => radialPowerSlope(new Float64Array(64 * 64).fill(7), 64)).toThrow(/no power/);
  });
});
