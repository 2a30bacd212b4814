/** Analysis options: browser-sized defaults and the checks made before anything starts. */
import type { AnalysisOptions } from './records';

/**
 * The original compressed to 2048 components from 64 batches of 2048 images on a GPU server.
 * In a browser, 64 components from 8 batches of 128 images keep the per-batch eigenproblem
 * (components + batch)^2 and the stored activations small, and layers wider than 2048 features
 * are sketched first, so a 112x112 dataset fits in memory.
 */
export const DEFAULT_ANALYSIS_OPTIONS: Readonly<AnalysisOptions> = Object.freeze({
  nComponents: 64,
  nBatches: 8,
  batchSize: 128,
  maxFeatures: 2048,
  permutations: 0,
  bootstraps: 0,
  seed: 1,
  idFolds: 'original',
});

export interface OptionIssue {
  field: keyof AnalysisOptions;
  message: string;
}

const whole = (v: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isSafeInteger(v) && v >= min && v <= max;

export function validateAnalysisOptions(o: AnalysisOptions, trainingImages: number | null): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const add = (field: keyof AnalysisOptions, message: string) => issues.push({ field, message });
  if (!whole(o.nComponents, 1))
    add('nComponents', `Components must be a whole number of 1 or more, got ${o.nComponents}.`);
  if (!whole(o.batchSize, 1)) add('batchSize', `Batch size must be a whole number of 1 or more, got ${o.batchSize}.`);
  else if (whole(o.nComponents, 1) && o.batchSize < o.nComponents)
    add('batchSize', `Incremental PCA needs batches of at least as many images as components (${o.nComponents}).`);
  if (!whole(o.nBatches, 1)) add('nBatches', `Batches must be a whole number of 1 or more, got ${o.nBatches}.`);
  if (trainingImages !== null && whole(o.batchSize, 1) && trainingImages < o.batchSize)
    add('batchSize', `The run's training split has ${trainingImages} images, fewer than one batch of ${o.batchSize}.`);
  if (!whole(o.maxFeatures, 1) || (whole(o.nComponents, 1) && o.maxFeatures < o.nComponents))
    add('maxFeatures', `The sketch width must be a whole number of at least the ${o.nComponents} components.`);
  if (!whole(o.permutations, 0, 100_000))
    add('permutations', `Permutations must be a whole number from 0 to 100000, got ${o.permutations}.`);
  if (!whole(o.bootstraps, 0, 100_000))
    add('bootstraps', `Bootstrap resamples must be a whole number from 0 to 100000, got ${o.bootstraps}.`);
  if (!Number.isSafeInteger(o.seed)) add('seed', `The seed must be a whole number, got ${o.seed}.`);
  // Options also arrive from stored records and files: check the value, not only its type.
  const folds: unknown = o.idFolds;
  if (folds !== undefined && folds !== 'original' && folds !== 'shuffled')
    add('idFolds', `Identity folds must be 'original' or 'shuffled', got ${JSON.stringify(folds)}.`);
  return issues;
}
