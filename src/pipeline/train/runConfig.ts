/**
 * A training run's settings (DESIGN.md section 1 step 3 and the original's options) and the
 * checks that must pass before anything starts, each naming the field it is about.
 */
import type { DatasetRecord } from '../dataset/records';
// The definitions' own files, not the folders' index files: those load tfjs, which forms must not wait for.
import {
  ARCHITECTURES,
  type ArchitectureId,
  DEFAULT_BATCH_NORM_MOMENTUM,
  architectureInfo,
} from './architectures/architectures';
import { DEFAULT_TARGET_COMPONENTS, TARGET_NAMES, type TargetName } from './targets/targetSpecs';
import { nameIssue } from '../../lib/names';
import { earlyStopMetrics, trainingRangeIssues } from './trainingRanges';
import { noSplitMessage } from './noSplit';

export type DataSource = 'stored' | 'streamed';

export interface EarlyStop {
  /** A history column, e.g. `val_id_acc` or `val_loss`. */
  metric: string;
  /** Stop once the metric reaches it: at or above for accuracies and cosines, at or below otherwise. */
  threshold: number;
}

export interface TrainConfig {
  name: string;
  datasetId: string;
  /** A query saved with the dataset, by name; null = every image of the splits. */
  queryName: string | null;
  architecture: ArchitectureId;
  targets: TargetName[];
  shapeComponents: number;
  texComponents: number;
  batchSize: number;
  epochs: number;
  learningRate: number;
  batchNormMomentum: number;
  /** Training identities to use (the first n of the training split, by id); null = all. */
  trainIdentities: number | null;
  /** Variations per identity to use (the first k); null = all. */
  variationsPerIdentity: number | null;
  earlyStop: EarlyStop | null;
  data: DataSource;
  /** Seeds the weights, the shuffles, the holdout and streamed variations. */
  seed: number;
}

/** The original's defaults where they fit a browser (DESIGN.md section 6: batch 256 is GPU-sized). */
export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = Object.freeze<TrainConfig>({
  name: 'run',
  datasetId: '',
  queryName: null,
  architecture: 'ResNet6',
  targets: ['id'],
  shapeComponents: DEFAULT_TARGET_COMPONENTS,
  texComponents: DEFAULT_TARGET_COMPONENTS,
  batchSize: 16,
  epochs: 10,
  learningRate: 1e-3,
  batchNormMomentum: DEFAULT_BATCH_NORM_MOMENTUM,
  trainIdentities: null,
  variationsPerIdentity: null,
  earlyStop: null,
  data: 'stored',
  seed: 1,
});

export interface ConfigIssue {
  field: keyof TrainConfig | 'dataset' | 'earlyStopThreshold';
  message: string;
}

/** What the checks need to know about the data, before any image is read. */
export interface DataFacts {
  dataset: DatasetRecord;
  /** Images the run would train on after the query, split and limits (null: not counted yet). */
  trainingImages: number | null;
  /**
   * Names of the runs already stored: given (by forms), the name must be new and within the
   * length limit. The worker's check leaves them out: a resumed run may predate the limit, and
   * "Train N seeds" adds " seed k" to a checked name.
   */
  takenRunNames?: readonly string[];
}

const whole = (v: number, min: number) => Number.isSafeInteger(v) && v >= min;

