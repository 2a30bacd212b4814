import { describe, expect, it } from 'vitest';
import { GmfError } from '../../../lib/errors';
import { fft1d, fft2d } from './fft';
import { lcg, maxAbsDiff, naiveDft2d } from '../../../../test/support/backgroundTestUtils';

function randomArray(n: number, uniform: () => number): Float64Array {
  return Float64Array.from({ length: n }, () => uniform() * 2 - 1);
}

describe('fft', () => {
  it('matches a naive DFT in 1-D (n = 64)', () => {
    const u = lcg(1);
    const re = randomArray(64, u);
    const im = randomArray(64, u);
    const expected = naiveDft2d(re, im, 64, 1);
    fft1d(re, im, false);
    expect(maxAbsDiff(re, expected.re)).toBeLessThan(1e-9);
    expect(maxAbsDiff(im, expected.im)).toBeLessThan(1e-9);
  });

  it('matches a naive DFT in 2-D (16 x 8)', () => {
    const u = lcg(2);
    const re = randomArray(128, u);
    const im = randomArray(128, u);
    const expected = naiveDft2d(re, im, 16, 8);
    fft2d(re, im, 16, 8, false);
    expect(maxAbsDiff(re, expected.re)).toBeLessThan(1e-9);
    expect(maxAbsDiff(im, expected.im)).toBeLessThan(1e-9);
  });

  it('inverts its forward transform (1-D and 2-D)', () => {
    const u = lcg(3);
    const re = randomArray(256, u);
    const im = randomArray(256, u);
    const re0 = Float64Array.from(re);
    const im0 = Float64Array.from(im);
    fft1d(re, im, false);
    fft1d(re, im, true);
    expect(maxAbsDiff(re, re0)).toBeLessThan(1e-12);
    expect(maxAbsDiff(im, im0)).toBeLessThan(1e-12);
    fft2d(re, im, 32, 8, false);
    expect(maxAbsDiff(re, re0)).toBeGreaterThan(1e-3); // the forward pass really changed it
    fft2d(re, im, 32, 8, true);
    expect(maxAbsDiff(re, re0)).toBeLessThan(1e-12);
    expect(maxAbsDiff(im, im0)).toBeLessThan(1e-12);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => {
      fft1d(new Float64Array(12), new Float64Array(12), false);
    }).toThrow(GmfError);
    expect(() => {
      fft2d(new Float64Array(48), new Float64Array(48), 6, 8, false);
    }).toThrow(/power of two/);
    expect(() => {
      fft2d(new Float64Array(10), new Float64Array(10), 8, 2, false);
    }).toThrow(/needs 16 values/);
  });
});
