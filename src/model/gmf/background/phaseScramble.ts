/**
 * Phase scrambling: keep each channel's Fourier amplitude, add one random phase field to all
 * channels (so colour correlations survive), transform back. The field is antisymmetric,
 * phi(-k) = -phi(k), so a real image stays real.
 */
import { GmfError } from '../../../lib/errors';
import { fft2d } from './fft';

/**
 * Random phase per bin in [-pi, pi), with phi(-k) = -phi(k) (indices mod width/height).
 * Self-conjugate bins (k = -k) must keep a real coefficient: DC gets 0 (the mean is kept), the
 * Nyquist ones 0 or pi. Draws one uniform per free bin in row-major order, so it is deterministic.
 */
export function randomPhaseField(width: number, height: number, uniform: () => number): Float64Array {
  const phase = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const my = (height - y) % height;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const mirror = my * width + ((width - x) % width);
      if (mirror < i) {
        phase[i] = -(phase[mirror] ?? 0);
      } else if (mirror === i) {
        phase[i] = i === 0 ? 0 : uniform() < 0.5 ? 0 : Math.PI;
      } else {
        phase[i] = (uniform() * 2 - 1) * Math.PI;
      }
    }
  }
  return phase;
}

export interface ComplexImage {
  re: Float64Array;
  im: Float64Array;
}

/**
 * Multiplies every spectrum by e^{i phase(k)} in place: the scramble itself, one field for all
 * channels. It changes phases only, |X(k)| is untouched. For a source defined by its spectra
 * (naturalSource.ts) this is the whole scramble, with no transform to pixels and back.
 */
export function rotatePhase(spectra: readonly ComplexImage[], phase: Float64Array): void {
  for (const { re, im } of spectra) {
    if (re.length !== phase.length || im.length !== phase.length) {
      throw new GmfError(
        'phase-scramble-size',
        `The phase field has ${phase.length} bins, a spectrum has ${re.length} real and ${im.length} imaginary.`,
      );
    }
  }
  for (let i = 0; i < phase.length; i++) {
    const cos = Math.cos(phase[i] ?? 0);
    const sin = Math.sin(phase[i] ?? 0);
    for (const { re, im } of spectra) {
      const r = re[i] ?? 0;
      const m = im[i] ?? 0;
      re[i] = r * cos - m * sin;
      im[i] = r * sin + m * cos;
    }
  }
}

/** Rotates every channel's spectrum by `phase` and inverts; exposes the (tiny) imaginary residue. */
export function scrambleWithPhase(
  channels: readonly Float64Array[],
  width: number,
  height: number,
  phase: Float64Array,
): ComplexImage[] {
  const size = width * height;
  if (phase.length !== size) {
    throw new GmfError(
      'phase-scramble-size',
      `The phase field has ${phase.length} bins, the image ${width}x${height} needs ${size}.`,
    );
  }
  const spectra = channels.map((channel, c) => {
    if (channel.length !== size) {
      throw new GmfError(
        'phase-scramble-size',
        `Channel ${c} has ${channel.length} values, a ${width}x${height} image needs ${size}.`,
      );
    }
    const re = Float64Array.from(channel);
    const im = new Float64Array(size);
    fft2d(re, im, width, height, false);
    return { re, im };
  });
  rotatePhase(spectra, phase);
  for (const { re, im } of spectra) fft2d(re, im, width, height, true);
  return spectra;
}

/** Phase-scrambles real channels (row-major, width x height, powers of two); returns real parts. */
export function phaseScramble(
  channels: readonly Float64Array[],
  width: number,
  height: number,
  uniform: () => number,
): Float64Array[] {
  const phase = randomPhaseField(width, height, uniform);
  return scrambleWithPhase(channels, width, height, phase).map(({ re }) => re);
}
