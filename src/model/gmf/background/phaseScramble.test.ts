import { describe, expect, it } from 'vitest';
import { fft2d } from './fft';
import { phaseScramble, randomPhaseField, scrambleWithPhase } from './phaseScramble';
import { lcg } from '../../../../test/support/backgroundTestUtils';

const W = 32;
const H = 16;

function spectrum(values: Float64Array): { re: Float64Array; im: Float64Array } {
  const re = Float64Array.from(values);
  const im = new Float64Array(values.length);
  fft2d(re, im, W, H, false);
  return { re, im };
}

function randomChannels(seed: number): Float64Array[] {
  const u = lcg(seed);
  // Channel 1 is correlated with channel 0 (like real colour images) plus noise.
  const c0 = Float64Array.from({ length: W * H }, () => u() * 255);
  const c1 = c0.map((v) => 0.7 * v + 60 * u());
  return [c0, c1];
}

/** Phase difference wrapped into (-pi, pi]. */
function wrap(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}

describe('phaseScramble', () => {
  const input = randomChannels(7);
  const output = phaseScramble(input, W, H, lcg(11));
  const inSpec = input.map(spectrum);
  const outSpec = output.map(spectrum);

  it('keeps the amplitude spectrum of every channel', () => {
    for (let c = 0; c < input.length; c++) {
      const a = inSpec[c];
      const b = outSpec[c];
      if (!a || !b) throw new Error('missing channel');
      for (let i = 0; i < W * H; i++) {
        const ampIn = Math.hypot(a.re[i] ?? 0, a.im[i] ?? 0);
        const ampOut = Math.hypot(b.re[i] ?? 0, b.im[i] ?? 0);
        expect(Math.abs(ampOut - ampIn)).toBeLessThanOrEqual(1e-6 * Math.max(ampIn, 1e-9));
      }
    }
  });

  it('gives a real image: the inverse has no imaginary part beyond rounding', () => {
    const phase = randomPhaseField(W, H, lcg(11));
    const complex = scrambleWithPhase(input, W, H, phase);
    let worst = 0;
    for (const { im } of complex) for (const v of im) worst = Math.max(worst, Math.abs(v));
    expect(worst).toBeLessThan(1e-9);
    // Same field as phaseScramble drew, so its real part is the public result.
    expect(complex[0]?.re).toEqual(output[0]);
  });

  it('changes the phase and applies one phase field to all channels', () => {
    const [a0, a1] = inSpec;
    const [b0, b1] = outSpec;
    if (!a0 || !a1 || !b0 || !b1) throw new Error('missing channel');
    let total = 0;
    for (let i = 1; i < W * H; i++) {
      const d0 = wrap(Math.atan2(b0.im[i] ?? 0, b0.re[i] ?? 0) - Math.atan2(a0.im[i] ?? 0, a0.re[i] ?? 0));
      const d1 = wrap(Math.atan2(b1.im[i] ?? 0, b1.re[i] ?? 0) - Math.atan2(a1.im[i] ?? 0, a1.re[i] ?? 0));
      total += Math.abs(d0);
      expect(Math.abs(wrap(d0 - d1))).toBeLessThan(1e-6);
    }
    expect(total / (W * H - 1)).toBeGreaterThan(1);
  });

  it('keeps the mean (DC phase is 0) and is deterministic for one uniform sequence', () => {
    const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;
    expect(mean(output[0] ?? new Float64Array())).toBeCloseTo(mean(input[0] ?? new Float64Array()), 9);
    expect(phaseScramble(input, W, H, lcg(11))).toEqual(output);
    expect(phaseScramble(input, W, H, lcg(12))).not.toEqual(output);
  });

  it('makes the phase field antisymmetric with real self-conjugate bins', () => {
    const phase = randomPhaseField(W, H, lcg(5));
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = phase[y * W + x] ?? 0;
        const m = phase[((H - y) % H) * W + ((W - x) % W)] ?? 0;
        expect(Math.abs(Math.sin(p + m))).toBeLessThan(1e-12);
      }
    }
    expect(phase[0]).toBe(0);
  });
});
