/** Analysis options: browser-sized defaults and the checks made before anything starts. */
import type { ViewOptions } from '../beyond/records';
import type { AnalysisOptions } from './records';

/**
 * Browser-sized defaults. The original compressed to 2048 components from 64 batches of 2048
 * images on a GPU server; here 128 components from up to 8 batches of 256 images keep each batch
 * update's eigenproblem ((components + batch)²) small, and a layer is count-sketched (to 4096
 * features) only when the whole fit would not hold in the 1 GiB memory budget — the Analyze form
 * shows which, with the memory and time of each layer, before anything starts. On a 64 px
 * dataset where only yaw varies (backgrounds on), yaw is decoded from the input layer with
 * R² ≥ 0.9 with these (e2e/analysisDefaults.spec.ts).
 */
export const DEFAULT_ANALYSIS_OPTIONS: Readonly<AnalysisOptions> = Object.freeze({
  nComponents: 128,
  nBatches: 8,
  batchSize: 256,
  maxFeatures: 4096,
  memoryBudgetMb: 1024,
  permutations: 0,
  bootstraps: 0,
  seed: 1,
  idFolds: 'original',
});

/** compress_model.py's defaults (--n-comp 2048 --n-batches 64 --batch-size 2048). */
export const ORIGINAL_COMPRESSION = Object.freeze({ nComponents: 2048, nBatches: 64, batchSize: 2048 });

/** The defaults for a run with `trainingImages` training images: batches no larger than the split holds. */
export function defaultOptionsFor(trainingImages: number | null): AnalysisOptions {
  const d = { ...DEFAULT_ANALYSIS_OPTIONS };
  if (trainingImages === null || trainingImages < 1) return d;
  const batchSize = Math.min(d.batchSize, trainingImages);
  return { ...d, batchSize, nComponents: Math.min(d.nComponents, batchSize) };
}

/**
 * "Match the original": its compression settings (as far as the run's training images allow:
 * a batch is at most the split, components at most a batch), its identity folds, and none of
 * our additions (permutations, bootstraps). The memory budget stays: a layer that still cannot
 * be held whole is sketched, and the form says which.
 */
export function originalOptions(current: AnalysisOptions, trainingImages: number | null): AnalysisOptions {
  const cap = trainingImages !== null && trainingImages > 0 ? trainingImages : Infinity;
  const batchSize = Math.min(ORIGINAL_COMPRESSION.batchSize, cap);
  return {
    ...current,
    nComponents: Math.min(ORIGINAL_COMPRESSION.nComponents, batchSize),
    nBatches: ORIGINAL_COMPRESSION.nBatches,
    batchSize,
    permutations: 0,
    bootstraps: 0,
    idFolds: 'original',
  };
}

export interface OptionIssue {
  /** An option, or one of the views' options as `views.{name}`. */
  field: keyof AnalysisOptions | `views.${keyof ViewOptions}`;
  message: string;
}

/** The views' limits: [min, max] per option (whole numbers). */
export const VIEW_OPTION_LIMITS: Readonly<Record<keyof ViewOptions, readonly [number, number]>> = Object.freeze({
  bins: [2, 100],
  bootstraps: [0, 100_000],
  permutations: [0, 100_000],
  views: [3, 37],
  rdmSamples: [4, 2048],
});

const VIEW_LABELS: Record<keyof ViewOptions, string> = {
  bins: 'Error-curve bins',
  bootstraps: 'Error-curve bootstrap resamples',
  permutations: 'Permutations of the symmetry and RSA nulls',
  views: 'Yaw views of the symmetry index',
  rdmSamples: 'Images per RDM',
};

