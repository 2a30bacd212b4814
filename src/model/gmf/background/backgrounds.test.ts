import { describe, expect, it } from 'vitest';
import { BACKGROUND_COUNT, renderBackground } from './backgrounds';
import { toOpponent } from './colour';
import { radialPowerSlope } from './spectrum';
import { lcg } from '../../../../test/support/backgroundTestUtils';

/** RMS contrast of a channel: its standard deviation over the mean luminance. */
function rmsContrast(values: Float64Array, meanLuminance: number): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length) / meanLuminance;
}

const SIZES = [64, 128, 256];
const INDICES = [0, 17, 100, 200, 255];

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
    const big = renderBackground(200, 256, lcg(9));
    const again = renderBackground(200, 256, lcg(9));
    expect(big.every((v, i) => v === again[i])).toBe(true); // toEqual on 262,144 values is slow
  });

  // Natural images have power ~ 1/f^2; the old dead-leaves backgrounds measured -1.1 to -2.3 (64 px).
  it('has a luminance power-spectrum slope of -2 +/- 0.3 at every output size', () => {
    for (const size of SIZES) {
      for (const index of INDICES) {
        const { luminance } = toOpponent(renderBackground(index, size, lcg(1000 + index)));
        expect(Math.abs(radialPowerSlope(luminance, size) + 2)).toBeLessThan(0.3);
      }
    }
  });

  it('has muted, low-contrast colour whose spectrum falls at least as fast as luminance (no speckle)', () => {
    for (const size of SIZES) {
      for (const index of INDICES) {
        const { luminance, redGreen, blueYellow } = toOpponent(renderBackground(index, size, lcg(2000 + index)));
        const meanLuminance = luminance.reduce((sum, v) => sum + v, 0) / luminance.length;
        const luminanceContrast = rmsContrast(luminance, meanLuminance);
        // Muted, like the old backgrounds' 0.27-0.34: the face should stand out.
        expect(luminanceContrast).toBeGreaterThan(0.15);
        expect(luminanceContrast).toBeLessThan(0.4);
        const luminanceSlope = radialPowerSlope(luminance, size);
        for (const chroma of [redGreen, blueYellow]) {
          const chromaContrast = rmsContrast(chroma, meanLuminance);
          expect(chromaContrast).toBeGreaterThan(0.05 * luminanceContrast); // coloured, not grey
          expect(chromaContrast).toBeLessThan(0.35 * luminanceContrast);
          const chromaSlope = radialPowerSlope(chroma, size);
          expect(chromaSlope).toBeLessThan(-1.7);
          expect(chromaSlope).toBeLessThan(luminanceSlope);
        }
      }
    }
  });

  it('barely clips: under 0.5% of channel values at 0 or 255', () => {
    const rgba = renderBackground(7, 256, lcg(7));
    let clipped = 0;
    for (let i = 0; i < rgba.length; i++) if (i % 4 !== 3 && (rgba[i] === 0 || rgba[i] === 255)) clipped++;
    expect(clipped / ((rgba.length / 4) * 3)).toBeLessThan(0.005);
  });

  // Its time is reported by `npm run bench:render` (model_stages).
  it('renders a 256 x 256 background', () => {
    const rgba = renderBackground(42, 256, lcg(42));
    expect(rgba.length).toBe(256 * 256 * 4);
  });
});
