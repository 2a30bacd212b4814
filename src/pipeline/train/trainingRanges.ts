/**
 * The ranges a run's numbers must keep (issue 14: learning rate 1e9 ended "complete" with the
 * loss rising, epochs 1e9 and early-stop metric "foo" were accepted), each message with the
 * range and why, and the history columns an early stop may watch.
 */
import {
  ANGLE_TARGETS,
  CATEGORICAL_TARGETS,
  COEFFICIENT_TARGETS,
  METRIC_LABELS,
  type MetricName,
  type TargetName,
} from './targets/targetSpecs';

/** Adam moves each weight by about the learning rate a step; weights are of order 0.01..1. */
export const MAX_LEARNING_RATE = 1;
/** At seconds to minutes an epoch in a browser, 1000 epochs is days; early stop ends useful runs sooner. */
export const MAX_EPOCHS = 1000;
/** One batch is one tensor: 1024 images of 256 × 256 × 3 floats is already 800 MB of GPU memory. */
export const MAX_BATCH_SIZE = 1024;

export interface RangeIssue {
  field: 'learningRate' | 'epochs' | 'batchSize';
  message: string;
}

export function trainingRangeIssues(config: { learningRate: number; epochs: number; batchSize: number }): RangeIssue[] {
  const issues: RangeIssue[] = [];
  const { learningRate, epochs, batchSize } = config;
  if (!(learningRate > 0))
    issues.push({
      field: 'learningRate',
      message: `The learning rate must be above 0, got ${learningRate}. Adam moves every weight by about the learning rate each step, so 0 learns nothing (0.001 is the usual start; at most ${MAX_LEARNING_RATE}).`,
    });
  else if (!(learningRate <= MAX_LEARNING_RATE))
    issues.push({
      field: 'learningRate',
      message: `The learning rate must be at most ${MAX_LEARNING_RATE}, got ${learningRate}: Adam moves every weight by about the learning rate each step, so above 1 the weights jump past any minimum and the loss diverges (0.001 is the usual start).`,
    });
  if (!(Number.isSafeInteger(epochs) && epochs >= 1 && epochs <= MAX_EPOCHS))
    issues.push({
      field: 'epochs',
      message: `Epochs must be a whole number from 1 to ${MAX_EPOCHS}, got ${epochs}: at seconds to minutes an epoch in a browser, ${MAX_EPOCHS} epochs already take days (an early stop ends a run once it is good enough).`,
    });
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1 && batchSize <= MAX_BATCH_SIZE))
    issues.push({
      field: 'batchSize',
      message: `Batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}, got ${batchSize}: a batch is one tensor on the GPU, and ${MAX_BATCH_SIZE} images of 256 px already take 800 MB.`,
    });
  return issues;
}

const includes = <T extends string>(list: readonly T[], name: string): name is T =>
  (list as readonly string[]).includes(name);

/** The metric a target's head reports (as targetSpecs.ts's buildTargetSpecs gives it). */
function metricOf(target: TargetName): MetricName {
  if (includes(CATEGORICAL_TARGETS, target)) return 'accuracy';
  if (includes(COEFFICIENT_TARGETS, target)) return 'cosineSimilarity';
  if (includes(ANGLE_TARGETS, target)) return 'angularError';
  return 'meanAbsoluteError';
}

/**
 * The history columns a run with `targets` reports (loop.ts): the loss, each head's metric and,
 * with several heads, each head's loss; validation twins first, the ones an early stop should watch.
 */
export function earlyStopMetrics(targets: readonly TargetName[]): string[] {
  const columns = ['loss'];
  for (const t of targets) {
    if (targets.length > 1) columns.push(`${t}_loss`);
    columns.push(`${t}_${METRIC_LABELS[metricOf(t)]}`);
  }
  return [...columns.map((c) => `val_${c}`), ...columns];
}
