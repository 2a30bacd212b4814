/**
 * Seeded Gaussian random projection for layers too wide to compress directly, as sklearn's
 * GaussianRandomProjection: entries ~ N(0, 1/d), so squared distances are kept in expectation
 * (Johnson–Lindenstrauss). Explained variance after it is relative to the projected data.
 */
import { GmfError } from '../../lib/errors';
import { type StreamKey, createRng } from '../../lib/random';
import { type Matrix, createMatrix } from '../../lib/linalg/matrix';

/** float32 entries at most (512 MiB): wider layers need a smaller output or a sparse projection. */
export const MAX_PROJECTION_ENTRIES = 2 ** 27;

export interface GaussianProjection {
  readonly inputDim: number;
  readonly outputDim: number;
  /** inputDim × outputDim, row-major. */
  readonly matrix: Float32Array;
}

export function createGaussianProjection(inputDim: number, outputDim: number, seed: StreamKey): GaussianProjection {
  if (!Number.isInteger(inputDim) || !Number.isInteger(outputDim) || inputDim < 1 || outputDim < 1) {
    throw new GmfError('PROJECTION_BAD_SIZE', `A random projection needs whole, positive sizes, got ${inputDim} → ${outputDim}.`);
  }
  if (inputDim * outputDim > MAX_PROJECTION_ENTRIES) {
    throw new GmfError('PROJECTION_TOO_LARGE', `A ${inputDim} → ${outputDim} projection needs ${inputDim * outputDim} entries; the limit is ${MAX_PROJECTION_ENTRIES}. Choose fewer output dimensions.`);
  }
  const rng = createRng(seed, 'gaussianProjection', inputDim, outputDim);
  const sd = 1 / Math.sqrt(outputDim);
  const matrix = new Float32Array(inputDim * outputDim);
  for (let i = 0; i < matrix.length; i++) matrix[i] = rng.normal(0, sd);
  return { inputDim, outputDim, matrix };
}

/** X R (n × outputDim). */
export function applyProjection(projection: GaussianProjection, x: Matrix): Matrix {
  if (x.cols !== projection.inputDim) throw new GmfError('PROJECTION_SHAPE', `The projection takes ${projection.inputDim} features but got ${x.cols}.`);
  const d = projection.outputDim;
  const out = createMatrix(x.rows, d);
  for (let i = 0; i < x.rows; i++) {
    const o = i * d;
    for (let k = 0; k < x.cols; k++) {
      const v = x.data[i * x.cols + k] ?? 0;
      if (v === 0) continue;
      const r = k * d;
      for (let j = 0; j < d; j++) out.data[o + j] = (out.data[o + j] ?? 0) + v * (projection.matrix[r + j] ?? 0);
    }
  }
  return out;
}
