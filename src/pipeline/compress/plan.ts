/**
 * What compression will do to each layer and what it will cost, decided before anything runs
 * (and shown in the Analyze form): layers are used as they are unless the whole fit would not
 * fit the memory budget; then the widest layers are count-sketched to the sketch width, one at a
 * time, until it fits. The same plan drives the compress and decompose steps, so the form's
 * estimate is what runs.
 *
 * Memory model (bytes), from what compressLayers and partialFitIncrementalPca hold at once:
 * - per layer, for the whole fit: components, mean and variance in float64, (k + 2) · w · 8;
 * - one layer at a time, during its batch update: the stacked matrix and the batch in float64,
 *   (k + 2b + 1) · w · 8;
 * - the batch's raw activations of every layer in float32, b · Σ features · 4;
 * where w is the layer's width after any sketch, k the components and b the batch size.
 * Work model (multiply-adds): per batch and layer, the Gram of the stacked matrix (symmetric: half
 * computed) and the components from it, ((k + b + 1)² / 2 + k (k + b + 1)) · w; then the
 * projection of every image of every split, k · w per image and layer.
 */
import { GmfError } from '../../lib/errors';

export interface PlannedTap {
  name: string;
  /** Flattened width of the layer's output. */
  features: number;
}

export interface PlanOptions {
  nComponents: number;
  nBatches: number;
  batchSize: number;
  /** Width a layer is sketched to when it must be. */
  maxFeatures: number;
  /**
   * Memory the fit may use (MiB); layers are sketched only when needed to stay within it. Absent
   * in analyses made before the budget existed: those sketched every layer wider than maxFeatures.
   */
  memoryBudgetMb?: number;
}

export interface LayerPlan {
  name: string;
  features: number;
  /** Width after the count sketch, or null when the layer is used as it is. */
  sketchedTo: number | null;
  components: number;
  /** Held for the whole fit (components, mean, variance). */
  bytes: number;
  /** Multiply-adds of the fit (all batches) and of projecting `images` images. */
  fitWork: number;
  projectWork: number;
}

export interface CompressionPlan {
  layers: LayerPlan[];
  /** Batches that fit in the training images (at most nBatches). */
  batches: number;
  /** Peak memory of the fit, by the model above. */
  peakBytes: number;
  budgetBytes: number | null;
  fits: boolean;
  /** Total multiply-adds: fit + projection of every image. */
  work: number;
}

export const MIB = 1024 * 1024;
const F64 = 8;
const F32 = 4;

function layerPlan(tap: PlannedTap, width: number, o: PlanOptions, batches: number, images: number): LayerPlan {
  const k = Math.min(o.nComponents, width);
  const m = k + o.batchSize + 1;
  return {
    name: tap.name,
    features: tap.features,
    sketchedTo: width === tap.features ? null : width,
    components: k,
    bytes: (k + 2) * width * F64,
    fitWork: batches * ((m * m) / 2 + k * m) * width,
    projectWork: images * k * width,
  };
}

function peakOf(layers: readonly LayerPlan[], o: PlanOptions): number {
  const held = layers.reduce((sum, l) => sum + l.bytes, 0);
  const update = Math.max(
    0,
    ...layers.map((l) => (l.components + 2 * o.batchSize + 1) * (l.sketchedTo ?? l.features) * F64),
  );
  const raw = o.batchSize * layers.reduce((sum, l) => sum + l.features, 0) * F32;
  return held + update + raw;
}

/**
 * The plan for `taps` fitted on `trainingImages` training images, projecting `images` images in
 * all (every split). Throws PLAN_NO_BATCH when not one batch fits in the training images.
 */
export function planCompression(
  taps: readonly PlannedTap[],
  o: PlanOptions,
  trainingImages: number,
  images: number,
): CompressionPlan {
  const batches = Math.min(o.nBatches, Math.floor(trainingImages / o.batchSize));
  if (batches < 1)
    throw new GmfError(
      'PLAN_NO_BATCH',
      `Compression needs at least one batch of ${o.batchSize} training images; there are ${trainingImages}.`,
    );
  const widths = taps.map((t) => t.features);
  const budgetBytes = o.memoryBudgetMb === undefined ? null : o.memoryBudgetMb * MIB;
  const build = () => taps.map((t, l) => layerPlan(t, widths[l] ?? t.features, o, batches, images));
  if (budgetBytes === null) {
    // The rule of analyses made before the budget: every layer wider than maxFeatures sketched.
    taps.forEach((t, l) => {
      if (t.features > o.maxFeatures) widths[l] = o.maxFeatures;
    });
  } else {
    // Sketch the widest layer still whole until the fit holds in the budget (or none is left).
    for (;;) {
      if (peakOf(build(), o) <= budgetBytes) break;
      let widest = -1;
      taps.forEach((t, l) => {
        if (
          widths[l] === t.features &&
          t.features > o.maxFeatures &&
          (widest < 0 || t.features > (widths[widest] ?? 0))
        )
          widest = l;
      });
      if (widest < 0) break;
      widths[widest] = o.maxFeatures;
    }
  }
  const layers = build();
  const peakBytes = peakOf(layers, o);
  return {
    layers,
    batches,
    peakBytes,
    budgetBytes,
    fits: budgetBytes === null || peakBytes <= budgetBytes,
    work: layers.reduce((sum, l) => sum + l.fitWork + l.projectWork, 0),
  };
}

/** The analysed layers as a run's model summary lists them (output shape without the batch). */
export function tapsFromSummary(
  rows: readonly { name: string; outputShape: readonly (number | null)[]; analysed: boolean }[],
): PlannedTap[] {
  return rows
    .filter((r) => r.analysed)
    .map((r) => ({ name: r.name, features: r.outputShape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1) }));
}
