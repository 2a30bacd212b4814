/**
 * What the audit's decoder sees of an image: RGB in 0..1, box-averaged by an integer step (112 px
 * becomes 56 × 56 × 3 = 9408 features), alpha dropped (without a background the empty pixels are
 * the renderer's clear colour in every image).
 */
import { GmfError } from '../../lib/errors';
import type { Matrix } from '../../lib/linalg/matrix';
import type { Rng } from '../../lib/random';

/** Writes the downsampled RGB of `rgba` (resolution²) into row `row` of `out` (side² × 3 columns). */
export function writeImageRow(
  rgba: Uint8ClampedArray,
  resolution: number,
  step: number,
  out: Matrix,
  row: number,
): void {
  if (rgba.length !== resolution * resolution * 4)
    throw new GmfError(
      'AUDIT_IMAGE_SIZE',
      `The renderer returned ${rgba.length} bytes; a ${resolution} × ${resolution} RGBA image has ${resolution * resolution * 4}.`,
    );
  const side = Math.floor(resolution / step);
  if (out.cols !== side * side * 3) throw new GmfError('AUDIT_IMAGE_SIZE', `Expected ${out.cols / 3} pixels per row.`);
  const scale = 1 / (255 * step * step);
  const base = row * out.cols;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < step; dy++) {
        let i = ((y * step + dy) * resolution + x * step) * 4;
        for (let dx = 0; dx < step; dx++, i += 4) {
          r += rgba[i] ?? 0;
          g += rgba[i + 1] ?? 0;
          b += rgba[i + 2] ?? 0;
        }
      }
      const o = base + (y * side + x) * 3;
      out.data[o] = r * scale;
      out.data[o + 1] = g * scale;
      out.data[o + 2] = b * scale;
    }
  }
}

/** Root-mean-square deviation of the rows from their mean row, in 8-bit grey levels: how much the images change at all. */
export function pixelEffect(x: Matrix): number {
  const { rows, cols, data } = x;
  if (rows === 0 || cols === 0) return 0;
  let sum = 0;
  // Deviations from the first row, so identical images give exactly 0.
  for (let j = 0; j < cols; j++) {
    const first = data[j] ?? 0;
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += (data[i * cols + j] ?? 0) - first;
    mean /= rows;
    for (let i = 0; i < rows; i++) sum += ((data[i * cols + j] ?? 0) - first - mean) ** 2;
  }
  return 255 * Math.sqrt(sum / (rows * cols));
}

/**
 * Adds uniform noise of ±½ of one 8-bit level to every value, in place. Images that differ only
 * in the audited factor can be exact copies (every image of one gender), and LDA needs spread
 * within each class; the noise also sets the floor: an effect below one grey level is not visible.
 */
export function dequantise(x: Matrix, rng: Rng): void {
  const { data } = x;
  for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 0) + (rng.next() - 0.5) / 255;
}
