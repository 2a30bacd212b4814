/**
 * Radial power-spectrum slope: how natural-image-like an image's second-order statistics are.
 * Natural images have power ~ 1/f^2 (amplitude ~ 1/f), i.e. a slope of about -2 in log-log.
 */
import { GmfError } from '../../../lib/errors';
import { fft2d } from './fft';

export interface SlopeRange {
  /** Lowest spatial frequency fitted, in cycles per image. */
  minCycles: number;
  /** Highest spatial frequency fitted, in cycles per image. */
  maxCycles: number;
}

/**
 * Mid frequencies, 2 cycles/image to size/4. Below 2 cycles an annulus holds only 4-8 bins (a
 * very noisy mean) and the image's own borders dominate; near the pixel scale the grid takes
 * over (8-bit rounding noise is white, resizing to the output size blurs and aliases), so the
 * top octave below Nyquist (size/2) is left out.
 */
export function midFrequencies(size: number): SlopeRange {
  return { minCycles: 2, maxCycles: size / 4 };
}

/** Bins per octave: fine enough for many points in the fit, coarse enough that each bin averages several. */
const BINS_PER_OCTAVE = 4;

/**
 * Least-squares slope of log(power) against log(spatial frequency) for one size x size channel
 * (row-major, any real values). Power |X(k)|^2 is averaged in log-spaced annuli, each placed at
 * the geometric mean frequency of its bins, and every annulus weighs the same, so each octave
 * counts equally and a spectrum that bends anywhere in the range shows it. (Weighting annuli by
 * their bin count would halve the scatter on noise but lets the top octave decide the slope.)
 */
export function radialPowerSlope(
  channel: Float64Array,
  size: number,
  range: SlopeRange = midFrequencies(size),
): number {
  if (channel.length !== size * size) {
    throw new GmfError(
      'SPECTRUM_SIZE',
      `A ${size}x${size} spectrum needs ${size * size} values, got ${channel.length}.`,
    );
  }
  if (!(range.minCycles > 0 && range.maxCycles >= range.minCycles * 2 && range.maxCycles <= size / 2)) {
    throw new GmfError(
      'SPECTRUM_RANGE',
      `Fit range ${range.minCycles}..${range.maxCycles} cycles/image must span at least an octave within 0..${size / 2}.`,
    );
  }
  const re = Float64Array.from(channel);
  const im = new Float64Array(size * size);
  fft2d(re, im, size, size, false);
  const binCount = Math.ceil(BINS_PER_OCTAVE * Math.log2(range.maxCycles / range.minCycles));
  const power = new Float64Array(binCount);
  const logFreq = new Float64Array(binCount);
  const count = new Float64Array(binCount);
  for (let y = 0; y < size; y++) {
    const fy = y <= size / 2 ? y : y - size;
    for (let x = 0; x < size; x++) {
      const fx = x <= size / 2 ? x : x - size;
      const f = Math.sqrt(fx * fx + fy * fy);
      if (f < range.minCycles || f > range.maxCycles) continue;
      const bin = Math.min(binCount - 1, Math.floor(BINS_PER_OCTAVE * Math.log2(f / range.minCycles)));
      const i = y * size + x;
      power[bin] = (power[bin] ?? 0) + (re[i] ?? 0) ** 2 + (im[i] ?? 0) ** 2;
      logFreq[bin] = (logFreq[bin] ?? 0) + Math.log(f);
      count[bin] = (count[bin] ?? 0) + 1;
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < binCount; b++) {
    const n = count[b] ?? 0;
    const p = power[b] ?? 0;
    if (n === 0) continue; // near 2 cycles/image a narrow annulus can miss every integer frequency
    if (p <= 0) {
      throw new GmfError(
        'SPECTRUM_EMPTY',
        `The image has no power near ${Math.exp((logFreq[b] ?? 0) / n).toFixed(1)} cycles/image, so its spectrum has no log-log slope.`,
      );
    }
    xs.push((logFreq[b] ?? 0) / n);
    ys.push(Math.log(p / n));
  }
  return leastSquaresSlope(xs, ys);
}

function leastSquaresSlope(xs: readonly number[], ys: readonly number[]): number {
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
