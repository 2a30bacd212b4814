/**
 * Phase-scrambled backgrounds, as in the original pipeline (DESIGN section 1): a source with
 * natural-image statistics is phase scrambled, so the background keeps those statistics but shows
 * nothing recognisable. A scramble keeps only each channel's amplitude spectrum and the phase
 * relations between channels, so the source (naturalSource.ts) is defined by exactly those, as
 * spectra: luminance power ~ 1/f^2 and low-contrast, smoother colour. The scramble then multiplies
 * those spectra by one random phase field and transforms once, to pixels. The earlier dead-leaves
 * source measured a power slope of -1.1 to -2.3 (mean -1.7) depending on the index (a few large
 * leaves decide the low frequencies), and its pixel-sized leaves made fine colour speckle.
 */
import { GmfError } from '../../../lib/errors';
import { fromOpponent } from './colour';
import { deadLeavesBackground } from './deadLeavesBackground';
import { fft2d, isPowerOfTwo } from './fft';
import { naturalSourceSpectra, type SourceContrast } from './naturalSource';
import { randomPhaseField, rotatePhase } from './phaseScramble';

/** Backgrounds are addressed by index 0..255 (the original pipeline's 256 backgrounds). */
export const BACKGROUND_COUNT = 256;

export class BackgroundError extends GmfError {}

/**
 * Muted, as before: luminance RMS contrast 0.3 (std / mean), about half a full-contrast natural
 * image's, so the background does not compete with the face for attention; each colour-difference
 * channel 0.15 of that. At 0.3 the clamp to 0-255 (3.3 SD from the mean) touches almost no pixel.
 */
const CONTRAST: SourceContrast = { mean: 128, luminanceStd: 0.3 * 128, chromaStd: 0.15 * 0.3 * 128 };
/** Golden-ratio offset: rotating a uniform draw mod 1 keeps it uniform but makes indices differ. */
const INDEX_OFFSET = 0.6180339887498949;

/** 'natural': 1/f² power, smooth colour (the scan-based model); 'dead-leaves': the procedural model's, kept for its datasets. */
export type BackgroundStyle = 'natural' | 'dead-leaves';

/**
 * Background `index` as size x size RGBA (alpha 255). `uniform` is the caller's seeded stream
 * in [0, 1); the index is mixed into every draw so two indices never coincide even on one stream.
 */
export function renderBackground(
  index: number,
  size: number,
  uniform: () => number,
  style: BackgroundStyle = 'natural',
): Uint8ClampedArray {
  if (!Number.isInteger(index) || index < 0 || index >= BACKGROUND_COUNT) {
    throw new BackgroundError(
      'BACKGROUND_INDEX',
      `Background index must be an integer from 0 to ${BACKGROUND_COUNT - 1}, got ${index}.`,
    );
  }
  if (!isPowerOfTwo(size) || size < 2) {
    throw new BackgroundError(
      'BACKGROUND_SIZE',
      `Background size must be a power of two (e.g. 64, 128, 256), got ${size}; resize the result for other resolutions.`,
    );
  }
  const offset = index * INDEX_OFFSET;
  const draw = (): number => {
    const u = uniform() + offset;
    return u - Math.floor(u);
  };
  if (style === 'dead-leaves') return deadLeavesBackground(size, draw);
  const { luminance, redGreen, blueYellow } = naturalSourceSpectra(size, draw, CONTRAST);
  rotatePhase([luminance, redGreen, blueYellow], randomPhaseField(size, size, draw));
  // Both factors are Hermitian, so each image is real: its imaginary part is rounding residue.
  for (const { re, im } of [luminance, redGreen, blueYellow]) fft2d(re, im, size, size, true);
  const rgb = fromOpponent({ luminance: luminance.re, redGreen: redGreen.re, blueYellow: blueYellow.re });
  const rgba = new Uint8ClampedArray(size * size * 4).fill(255);
  rgb.forEach((channel, c) => {
    for (let i = 0; i < channel.length; i++) rgba[i * 4 + c] = channel[i] ?? 0; // rounds and clamps
  });
  return rgba;
}
