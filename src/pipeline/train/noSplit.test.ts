import { describe, expect, it } from 'vitest';
import { TINY_PRESET } from '../../model/gmf/generatorSpec';
import { analysisDatasetProblem } from '../analyze/preflight';
import type { DatasetRecord } from '../dataset/records';
import { imagesMatching } from './data/selectItems';
import { noSplitMessage } from './noSplit';
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig } from './runConfig';
import type { RunRecord } from './runRecords';

/** A complete dataset nobody has split yet. */
const unsplit: DatasetRecord = {
  id: 'd',
  name: 'faces',
  createdAt: 1,
  spec: structuredClone(TINY_PRESET),
  status: 'complete',
};

const WHERE = /In the Dataset tab, open “Split and export” in its row, .* save the split\.$/;

describe('no saved split: every message says where the split is made', () => {
  it('names the dataset, the Dataset tab, its row and “Split and export”', () => {
    expect(noSplitMessage('faces')).toMatch(/^Dataset 'faces' has no saved split\. /);
    expect(noSplitMessage('faces')).toMatch(WHERE);
  });

  it('is what Train, its data selection and Analyze say', () => {
    const issues = validateTrainConfig(
      { ...DEFAULT_TRAIN_CONFIG, name: 'run', datasetId: 'd' },
      { dataset: unsplit, trainingImages: null },
    );
    expect(issues).toContainEqual({ field: 'dataset', message: noSplitMessage('faces') });
    expect(() => imagesMatching(unsplit, [], '', ['training'])).toThrow(noSplitMessage('faces'));
    const run = { name: 'run', config: { datasetId: 'd' } } as RunRecord;
    expect(analysisDatasetProblem(run, 'd', unsplit)).toBe(noSplitMessage('faces'));
  });
});
