/**
 * Decompose (DESIGN.md step 5): every image of a split run through the model, each analysed
 * layer flattened (and sketched as in compression) and projected on its components,
 * (a - mu) W. Storage-free: the caller feeds batches and stores the result per layer.
 */
import { throwIfCancelled } from '../../lib/errors';
import { type ActivationBatch, type LayerBasis, reduceActivations, sketchesFor } from '../compress/compressLayers';
import type { LayerTap } from '../compress/extract';

/** Adds (x_i - mu) W for each of `rows` rows of x (rows x p) into out (rows x k) from row `first`. */
export function projectRows(
  x: Float64Array,
  rows: number,
  basis: Pick<LayerBasis, 'mu' | 'w'>,
  out: Float32Array,
  first: number,
): void {
  const { mu, w } = basis;
  const p = mu.length;
  const k = p === 0 ? 0 : w.length / p;
  for (let i = 0; i < rows; i++) {
    const o = (first + i) * k;
    for (let f = 0; f < p; f++) {
      const centred = (x[i * p + f] ?? 0) - (mu[f] ?? 0);
      if (centred === 0) continue;
      const row = f * k;
      for (let c = 0; c < k; c++) out[o + c] = (out[o + c] ?? 0) + centred * (w[row + c] ?? 0);
    }
  }
}

/**
 * Projects `count` images, fed in batches of `batchSize` by `nextBatch(start, size)`, on every
 * basis; returns per basis (in `bases` order) count x components activations.
 */
export async function decomposeSplit(
  taps: readonly LayerTap[],
  bases: readonly LayerBasis[],
  count: number,
  batchSize: number,
  nextBatch: (start: number, size: number) => Promise<ActivationBatch>,
  options: { seed: number },
  hooks: { signal: AbortSignal; progress: (imagesDone: number) => void },
): Promise<Float32Array[]> {
  const tapIndex = bases.map((basis) => taps.findIndex((t) => t.name === basis.info.name));
  // Sketched exactly as compression sketched each layer (its basis records the width).
  const widths = taps.map((tap) => bases.find((b) => b.info.name === tap.name)?.info.sketchedTo ?? null);
  const sketches = sketchesFor(taps, widths, options.seed);
  const acts = bases.map((basis) => new Float32Array(count * basis.info.components));
  for (let start = 0; start < count; start += batchSize) {
    throwIfCancelled(hooks.signal);
    const size = Math.min(batchSize, count - start);
    const { outputs } = await nextBatch(start, size);
    bases.forEach((basis, l) => {
      const t = tapIndex[l] ?? -1;
      const x = reduceActivations(sketches[t] ?? null, outputs[t] ?? new Float32Array(0), size);
      projectRows(x, size, basis, acts[l] ?? new Float32Array(0), start);
    });
    hooks.progress(size);
  }
  return acts;
}