const whole = (v: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isSafeInteger(v) && v >= min && v <= max;

/**
 * Upper bounds, with the reason a researcher is shown. Each incremental-PCA update solves an
 * eigenproblem of (components + batch)² doubles: past 4096 components or 8192 images a batch it
 * no longer fits a browser tab's memory (the original used 2048 and 2048 on a GPU server).
 */
export const ANALYSIS_LIMITS = Object.freeze({
  nComponents: 4096,
  batchSize: 8192,
  /** Without a known training split (an imported model): more batches than any browser dataset holds. */
  nBatches: 10_000,
  /** A sketch wider than this (2^20 features) is not a sketch: the fit would not hold in any budget. */
  maxFeatures: 1_048_576,
});

/**
 * Most PCA batches worth asking for: as many distinct batches as the training split holds
 * (images / batch size), or the original's 64 (the "Match the original" preset; batches beyond the
 * split are not run, and the form says so). Without a known split, ANALYSIS_LIMITS.nBatches.
 */
function maxBatches(trainingImages: number | null, batchSize: number): number {
  if (trainingImages === null || !whole(batchSize, 1)) return ANALYSIS_LIMITS.nBatches;
  return Math.max(ORIGINAL_COMPRESSION.nBatches, Math.floor(trainingImages / batchSize));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function validateAnalysisOptions(o: AnalysisOptions, trainingImages: number | null): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const add = (field: OptionIssue['field'], message: string) => issues.push({ field, message });
  const pcaMemory = 'larger eigenproblems per batch do not fit a browser tab’s memory';
  if (!whole(o.nComponents, 1, ANALYSIS_LIMITS.nComponents))
    add(
      'nComponents',
      `Components must be a whole number from 1 to ${ANALYSIS_LIMITS.nComponents} (${pcaMemory}), got ${o.nComponents}.`,
    );
  if (!whole(o.batchSize, 1, ANALYSIS_LIMITS.batchSize))
    add(
      'batchSize',
      `Batch size must be a whole number from 1 to ${ANALYSIS_LIMITS.batchSize} images (${pcaMemory}), got ${o.batchSize}.`,
    );
  else if (whole(o.nComponents, 1) && o.batchSize < o.nComponents)
    add('batchSize', `Incremental PCA needs batches of at least as many images as components (${o.nComponents}).`);
  const most = maxBatches(trainingImages, o.batchSize);
  if (!whole(o.nBatches, 1, most))
    add(
      'nBatches',
      trainingImages === null
        ? `PCA batches must be a whole number from 1 to ${most}, got ${o.nBatches}.`
        : `PCA batches must be a whole number from 1 to ${most}: the training split's ${trainingImages} images make ${plural(Math.floor(trainingImages / Math.max(1, o.batchSize)), 'batch', 'batches')} of ${o.batchSize} (the original used ${ORIGINAL_COMPRESSION.nBatches}); more never run. Got ${o.nBatches}.`,
    );
  if (trainingImages !== null && whole(o.batchSize, 1) && trainingImages < o.batchSize)
    add('batchSize', `The run's training split has ${trainingImages} images, fewer than one batch of ${o.batchSize}.`);
  if (
    !whole(o.maxFeatures, 1, ANALYSIS_LIMITS.maxFeatures) ||
    (whole(o.nComponents, 1) && o.maxFeatures < o.nComponents)
  )
    add(
      'maxFeatures',
      `The sketch width must be a whole number from the ${o.nComponents} components to ${ANALYSIS_LIMITS.maxFeatures} features (a sketch keeps a layer's fit within the memory budget), got ${o.maxFeatures}.`,
    );
  if (!whole(o.permutations, 0, 100_000))
    add('permutations', `Permutations must be a whole number from 0 to 100000, got ${o.permutations}.`);
  if (!whole(o.bootstraps, 0, 100_000))
    add('bootstraps', `Bootstrap resamples must be a whole number from 0 to 100000, got ${o.bootstraps}.`);
  if (!Number.isSafeInteger(o.seed)) add('seed', `The seed must be a whole number, got ${o.seed}.`);
  // Options also arrive from stored records and files: check the value, not only its type.
  if (o.memoryBudgetMb !== undefined && !whole(o.memoryBudgetMb, 1, 16_384))
    add('memoryBudgetMb', `The memory budget must be a whole number of MiB from 1 to 16384, got ${o.memoryBudgetMb}.`);
  const folds: unknown = o.idFolds;
  if (folds !== undefined && folds !== 'original' && folds !== 'shuffled')
    add('idFolds', `Identity folds must be 'original' or 'shuffled', got ${JSON.stringify(folds)}.`);
  for (const [key, [min, max]] of Object.entries(VIEW_OPTION_LIMITS) as [
    keyof ViewOptions,
    readonly [number, number],
  ][]) {
    const value = o.views?.[key];
    if (value !== undefined && !whole(value, min, max))
      add(`views.${key}`, `${VIEW_LABELS[key]} must be a whole number from ${min} to ${max}, got ${value}.`);
  }
  return issues;
}
