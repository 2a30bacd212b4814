/**
 * What each job's progress counts and how many images one counted item is, so every rate the
 * UI shows is in images/s (lib/jobs/progressText.ts formats it). The workers report plain counts.
 */
import type { JobProgress } from '../../lib/jobs/progress';
import { countedIn } from '../../lib/jobs/progressText';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { AnalysisOptions } from '../../pipeline/analyze/records';
import { imagesPerRecord } from '../../pipeline/generate/estimate';
import type { TrainConfig } from '../../pipeline/train/runConfig';

/** Generation counts parameter records; each renders one image, three when binocular. */
export function generationProgress(progress: JobProgress, spec: Pick<GeneratorSpec, 'binocular'>): JobProgress {
  return countedIn(progress, 'parameter records', imagesPerRecord(spec));
}

/**
 * Training counts optimiser steps. An epoch is ceil(n / batch) steps over n images, so a step
 * is n / steps images on average (the batch size, less for the last short batch). A new run's
 * record does not know n yet (the worker selects the images): the batch size then.
 */
export function trainingProgress(
  progress: JobProgress,
  run: { config: Pick<TrainConfig, 'batchSize'>; images?: { training: number } },
): JobProgress {
  const { batchSize } = run.config;
  const n = run.images?.training ?? 0;
  const perStep = n > 0 ? n / Math.ceil(n / batchSize) : batchSize;
  return countedIn(progress, 'steps', perStep);
}

/**
 * Analysis stages (runAnalysis.ts): compress counts batches of `batchSize` training images (the
 * plan uses whole batches only), decompose counts images, decode counts layers, the views count
 * their own work units (no images, so no images/s).
 */
export function analysisProgress(progress: JobProgress, options: Pick<AnalysisOptions, 'batchSize'>): JobProgress {
  const stage = progress.message ?? '';
  if (stage === 'compress') return countedIn(progress, 'batches', options.batchSize);
  if (stage.startsWith('decompose')) return countedIn(progress, 'images');
  if (stage === 'decode') return countedIn(progress, 'layers');
  return countedIn(progress, 'steps');
}
