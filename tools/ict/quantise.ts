/**
 * int16 quantisation of shape deltas, one float32 step per (mode, axis). The step is the axis's
 * largest |delta| / 32767, but never below `minStep`: the OBJs print 6 significant digits (a
 * resolution of 1e-4 cm at 10 cm from the origin), so a finer step would only store print noise
 * and compress worse.
 */

export interface QuantisedBlocks {
  /** Step per block and axis, block-major, already rounded to float32 as the decoder reads it. */
  scales: Float32Array;
  /** Per block, planes x, y, z over the block's items. */
  quantised: Int16Array;
  /** Largest |dequantised - original| over every value, model units. */
  maxError: number;
}

/** Quantises blocks of xyz-interleaved deltas (one block per mode). */
export function quantiseBlocks(blocks: readonly Float64Array[], minStep: number): QuantisedBlocks {
  const scales = new Float32Array(blocks.length * 3);
  const quantised = new Int16Array(blocks.reduce((sum, b) => sum + b.length, 0));
  let maxError = 0;
  let base = 0;
  blocks.forEach((block, b) => {
    const n = block.length / 3;
    for (let axis = 0; axis < 3; axis++) {
      let maxAbs = 0;
      for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(block[3 * i + axis] ?? 0));
      const scale = Math.fround(Math.max(maxAbs / 32767, minStep));
      scales[3 * b + axis] = scale;
      for (let i = 0; i < n; i++) {
        const value = block[3 * i + axis] ?? 0;
        const q = Math.max(-32767, Math.min(32767, Math.round(value / scale)));
        quantised[base + axis * n + i] = q;
        maxError = Math.max(maxError, Math.abs(q * scale - value));
      }
    }
    base += block.length;
  });
  return { scales, quantised, maxError };
}

export interface SparseExpressions extends QuantisedBlocks {
  counts: Uint32Array;
  /** Gap from the previous stored vertex of the same expression (the first counts from -1). */
  vertexGaps: Uint16Array;
  /** Largest |delta| component of a dropped (non-moving) vertex, model units. */
  maxDropped: number;
}

/**
 * Keeps, per expression, the vertices where some axis moves more than `threshold`; the rest
 * (eyeballs in a smile, OBJ print noise of ~1e-4) read as zero.
 */
export function sparsifyExpressions(
  deltas: readonly Float64Array[],
  threshold: number,
  minStep: number,
): SparseExpressions {
  const counts = new Uint32Array(deltas.length);
  const gaps: number[] = [];
  const kept: Float64Array[] = [];
  let maxDropped = 0;
  deltas.forEach((delta, e) => {
    const values: number[] = [];
    let previous = -1;
    for (let v = 0; v < delta.length / 3; v++) {
      const d = [delta[3 * v] ?? 0, delta[3 * v + 1] ?? 0, delta[3 * v + 2] ?? 0];
      const largest = Math.max(...d.map(Math.abs));
      if (largest <= threshold) {
        maxDropped = Math.max(maxDropped, largest);
        continue;
      }
      // uint16 gaps: 65535 is ample for a 26,719-vertex mesh, checked rather than assumed.
      if (v - previous > 0xffff) throw new Error(`A gap of ${v - previous} vertices does not fit the uint16 gap list.`);
      gaps.push(v - previous);
      previous = v;
      values.push(...d);
    }
    counts[e] = values.length / 3;
    kept.push(Float64Array.from(values));
  });
  return { ...quantiseBlocks(kept, minStep), counts, vertexGaps: Uint16Array.from(gaps), maxDropped };
}
