import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_OPTIONS, defaultOptionsFor, originalOptions, validateAnalysisOptions } from './options';
import { type AnalysisOptions, idFoldsOf } from './records';

describe('identity folds', () => {
  it("default to the original's unshuffled stratified folds", () => {
    expect(DEFAULT_ANALYSIS_OPTIONS.idFolds).toBe('original');
    expect(idFoldsOf(DEFAULT_ANALYSIS_OPTIONS)).toBe('original');
  });

  it('read as shuffled for analyses stored before the option existed (they were shuffled)', () => {
    const legacy: AnalysisOptions = { ...DEFAULT_ANALYSIS_OPTIONS };
    delete legacy.idFolds;
    expect(idFoldsOf(legacy)).toBe('shuffled');
    expect(validateAnalysisOptions(legacy, null)).toEqual([]);
  });

  it('refuse anything but original or shuffled, naming the field', () => {
    const bad = { ...DEFAULT_ANALYSIS_OPTIONS, idFolds: 'random' } as unknown as AnalysisOptions;
    expect(validateAnalysisOptions(bad, null).map((i) => i.field)).toEqual(['idFolds']);
    expect(validateAnalysisOptions({ ...DEFAULT_ANALYSIS_OPTIONS, idFolds: 'shuffled' }, null)).toEqual([]);
  });
});

describe('presets', () => {
  it('size the browser defaults to the run: a batch no larger than its training split, components no more than a batch', () => {
    expect(defaultOptionsFor(null)).toEqual(DEFAULT_ANALYSIS_OPTIONS);
    expect(defaultOptionsFor(10_000)).toEqual(DEFAULT_ANALYSIS_OPTIONS);
    const small = defaultOptionsFor(96);
    expect([small.batchSize, small.nComponents]).toEqual([96, 96]);
    expect(validateAnalysisOptions(small, 96)).toEqual([]);
  });

  it("'Match the original' restores compress_model.py's settings as far as the split allows, its folds, and no additions", () => {
    const ours = { ...DEFAULT_ANALYSIS_OPTIONS, permutations: 100, bootstraps: 50, idFolds: 'shuffled' as const };
    expect(originalOptions(ours, 100_000)).toEqual({
      ...ours,
      nComponents: 2048,
      nBatches: 64,
      batchSize: 2048,
      permutations: 0,
      bootstraps: 0,
      idFolds: 'original',
    });
    const small = originalOptions(ours, 768);
    expect([small.nComponents, small.nBatches, small.batchSize]).toEqual([768, 64, 768]);
    expect(validateAnalysisOptions(small, 768)).toEqual([]);
  });

  it('bounds PCA batches by the batches the training split holds (or the original 64), with the reason', () => {
    const issues = validateAnalysisOptions(
      { ...DEFAULT_ANALYSIS_OPTIONS, batchSize: 100, nComponents: 10, nBatches: 1e6 },
      25_000,
    );
    expect(issues).toEqual([
      {
        field: 'nBatches',
        message:
          "PCA batches must be a whole number from 1 to 250: the training split's 25000 images make 250 batches of 100 (the original used 64); more never run. Got 1000000.",
      },
    ]);
    expect(
      validateAnalysisOptions({ ...DEFAULT_ANALYSIS_OPTIONS, batchSize: 100, nComponents: 10, nBatches: 250 }, 25_000),
    ).toEqual([]);
    expect(validateAnalysisOptions({ ...DEFAULT_ANALYSIS_OPTIONS, nBatches: 64 }, 300)).toEqual([]);
    expect(validateAnalysisOptions({ ...DEFAULT_ANALYSIS_OPTIONS, nBatches: 65 }, 300).map((i) => i.field)).toEqual([
      'nBatches',
    ]);
    expect(validateAnalysisOptions({ ...DEFAULT_ANALYSIS_OPTIONS, nBatches: 1e6 }, null).map((i) => i.field)).toEqual([
      'nBatches',
    ]);
  });

  it('bounds components, batch size and sketch width by what a browser can fit', () => {
    const big = { ...DEFAULT_ANALYSIS_OPTIONS, nComponents: 5000, batchSize: 10_000, maxFeatures: 1e7 };
    const issues = validateAnalysisOptions(big, null);
    expect(issues.map((i) => i.field)).toEqual(['nComponents', 'batchSize', 'maxFeatures']);
    expect(issues[0]?.message).toBe(
      'Components must be a whole number from 1 to 4096 (larger eigenproblems per batch do not fit a browser tab’s memory), got 5000.',
    );
  });

  it('refuses a memory budget outside 1..16384 MiB', () => {
    const issues = validateAnalysisOptions({ ...DEFAULT_ANALYSIS_OPTIONS, memoryBudgetMb: 0.5 }, null);
    expect(issues.map((i) => i.field)).toEqual(['memoryBudgetMb']);
  });
});
