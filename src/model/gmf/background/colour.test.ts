import { describe, expect, it } from 'vitest';
import { fromOpponent, toOpponent } from './colour';
import { lcg, maxAbsDiff } from '../../../../test/support/backgroundTestUtils';

describe('opponent colour', () => {
  it('gives Rec. 601 luma and colour differences for pure colours', () => {
    const rgba = Uint8ClampedArray.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 200, 200, 200, 255]);
    const { luminance, redGreen, blueYellow } = toOpponent(rgba);
    [0.299 * 255, 0.587 * 255, 0.114 * 255, 200].forEach((expected, i) => {
      expect(luminance[i]).toBeCloseTo(expected, 9);
    });
    expect(Array.from(redGreen)).toEqual([255, -255, 0, 0]);
    expect(Array.from(blueYellow)).toEqual([-127.5, -127.5, 255, 0]);
  });

  it('fromOpponent inverts toOpponent', () => {
    const u = lcg(4);
    const rgba = Uint8ClampedArray.from({ length: 4 * 500 }, () => Math.floor(u() * 256));
    const [red, green, blue] = fromOpponent(toOpponent(rgba));
    const channel = (c: number): Float64Array => Float64Array.from({ length: 500 }, (_, i) => rgba[i * 4 + c] ?? 0);
    expect(maxAbsDiff(red ?? new Float64Array(), channel(0))).toBeLessThan(1e-9);
    expect(maxAbsDiff(green ?? new Float64Array(), channel(1))).toBeLessThan(1e-9);
    expect(maxAbsDiff(blue ?? new Float64Array(), channel(2))).toBeLessThan(1e-9);
  });
});
