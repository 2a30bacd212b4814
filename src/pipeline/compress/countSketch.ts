/**
 * A sparse random projection for layers too wide for PCA in a browser: each input feature goes,
 * with a random sign, to one of `outputDim` buckets (a count sketch). Inner products are kept in
 * expectation like a Gaussian projection's, but it costs O(inputDim) memory instead of
 * O(inputDim x outputDim) — a 56x56x64 conv layer would need 200k x 2048 floats otherwise.
 */
import { GmfError } from '../../lib/errors';
import { createRng, type StreamKey } from '../../lib/random';

export interface CountSketch {
  readonly inputDim: number;
  readonly outputDim: number;
  readonly bucket: Int32Array;
  readonly sign: Float32Array;
}

export function createCountSketch(inputDim: number, outputDim: number, seed: StreamKey): CountSketch {
  if (!Number.isSafeInteger(inputDim) || !Number.isSafeInteger(outputDim) || inputDim < 1 || outputDim < 1) {
    throw new GmfError(
      'SKETCH_BAD_SIZE',
      `A count sketch needs whole, positive sizes, got ${inputDim} → ${outputDim}.`,
    );
  }
  const rng = createRng(seed, 'countSketch', inputDim, outputDim);
  const bucket = new Int32Array(inputDim);
  const sign = new Float32Array(inputDim);
  for (let i = 0; i < inputDim; i++) {
    bucket[i] = rng.int(0, outputDim - 1);
    sign[i] = rng.next() < 0.5 ? -1 : 1;
  }
  return { inputDim, outputDim, bucket, sign };
}

/** Rows of `x` (rows x inputDim, row-major) sketched into rows x outputDim (float64). */
export function applyCountSketch(sketch: CountSketch, x: ArrayLike<number>, rows: number): Float64Array {
  const { inputDim, outputDim, bucket, sign } = sketch;
  if (x.length !== rows * inputDim)
    throw new GmfError('SKETCH_SHAPE', `The sketch takes ${inputDim} features per row but got ${x.length / rows}.`);
  const out = new Float64Array(rows * outputDim);
  for (let r = 0; r < rows; r++) {
    const src = r * inputDim;
    const dst = r * outputDim;
    for (let i = 0; i < inputDim; i++) {
      const v = x[src + i] ?? 0;
      if (v === 0) continue;
      const j = dst + (bucket[i] ?? 0);
      out[j] = (out[j] ?? 0) + v * (sign[i] ?? 0);
    }
  }
  return out;
}