export function validateTrainConfig(config: TrainConfig, facts: DataFacts): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (field: ConfigIssue['field'], message: string) => issues.push({ field, message });
  const { dataset } = facts;
  const spec = dataset.spec;
  if (facts.takenRunNames) {
    const problem = nameIssue(config.name, 'run', facts.takenRunNames);
    if (problem) add('name', problem);
  } else if (config.name.trim() === '') add('name', 'Give the run a name.');
  if (dataset.status !== 'complete') add('dataset', `Dataset '${dataset.name}' is not complete yet.`);
  if (!dataset.split) add('dataset', noSplitMessage(dataset.name));
  if (config.queryName !== null && dataset.queries?.[config.queryName] === undefined)
    add('queryName', `Dataset '${dataset.name}' has no saved query '${config.queryName}'.`);
  if (!ARCHITECTURES.some((a) => a.id === config.architecture))
    add('architecture', `Unknown architecture '${config.architecture}'.`);
  else {
    const info = architectureInfo(config.architecture);
    if (info.binocular && !spec.binocular)
      add('architecture', `${info.label} needs left and right images, but '${dataset.name}' is monocular.`);
    if (spec.resolution < info.minInputSize)
      add(
        'architecture',
        `${info.label} needs images of at least ${info.minInputSize}×${info.minInputSize}; this dataset's are ${spec.resolution}×${spec.resolution}.`,
      );
  }
  if (config.targets.length === 0) add('targets', 'Choose at least one target.');
  for (const t of config.targets) if (!TARGET_NAMES.includes(t)) add('targets', `Unknown target '${t}'.`);
  if (config.targets.includes('bg') && !spec.addBackground)
    add('targets', `Target bg needs backgrounds, but '${dataset.name}' was generated without them.`);
  if (
    config.targets.includes('shape') &&
    !(whole(config.shapeComponents, 1) && config.shapeComponents <= spec.shapeComponents)
  ) {
    add(
      'shapeComponents',
      `Shape components must be a whole number from 1 to the ${spec.shapeComponents} the dataset stores.`,
    );
  }
  if (
    config.targets.includes('tex') &&
    !(whole(config.texComponents, 1) && config.texComponents <= spec.textureComponents)
  ) {
    add(
      'texComponents',
      `Texture components must be a whole number from 1 to the ${spec.textureComponents} the dataset stores.`,
    );
  }
  const ranges = trainingRangeIssues(config);
  for (const issue of ranges) add(issue.field, issue.message);
  const batchInRange = !ranges.some((i) => i.field === 'batchSize');
  if (batchInRange && facts.trainingImages !== null && config.batchSize > facts.trainingImages) {
    add(
      'batchSize',
      `Batch size ${config.batchSize} is larger than the ${facts.trainingImages} training images available.`,
    );
  }
  if (!(config.batchNormMomentum >= 0 && config.batchNormMomentum < 1))
    add('batchNormMomentum', `Batch-norm momentum must be at least 0 and below 1, got ${config.batchNormMomentum}.`);
  const trainingIdentities = dataset.split?.counts.training ?? spec.identities;
  if (
    config.trainIdentities !== null &&
    !(whole(config.trainIdentities, 1) && config.trainIdentities <= trainingIdentities)
  ) {
    add(
      'trainIdentities',
      `Training identities must be a whole number from 1 to the ${trainingIdentities} of the training split.`,
    );
  }
  if (
    config.variationsPerIdentity !== null &&
    !(whole(config.variationsPerIdentity, 1) && config.variationsPerIdentity <= spec.variationsPerIdentity)
  ) {
    add(
      'variationsPerIdentity',
      `Variations per identity must be a whole number from 1 to the ${spec.variationsPerIdentity} the dataset has.`,
    );
  }
  if (config.targets.includes('id') && (config.variationsPerIdentity ?? spec.variationsPerIdentity) < 2) {
    add(
      'variationsPerIdentity',
      "With id as a target, 12.5 % of each identity's images are held out to validate: use at least 2 variations per identity.",
    );
  }
  if (config.earlyStop) {
    const { metric, threshold } = config.earlyStop;
    const known = earlyStopMetrics(config.targets);
    if (!known.includes(metric.trim()))
      add(
        'earlyStop',
        `Early stop metric '${metric}' is not one this run reports: choose one of ${known.join(', ')} (empty: no early stop).`,
      );
    if (!Number.isFinite(threshold))
      add('earlyStopThreshold', `The early stop threshold must be a number, got ${threshold}.`);
  }
  if (!Number.isSafeInteger(config.seed)) add('seed', `The seed must be a whole number, got ${config.seed}.`);
  return issues;
}
