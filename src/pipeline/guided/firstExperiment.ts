/**
 * The guided first experiment: the original's worked example at browser scale, in one flow —
 * generate a dataset, split its identities, train ResNet6 on identity, analyse every layer,
 * open the results. Pure: what to build at which size, and, from the stored records, what the
 * flow does next. The app layer (app/guided) performs the steps with the ordinary jobs, so
 * each one is visible in its tab, can be paused there, and resumes after a reload.
 */
import { BINOCULAR_112_PRESET, DEFAULT_GENERATOR_SPEC, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import { defaultOptionsFor } from '../analyze/options';
import type { AnalysisOptions, AnalysisRecord } from '../analyze/records';
import type { DatasetRecord } from '../dataset/records';
import type { SplitCounts } from '../dataset/splits';
import type { ArchitectureId } from '../train/architectures';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../train/runConfig';
import type { RunRecord } from '../train/runRecords';

/** The choices a researcher may change before starting. */
export interface FirstExperimentSize {
  identities: number;
  variations: number;
  resolution: number;
  epochs: number;
}

/** Sizes the flow accepts: enough identities for a 50/25/25 split with 4-fold identity decoding. */
export const SIZE_LIMITS: Record<keyof FirstExperimentSize, { min: number; max: number }> = {
  identities: { min: 16, max: 400 },
  variations: { min: 4, max: 64 },
  resolution: { min: 32, max: 128 },
  epochs: { min: 1, max: 100 },
};

export const DEFAULT_SIZE: FirstExperimentSize = { identities: 32, variations: 12, resolution: 64, epochs: 8 };

/** What the flow stores: the size and the names of the items it makes (unique when it starts). */
export interface FirstExperimentPlan {
  size: FirstExperimentSize;
  datasetName: string;
  runName: string;
  startedAt: number;
  /** The steps whose item has been stored once: one missing since was deleted, and is not made again. */
  seen?: readonly ('generate' | 'train' | 'analyse')[];
}

/** The generator spec: the original's worked example's ranges (pose, light, age), monocular, backgrounds on. */
export function firstExperimentSpec(plan: FirstExperimentPlan): GeneratorSpec {
  return {
    ...structuredClone(DEFAULT_GENERATOR_SPEC),
    name: plan.datasetName,
    identities: plan.size.identities,
    variationsPerIdentity: plan.size.variations,
    resolution: plan.size.resolution,
    addBackground: true,
    format: 'jpg',
    age: { ...BINOCULAR_112_PRESET.age },
    ranges: structuredClone(BINOCULAR_112_PRESET.ranges),
    binocular: false,
    renderScale: 2,
  };
}

/** Half the identities train the network, a quarter validate it, a quarter are decoded (testing). */
export function firstExperimentSplit(identities: number): SplitCounts {
  const validation = Math.floor(identities / 4);
  const testing = Math.floor(identities / 4);
  return { training: identities - validation - testing, validation, testing };
}

/** ResNet-6, the worked example's network. */
export const FIRST_EXPERIMENT_ARCHITECTURE: ArchitectureId = 'ResNet6';

/** The run's batch size: small enough for a laptop's memory at any of the sizes allowed. */
export const FIRST_EXPERIMENT_BATCH = 16;

/** ResNet6 trained on identity, as the original's worked example, with the app's default optimiser settings. */
export function firstExperimentTrainConfig(plan: FirstExperimentPlan, datasetId: string): TrainConfig {
  return {
    ...DEFAULT_TRAIN_CONFIG,
    name: plan.runName,
    datasetId,
    architecture: FIRST_EXPERIMENT_ARCHITECTURE,
    targets: ['id'],
    epochs: plan.size.epochs,
    batchSize: FIRST_EXPERIMENT_BATCH,
  };
}

/** The browser defaults for an analysis of `run` (components and batches fitted to its training images). */
export function firstExperimentAnalysisOptions(run: RunRecord): AnalysisOptions {
  return defaultOptionsFor(run.images.training);
}

/** Problems with a size, each naming the field and its range; empty when the flow can start. */
export function sizeIssues(size: FirstExperimentSize): { field: keyof FirstExperimentSize; message: string }[] {
  const labels: Record<keyof FirstExperimentSize, string> = {
    identities: 'Identities',
    variations: 'Variations per identity',
    resolution: 'Resolution',
    epochs: 'Epochs',
  };
  return (Object.keys(SIZE_LIMITS) as (keyof FirstExperimentSize)[]).flatMap((field) => {
    const { min, max } = SIZE_LIMITS[field];
    const value = size[field];
    if (Number.isInteger(value) && value >= min && value <= max) return [];
    const why =
      field === 'identities'
        ? ' (a quarter of them are decoded, with 4-fold cross-validation over identities)'
        : field === 'variations'
          ? ' (identity decoding folds each identity’s images 4 ways)'
          : '';
    return [{ field, message: `${labels[field]} must be a whole number from ${min} to ${max}${why}, got ${value}.` }];
  });
}

/** Measured rates on this machine, in images/s; training and analysis only where measured. */
export interface FlowRates {
  generate: number;
  /** Training images per second (epochs count again). */
  train?: number | null;
  /** Dataset images per second of the whole analysis. */
  analyse?: number | null;
}

/**
 * `size` with as many identities as the measured steps get through in about `budgetSeconds`:
 * generating every image, training `epochs` passes over the training half, analysing every
 * image (the steps not measured count nothing). In steps of 4 between the limits, the rest kept.
 */
export function sizeForSpeed(size: FirstExperimentSize, rates: FlowRates, budgetSeconds: number): FirstExperimentSize {
  const { min, max } = SIZE_LIMITS.identities;
  const per = (rate: number | null | undefined) => (rate && rate > 0 && Number.isFinite(rate) ? 1 / rate : 0);
  // Seconds per identity: its images generated, trained (half the identities, every epoch) and analysed.
  const secondsPerIdentity =
    size.variations *
    ((Number.isFinite(rates.generate) && rates.generate > 0 ? 1 / rates.generate : Infinity) +
      (size.epochs * per(rates.train)) / 2 +
      per(rates.analyse));
  const fit = Math.floor(budgetSeconds / secondsPerIdentity / 4) * 4;
  return { ...size, identities: Math.min(max, Math.max(min, Number.isFinite(fit) ? fit : min)) };
}

export type GuidedStage = 'generate' | 'split' | 'train' | 'analyse' | 'results';
export const GUIDED_STAGES: readonly GuidedStage[] = ['generate', 'split', 'train', 'analyse', 'results'];

/** The flow's items as stored now (found by the plan's names; the analysis by its run). */
export interface GuidedRecords {
  dataset?: DatasetRecord;
  run?: RunRecord;
  analysis?: AnalysisRecord;
}

/** What the flow does next. */
export type GuidedAction =
  | { type: 'generate'; spec: GeneratorSpec }
  | { type: 'split'; dataset: DatasetRecord; counts: SplitCounts }
  | { type: 'train'; config: TrainConfig }
  | { type: 'analyse'; run: RunRecord; datasetId: string; options: AnalysisOptions }
  /** The stage's job runs (here or in another tab, or resumes after a reload): wait for it. */
  | { type: 'wait'; stage: GuidedStage }
  /** The stage's job was paused or failed: the flow waits until it is resumed there. */
  | { type: 'held'; stage: GuidedStage; reason: string }
  | { type: 'done'; analysisId: string };

/** The next step, from what is stored: every step is idempotent, so a reload simply asks again. */
export function nextGuidedAction(plan: FirstExperimentPlan, records: GuidedRecords): GuidedAction {
  const { dataset, run, analysis } = records;
  const deleted = (stage: 'generate' | 'train' | 'analyse', what: string): GuidedAction => ({
    type: 'held',
    stage,
    reason: `${what} was deleted, so the flow stops here (it does not make it again behind your back): leave the guided experiment, and start a new one if you want to.`,
  });
  const seen = new Set(plan.seen ?? []);
  if (!dataset) {
    if (seen.has('generate')) return deleted('generate', `The dataset “${plan.datasetName}”`);
    return { type: 'generate', spec: firstExperimentSpec(plan) };
  }
  if (dataset.status !== 'complete') {
    if (dataset.status === 'paused') return { type: 'held', stage: 'generate', reason: 'The generation is paused.' };
    if (dataset.error) return { type: 'held', stage: 'generate', reason: `The generation stopped: ${dataset.error}` };
    return { type: 'wait', stage: 'generate' };
  }
  if (!dataset.split) return { type: 'split', dataset, counts: firstExperimentSplit(dataset.spec.identities) };
  if (!run) {
    if (seen.has('train')) return deleted('train', `The run “${plan.runName}”`);
    return { type: 'train', config: firstExperimentTrainConfig(plan, dataset.id) };
  }
  if (run.status === 'training') return { type: 'wait', stage: 'train' };
  if (run.status === 'paused') return { type: 'held', stage: 'train', reason: 'The training run is paused.' };
  if (run.status === 'failed')
    return { type: 'held', stage: 'train', reason: `The training run failed: ${run.error ?? 'no message'}` };
  // 'complete', or 'stopped' for good (the weights so far are its model): analyse it.
  if (!analysis) {
    if (seen.has('analyse')) return deleted('analyse', `The analysis of “${plan.runName}”`);
    return { type: 'analyse', run, datasetId: dataset.id, options: firstExperimentAnalysisOptions(run) };
  }
  if (analysis.status === 'running') return { type: 'wait', stage: 'analyse' };
  if (analysis.status === 'paused') return { type: 'held', stage: 'analyse', reason: 'The analysis is paused.' };
  if (analysis.status === 'failed')
    return { type: 'held', stage: 'analyse', reason: `The analysis failed: ${analysis.error ?? 'no message'}` };
  return { type: 'done', analysisId: analysis.id };
}

/** `plan` with the steps whose items are stored now marked seen (the same plan when nothing is new). */
export function withSeen(plan: FirstExperimentPlan, records: GuidedRecords): FirstExperimentPlan {
  const seen = new Set(plan.seen ?? []);
  const before = seen.size;
  if (records.dataset) seen.add('generate');
  if (records.run) seen.add('train');
  if (records.analysis) seen.add('analyse');
  return seen.size === before ? plan : { ...plan, seen: [...seen] };
}

/** The stage an action belongs to. */
export function stageOf(action: GuidedAction): GuidedStage {
  switch (action.type) {
    case 'generate':
      return 'generate';
    case 'split':
      return 'split';
    case 'train':
      return 'train';
    case 'analyse':
      return 'analyse';
    case 'wait':
    case 'held':
      return action.stage;
    case 'done':
      return 'results';
  }
}
