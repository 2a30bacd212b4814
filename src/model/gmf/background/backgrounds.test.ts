import { describe, expect, it } from 'vitest';
import { BACKGROUND_COUNT, renderBackground } from './backgrounds';
import { fft2d } from './fft';
import { lcg } from '../../../../test/support/backgroundTestUtils';

/** Least-squares slope of log(amplitude) against log(frequency), radially averaged. */
function spectralSlope(rgba: Uint8ClampedArray, size: number): number {
  const re = new Float64Array(size * size);
  for (let i = 0; i < re.length; i++) {
    re[i] = 0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0);
  }
  const im = new Float64Array(size * size);
  fft2d(re, im, size, size, false);
  const sums = new Float64Array(size);
  const counts = new Float64Array(size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const fx = x <= size / 2 ? x : x - size;
      const fy = y <= size / 2 ? y : y - size;
      const f = Math.round(Math.hypot(fx, fy));
      if (f < 1 || f >= size / 2) continue;
      sums[f] = (sums[f] ?? 0) + Math.hypot(re[y * size + x] ?? 0, im[y * size + x] ?? 0);
      counts[f] = (counts[f] ?? 0) + 1;
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let f = 2; f < size / 2; f++) {
    xs.push(Math.log(f));
    ys.push(Math.log((sums[f] ?? 0) / (counts[f] ?? 1)));
  }
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] ?? 0) - my);
    sxx += (x - mx) ** 2;
  });
  return sxy / sxx;
}

describe('renderBackground', () => {
  it('returns opaque RGBA of the requested size', () => {
    const rgba = renderBackground(3, 64, lcg(3));
    expect(rgba.length).toBe(64 * 64 * 4);
    for (let i = 3; i < rgba.length; i += 4) expect(rgba[i]).toBe(255);
    // Not a flat image: the colour channels vary.
    expect(new Set(rgba.filter((_, i) => i % 4 === 0)).size).toBeGreaterThan(20);
  });

  it('validates the index and size', () => {
    expect(BACKGROUND_COUNT).toBe(256);
    expect(() => renderBackground(256, 64, lcg(1))).toThrow(/0 to 255/);
    expect(() => renderBackground(-1, 64, lcg(1))).toThrow(/0 to 255/);
    expect(() => renderBackground(1.5, 64, lcg(1))).toThrow(/integer/);
    expect(() => renderBackground(0, 100, lcg(1))).toThrow(/power of two/);
    expect(() => renderBackground(255, 8, lcg(1))).not.toThrow();
  });

  it('is deterministic per index and uniform sequence, and differs between indices', () => {
    const a = renderBackground(5, 64, lcg(5));
    expect(renderBackground(5, 64, lcg(5))).toEqual(a);
    expect(renderBackground(6, 64, lcg(6))).not.toEqual(a);
    expect(renderBackground(6, 64, lcg(5))).not.toEqual(a); // index matters even on one stream
  });

  it('has a natural-image-like spectrum (log-log slope between -2.5 and -0.5)', () => {
    for (const index of [0, 17, 200]) {
      const slope = spectralSlope(renderBackground(index, 128, lcg(1000 + index)), 128);
      expect(slope).toBeGreaterThan(-2.5);
      expect(slope).toBeLessThan(-0.5);
    }
  });

  // Its time is reported by `npm run bench:render` (model_stages).
  it('renders a 256 x 256 background', () => {
    const rgba = renderBackground(42, 256, lcg(42));
    expect(rgba.length).toBe(256 * 256 * 4);
  });
});
