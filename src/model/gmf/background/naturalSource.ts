/**
 * The source a background is scrambled from, given by what a phase scramble keeps: each
 * channel's amplitude spectrum and the phase relations between channels. Built from those
 * directly, it is on target by construction rather than on average.
 * - Luminance amplitude is exactly c / f (power slope -2), the average natural image's.
 * - Colour is two opponent channels, R - G and B - (R + G) / 2, at a fraction of the luminance
 *   contrast, with a steeper spectrum and phases independent of luminance, as in natural scenes:
 *   colour comes in broad patches, and the finest detail is achromatic.
 * Exact amplitudes, not Gaussian noise: a single 64 px image of 1/f Gaussian noise measures a
 * slope of -2 +/- 0.16 (SD), so some of 256 backgrounds would leave a +/-0.3 window.
 */
import type { OpponentImage } from './colour';
import { randomPhaseField, type ComplexImage } from './phaseScramble';

/** Amplitude ~ f^-1, power ~ f^-2: the natural-image average. */
const LUMINANCE_EXPONENT = 1;
/** Power ~ f^-2.4: colour falls off faster than luminance, so it never speckles. */
const CHROMA_EXPONENT = 1.2;

export interface SourceContrast {
  /** Mean luminance, 0-255 scale. */
  mean: number;
  /** Luminance standard deviation, 0-255 scale. */
  luminanceStd: number;
  /** Standard deviation of each colour-difference channel, 0-255 scale. */
  chromaStd: number;
}

type OpponentSpectra = { [K in keyof OpponentImage]: ComplexImage };

/**
 * Spectrum with amplitude c f^-exponent (f in cycles per image) and phase `phase` (antisymmetric,
 * so the image is real; null for zero phase). c makes the image's standard deviation `std`: with
 * fft2d's 1/N inverse, Parseval gives variance = sum |X(k)|^2 / N^2. DC is mean * N.
 */
function powerLawSpectrum(
  size: number,
  exponent: number,
  mean: number,
  std: number,
  phase: Float64Array | null,
): ComplexImage {
  const n = size * size;
  const half = size / 2;
  // Amplitude depends on |fx| and |fy| only: one power per bin of a quadrant, not per bin.
  const quadrant = new Float64Array((half + 1) * (half + 1));
  for (let fy = 0; fy <= half; fy++) {
    for (let fx = 0; fx <= half; fx++) {
      const f2 = fx * fx + fy * fy;
      quadrant[fy * (half + 1) + fx] = f2 === 0 ? 0 : f2 ** (-exponent / 2);
    }
  }
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  let sumSquares = 0;
  for (let y = 0; y < size; y++) {
    const fy = y <= half ? y : size - y;
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const amplitude = quadrant[fy * (half + 1) + (x <= half ? x : size - x)] ?? 0;
      sumSquares += amplitude * amplitude;
      if (!phase) {
        re[i] = amplitude;
        continue;
      }
      re[i] = amplitude * Math.cos(phase[i] ?? 0);
      im[i] = amplitude * Math.sin(phase[i] ?? 0);
    }
  }
  const scale = sumSquares > 0 ? (std * n) / Math.sqrt(sumSquares) : 0;
  for (let i = 0; i < n; i++) {
    re[i] = (re[i] ?? 0) * scale;
    im[i] = (im[i] ?? 0) * scale;
  }
  re[0] = mean * n;
  return { re, im };
}

/**
 * The source's opponent-channel spectra (size x size, fft2d layout). Luminance has zero phase:
 * its absolute phase is what the scramble replaces, so only the colour channels' phases relative
 * to it carry information, and they are random (colour independent of luminance).
 */
export function naturalSourceSpectra(size: number, uniform: () => number, contrast: SourceContrast): OpponentSpectra {
  return {
    luminance: powerLawSpectrum(size, LUMINANCE_EXPONENT, contrast.mean, contrast.luminanceStd, null),
    redGreen: powerLawSpectrum(size, CHROMA_EXPONENT, 0, contrast.chromaStd, randomPhaseField(size, size, uniform)),
    blueYellow: powerLawSpectrum(size, CHROMA_EXPONENT, 0, contrast.chromaStd, randomPhaseField(size, size, uniform)),
  };
}
