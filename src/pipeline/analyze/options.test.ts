import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_OPTIONS, validateAnalysisOptions } from './options';
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
