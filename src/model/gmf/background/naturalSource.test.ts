import { describe, expect, it } from 'vitest';
import { fft2d } from './fft';
import { naturalSourceSpectra } from './naturalSource';
import { lcg } from '../../../../test/support/backgroundTestUtils';

const SIZE = 32;
const CONTRAST = { mean: 120, luminanceStd: 30, chromaStd: 6 };

function meanAndStd(values: Float64Array): { mean: number; std: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) };
}

describe('naturalSourceSpectra', () => {
  const spectra = naturalSourceSpectra(SIZE, lcg(3), CONTRAST);

  it('has amplitude exactly c f^-1 for luminance and c f^-1.2 for colour', () => {
    for (const [name, exponent] of [
      ['luminance', 1],
      ['redGreen', 1.2],
      ['blueYellow', 1.2],
    ] as const) {
      const { re, im } = spectra[name];
      const constants: number[] = [];
      for (let y = 0; y < SIZE; y++) {
        for (let x = 0; x < SIZE; x++) {
          const f = Math.hypot(Math.min(x, SIZE - x), Math.min(y, SIZE - y));
          if (f > 0) constants.push(Math.hypot(re[y * SIZE + x] ?? 0, im[y * SIZE + x] ?? 0) * f ** exponent);
        }
      }
      const c = constants[0] ?? 0;
      expect(c).toBeGreaterThan(0);
      for (const v of constants) expect(Math.abs(v - c)).toBeLessThan(1e-9 * c);
    }
  });

  it('transforms to real images with the requested mean and contrast (Parseval, checked on pixels)', () => {
    const pixels = (name: keyof typeof spectra): Float64Array => {
      const re = Float64Array.from(spectra[name].re);
      const im = Float64Array.from(spectra[name].im);
      fft2d(re, im, SIZE, SIZE, true);
      expect(Math.max(...im.map(Math.abs))).toBeLessThan(1e-9); // Hermitian spectrum
      return re;
    };
    const luminance = meanAndStd(pixels('luminance'));
    expect(luminance.mean).toBeCloseTo(120, 9);
    expect(luminance.std).toBeCloseTo(30, 9);
    for (const name of ['redGreen', 'blueYellow'] as const) {
      const chroma = meanAndStd(pixels(name));
      expect(chroma.mean).toBeCloseTo(0, 9);
      expect(chroma.std).toBeCloseTo(6, 9);
    }
  });

  it('draws colour phases independently of luminance and of each other', () => {
    const phaseDifference = (a: keyof typeof spectra, b: keyof typeof spectra): number => {
      // Mean cosine of the phase difference over bins: ~0 for independent uniform phases.
      let sum = 0;
      for (let i = 1; i < SIZE * SIZE; i++) {
        const pa = Math.atan2(spectra[a].im[i] ?? 0, spectra[a].re[i] ?? 0);
        const pb = Math.atan2(spectra[b].im[i] ?? 0, spectra[b].re[i] ?? 0);
        sum += Math.cos(pa - pb);
      }
      return sum / (SIZE * SIZE - 1);
    };
    // 1023 bins (about half independent): SD of the mean ~0.03.
    expect(Math.abs(phaseDifference('luminance', 'redGreen'))).toBeLessThan(0.12);
    expect(Math.abs(phaseDifference('luminance', 'blueYellow'))).toBeLessThan(0.12);
    expect(Math.abs(phaseDifference('redGreen', 'blueYellow'))).toBeLessThan(0.12);
    expect(naturalSourceSpectra(SIZE, lcg(3), CONTRAST)).toEqual(spectra);
  });
});
