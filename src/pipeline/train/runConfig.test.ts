import { describe, expect, it } from 'vitest';
import { TINY_PRESET } from '../../model/gmf/generatorSpec';
import type { DatasetRecord } from '../dataset/records';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig, validateTrainConfig } from './runConfig';
import { earlyStopMetrics } from './trainingRanges';

/** A complete 12 x 4 dataset at 64 px with a 6 / 3 / 3 split. */
const dataset: DatasetRecord = {
  id: 'd',
  name: 'faces',
  createdAt: 1,
  spec: structuredClone(TINY_PRESET),
  status: 'complete',
  split: { counts: { training: 6, validation: 3, testing: 3 }, seed: 1 },
};

function issuesOf(patch: Partial<TrainConfig>, takenRunNames?: readonly string[]) {
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, datasetId: 'd', ...patch };
  return validateTrainConfig(config, { dataset, trainingImages: null, ...(takenRunNames ? { takenRunNames } : {}) });
}

function onlyIssue(patch: Partial<TrainConfig>, field: string, takenRunNames?: readonly string[]): string {
  const issues = issuesOf(patch, takenRunNames);
  expect(issues.map((i) => i.field)).toEqual([field]);
  return issues[0]?.message ?? '';
}

describe('validateTrainConfig: plausible ranges (issue 14 section 1)', () => {
  it('accepts the defaults', () => {
    expect(issuesOf({})).toEqual([]);
    expect(issuesOf({ learningRate: 1, epochs: 1000, batchSize: 1024 })).toEqual([]);
  });

  it.each<[string, Partial<TrainConfig>, string, RegExp]>([
    ['learning rate 1e9', { learningRate: 1e9 }, 'learningRate', /at most 1, got 1000000000: .*diverges/],
    ['learning rate 0', { learningRate: 0 }, 'learningRate', /^The learning rate must be above 0, got 0\. /],
    ['learning rate NaN', { learningRate: Number.NaN }, 'learningRate', /got NaN/],
    ['learning rate Infinity', { learningRate: Infinity }, 'learningRate', /got Infinity/],
    ['epochs 1e9', { epochs: 1e9 }, 'epochs', /from 1 to 1000, got 1000000000.*days/],
    ['epochs 0', { epochs: 0 }, 'epochs', /from 1 to 1000/],
    ['batch size 1e6', { batchSize: 1e6 }, 'batchSize', /from 1 to 1024.*GPU/],
    ['batch size 2.5', { batchSize: 2.5 }, 'batchSize', /whole number/],
    [
      'early-stop metric foo',
      { earlyStop: { metric: 'foo', threshold: 0.9 } },
      'earlyStop',
      /'foo' is not one this run reports: choose one of val_loss, val_id_acc, loss, id_acc/,
    ],
    [
      'early-stop threshold NaN',
      { earlyStop: { metric: 'val_id_acc', threshold: Number.NaN } },
      'earlyStopThreshold',
      /must be a number/,
    ],
    [
      'early-stop on a head not trained',
      { earlyStop: { metric: 'val_gender_acc', threshold: 0.9 } },
      'earlyStop',
      /not one this run reports/,
    ],
  ])('refuses %s, saying why', (_label, patch, field, message) => {
    expect(onlyIssue(patch, field)).toMatch(message);
  });

  it('names the metrics each kind of head reports, as the training loop writes them', () => {
    expect(earlyStopMetrics(['id'])).toEqual(['val_loss', 'val_id_acc', 'loss', 'id_acc']);
    expect(earlyStopMetrics(['shape', 'yr', 'xt'])).toEqual([
      'val_loss',
      'val_shape_loss',
      'val_shape_cosine',
      'val_yr_loss',
      'val_yr_angle_err',
      'val_xt_loss',
      'val_xt_mae',
      'loss',
      'shape_loss',
      'shape_cosine',
      'yr_loss',
      'yr_angle_err',
      'xt_loss',
      'xt_mae',
    ]);
    expect(issuesOf({ targets: ['id', 'yr'], earlyStop: { metric: 'val_yr_angle_err', threshold: 5 } })).toEqual([]);
  });

  it('checks run names in forms: length limit and a name already taken', () => {
    expect(onlyIssue({ name: 'r'.repeat(10_000) }, 'name', [])).toMatch(/at most 80 characters \(this one has 10000\)/);
    expect(onlyIssue({ name: 'faces run' }, 'name', ['faces run'])).toMatch(
      /already a run called 'faces run'.*'faces run \(2\)'/,
    );
    // The worker's own check does not refuse a resumed run named before the limit.
    expect(issuesOf({ name: 'r'.repeat(10_000) })).toEqual([]);
    expect(onlyIssue({ name: '  ' }, 'name')).toMatch(/Give the run a name/);
  });
});
