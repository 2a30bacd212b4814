/**
 * Compress (DESIGN.md step 4): an incremental PCA per analysed layer, fitted on batches of
 * training images' activations. Layers the plan (plan.ts) sketches are first count-sketched to
 * their planned width (O(width) memory). Storage-free: the caller feeds batches and stores the
 * bases, and may store the fit's state after every batch (`save`) and pass it back after a
 * reload (`resume`), which continues with the next batch.
 */
import { throwIfCancelled } from '../../lib/errors';
import { applyCountSketch, type CountSketch, createCountSketch } from './countSketch';
import type { LayerTap } from './extract';
import { createIncrementalPca, type IncrementalPca, partialFitIncrementalPca } from './incrementalPca';

export interface CompressOptions {
  nComponents: number;
  /** Per tap (in tap order): the width it is count-sketched to, or null to use it as it is (plan.ts decides). */
  sketchedTo: readonly (number | null)[];
  seed: number;
}

/** What compression learned of one analysed layer (stored with the analysis). */
export interface AnalysedLayerInfo {
  name: string;
  /**
   * The performance table's op_nr: in analyses made before it matched the original, the 1-based
   * position in model order; now the original's 0-based position among the layers sorted by name.
   */
  opNr: number;
  operation: string;
  /** Flattened width of the layer's output. */
  features: number;
  /** Width after the count sketch, or null when the layer was used as it is. */
  sketchedTo: number | null;
  components: number;
  /** Sum of the explained variance ratios of the kept components (what the original stored). */
  explainedVariance: number;
  /** Per component. */
  explainedVarianceRatio: number[];
}

/** Whether the decode step scores this layer: every analysed layer but softmax ones, as the original's analyze_model.py. */
export function isDecodedLayer(layer: Pick<AnalysedLayerInfo, 'operation'>): boolean {
  return layer.operation !== 'softmax';
}

/** A layer's PCA basis: the mean `mu` (features) and `W` (features x components, row-major). */
export interface LayerBasis {
  info: AnalysedLayerInfo;
  mu: Float32Array;
  w: Float32Array;
}

/** The fit after some batches: a reload continues from it. */
export interface CompressCheckpoint {
  /** Batches folded in so far: the next one to fit. */
  batchesDone: number;
  /** Per tap, its incremental PCA so far. */
  states: (IncrementalPca | null)[];
  /** The layers, batches and options the fit depends on; a checkpoint of another plan is not used. */
  plan: string;
}

export interface CompressHooks {
  signal: AbortSignal;
  progress: (done: number, total: number) => void;
  /** A checkpoint stored by `save` before an interruption. */
  resume?: CompressCheckpoint | null;
  /** Called after every batch with the fit so far. */
  save?: (checkpoint: CompressCheckpoint) => Promise<void>;
}

function planKey(taps: readonly LayerTap[], batches: number, options: CompressOptions): string {
  return JSON.stringify({
    taps: taps.map((t) => [t.name, t.features]),
    batches,
    nComponents: options.nComponents,
    sketchedTo: options.sketchedTo,
    seed: options.seed,
  });
}

/** One batch of activations: per tap, rows x features (row-major). */
export interface ActivationBatch {
  rows: number;
  outputs: readonly Float32Array[];
}

/** The count sketch of each tap (`sketchedTo` in tap order), or null for taps used as they are. */
export function sketchesFor(
  taps: readonly LayerTap[],
  sketchedTo: readonly (number | null)[],
  seed: number,
): (CountSketch | null)[] {
  return taps.map((tap, l) => {
    const width = sketchedTo[l] ?? null;
    return width === null ? null : createCountSketch(tap.features, width, seed);
  });
}

/** A layer's activations as PCA input: sketched when too wide, float64. */
export function reduceActivations(sketch: CountSketch | null, activations: Float32Array, rows: number): Float64Array {
  return sketch ? applyCountSketch(sketch, activations, rows) : Float64Array.from(activations);
}

/** PCA components as DESIGN.md stores them: features x components. */
function basisOf(state: IncrementalPca, tap: LayerTap, opNr: number, sketched: boolean): LayerBasis {
  const k = state.nComponents;
  const p = state.nFeatures;
  const w = new Float32Array(p * k);
  for (let c = 0; c < k; c++) for (let f = 0; f < p; f++) w[f * k + c] = state.components.data[c * p + f] ?? 0;
  const ratio = Array.from(state.explainedVarianceRatio);
  const info: AnalysedLayerInfo = {
    name: tap.name,
    opNr,
    operation: tap.operation,
    features: tap.features,
    sketchedTo: sketched ? p : null,
    components: k,
    explainedVariance: ratio.reduce((a, v) => a + v, 0),
    explainedVarianceRatio: ratio,
  };
  return { info, mu: Float32Array.from(state.mean), w };
}

/**
 * Fits one incremental PCA per tap on `batches` batches from `nextBatch(b)`, and returns each
 * layer's basis in tap order.
 */
export async function compressLayers(
  taps: readonly LayerTap[],
  batches: number,
  nextBatch: (batch: number) => Promise<ActivationBatch>,
  options: CompressOptions,
  hooks: CompressHooks,
): Promise<LayerBasis[]> {
  const sketches = sketchesFor(taps, options.sketchedTo, options.seed);
  const plan = planKey(taps, batches, options);
  const resume = hooks.resume?.plan === plan && hooks.resume.batchesDone <= batches ? hooks.resume : null;
  let states: (IncrementalPca | null)[] = resume ? [...resume.states] : taps.map(() => null);
  for (let b = resume?.batchesDone ?? 0; b < batches; b++) {
    throwIfCancelled(hooks.signal);
    const { rows, outputs } = await nextBatch(b);
    states = taps.map((tap, l) => {
      const sketch = sketches[l] ?? null;
      const width = sketch ? sketch.outputDim : tap.features;
      const data = reduceActivations(sketch, outputs[l] ?? new Float32Array(0), rows);
      const state = states[l] ?? createIncrementalPca(Math.min(options.nComponents, width), width);
      return partialFitIncrementalPca(state, { rows, cols: width, data });
    });
    await hooks.save?.({ batchesDone: b + 1, states, plan });
    hooks.progress(b + 1, batches);
  }
  // op_nr as the original's analyze_model.py numbers layers: the 0-based position among the
  // decomposed file's a_N datasets, which h5py lists by name (softmax layers counted, though not decoded).
  const byName = taps.map((t) => t.name).sort();
  return taps.flatMap((tap, l) => {
    const state = states[l];
    return state ? [basisOf(state, tap, byName.indexOf(tap.name), sketches[l] !== null)] : [];
  });
}
