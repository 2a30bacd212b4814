import { describe, expect, it } from 'vitest';
import { validateGeneratorSpec } from '../../model/gmf/generatorSpec';
import type { AnalysisRecord } from '../analyze/records';
import type { DatasetRecord } from '../dataset/records';
import { splitCountsIssue } from '../dataset/splits';
import { validateTrainConfig } from '../train/runConfig';
import type { RunRecord } from '../train/runRecords';
import {
  DEFAULT_SIZE,
  type FirstExperimentPlan,
  firstExperimentSpec,
  firstExperimentSplit,
  nextGuidedAction,
  SIZE_LIMITS,
  sizeForSpeed,
  sizeIssues,
  stageOf,
  withSeen,
} from './firstExperiment';

const plan: FirstExperimentPlan = {
  size: DEFAULT_SIZE,
  datasetName: 'first experiment',
  runName: 'first experiment run',
  startedAt: 1,
};

const dataset = (patch: Partial<DatasetRecord>): DatasetRecord => ({
  id: 'd1',
  name: plan.datasetName,
  createdAt: 1,
  spec: firstExperimentSpec(plan),
  status: 'complete',
  split: { counts: firstExperimentSplit(DEFAULT_SIZE.identities), seed: 42 },
  ...patch,
});
const run = (patch: Partial<RunRecord>): RunRecord =>
  ({
    id: 'r1',
    name: plan.runName,
    createdAt: 2,
    status: 'complete',
    history: [],
    images: { training: 192, validation: 96 },
    ...patch,
  }) as RunRecord;
const analysis = (patch: Partial<AnalysisRecord>): AnalysisRecord =>
  ({ id: 'a1', name: 'first experiment run analysis', runId: 'r1', status: 'complete', ...patch }) as AnalysisRecord;

describe('the guided first experiment', () => {
  it('builds a spec, split and training config the ordinary validators accept', () => {
    const spec = firstExperimentSpec(plan);
    expect(validateGeneratorSpec(spec, [])).toEqual([]);
    expect(spec).toMatchObject({ identities: 32, variationsPerIdentity: 12, resolution: 64, binocular: false });
    for (const n of [16, 17, 18, 19, 32, 400]) {
      const counts = firstExperimentSplit(n);
      expect(splitCountsIssue(counts, n)).toBeNull();
      expect(counts.training).toBeGreaterThanOrEqual(n / 2);
      expect(counts.testing).toBe(Math.floor(n / 4));
    }
    const action = nextGuidedAction(plan, { dataset: dataset({}) });
    expect(action.type).toBe('train');
    if (action.type !== 'train') return;
    expect(action.config).toMatchObject({ architecture: 'ResNet6', targets: ['id'], epochs: 8, datasetId: 'd1' });
    expect(validateTrainConfig(action.config, { dataset: dataset({}), trainingImages: 192 })).toEqual([]);
  });

  it('goes generate → split → train → analyse → results as the records appear', () => {
    const steps = [
      nextGuidedAction(plan, {}),
      nextGuidedAction(plan, { dataset: dataset({ status: 'generating' }) }),
      nextGuidedAction(plan, { dataset: dataset({ split: undefined }) }),
      nextGuidedAction(plan, { dataset: dataset({}) }),
      nextGuidedAction(plan, { dataset: dataset({}), run: run({ status: 'training' }) }),
      nextGuidedAction(plan, { dataset: dataset({}), run: run({}) }),
      nextGuidedAction(plan, { dataset: dataset({}), run: run({}), analysis: analysis({ status: 'running' }) }),
      nextGuidedAction(plan, { dataset: dataset({}), run: run({}), analysis: analysis({}) }),
    ];
    expect(steps.map((s) => s.type)).toEqual(['generate', 'wait', 'split', 'train', 'wait', 'analyse', 'wait', 'done']);
    expect(steps.map(stageOf)).toEqual([
      'generate',
      'generate',
      'split',
      'train',
      'train',
      'analyse',
      'analyse',
      'results',
    ]);
    const split = steps[2];
    expect(split?.type === 'split' && split.counts).toEqual({ training: 16, validation: 8, testing: 8 });
    const analyse = steps[5];
    // The browser defaults, fitted to the run's 192 training images.
    expect(analyse?.type === 'analyse' && analyse.options.batchSize).toBe(192);
  });

  it('holds, saying why, while a step is paused or failed; a run stopped for good is analysed', () => {
    expect(nextGuidedAction(plan, { dataset: dataset({ status: 'paused' }) })).toMatchObject({
      type: 'held',
      stage: 'generate',
    });
    expect(nextGuidedAction(plan, { dataset: dataset({ status: 'generating', error: 'GPU lost' }) })).toEqual({
      type: 'held',
      stage: 'generate',
      reason: 'The generation stopped: GPU lost',
    });
    expect(nextGuidedAction(plan, { dataset: dataset({}), run: run({ status: 'failed', error: 'NaN loss' }) })).toEqual(
      {
        type: 'held',
        stage: 'train',
        reason: 'The training run failed: NaN loss',
      },
    );
    expect(nextGuidedAction(plan, { dataset: dataset({}), run: run({ status: 'stopped' }) }).type).toBe('analyse');
    expect(
      nextGuidedAction(plan, { dataset: dataset({}), run: run({}), analysis: analysis({ status: 'paused' }) }),
    ).toMatchObject({ type: 'held', stage: 'analyse' });
  });

  it('checks the size against its limits, naming the field and why', () => {
    expect(sizeIssues(DEFAULT_SIZE)).toEqual([]);
    expect(sizeIssues({ ...DEFAULT_SIZE, identities: 8, epochs: 1.5 })).toEqual([
      {
        field: 'identities',
        message:
          'Identities must be a whole number from 16 to 400 (a quarter of them are decoded, with 4-fold cross-validation over identities), got 8.',
      },
      { field: 'epochs', message: 'Epochs must be a whole number from 1 to 100, got 1.5.' },
    ]);
  });

  it('sizes the dataset to the measured generation speed: identities in steps of 4 within the limits, the rest kept', () => {
    // 4 images/s for 180 s = 720 images = 60 identities of 12.
    expect(sizeForSpeed(DEFAULT_SIZE, { generate: 4 }, 180)).toEqual({ ...DEFAULT_SIZE, identities: 60 });
    // Of 8 variations: 720 / 8 = 90 → 88 (a multiple of 4).
    expect(sizeForSpeed({ ...DEFAULT_SIZE, variations: 8, epochs: 3 }, { generate: 4 }, 180)).toEqual({
      ...DEFAULT_SIZE,
      variations: 8,
      epochs: 3,
      identities: 88,
    });
    expect(sizeForSpeed(DEFAULT_SIZE, { generate: 0.1 }, 180).identities).toBe(SIZE_LIMITS.identities.min);
    expect(sizeForSpeed(DEFAULT_SIZE, { generate: 1000 }, 180).identities).toBe(SIZE_LIMITS.identities.max);
    expect(sizeForSpeed(DEFAULT_SIZE, { generate: Number.NaN }, 180).identities).toBe(SIZE_LIMITS.identities.min);
  });

  it('counts training (the training half, every epoch) and the analysis when they are measured', () => {
    // Per identity of 12 images: 12/4 = 3 s generating, 8 epochs x 6 images / 16/s = 3 s training,
    // 12 / 6/s = 2 s analysing: 8 s, so 300 s holds 37.5 → 36 identities.
    expect(sizeForSpeed(DEFAULT_SIZE, { generate: 4, train: 16, analyse: 6 }, 300).identities).toBe(36);
    // Unmeasured steps count nothing: 300 s / 3 s = 100 identities.
    expect(sizeForSpeed(DEFAULT_SIZE, { generate: 4, train: null, analyse: 0 }, 300).identities).toBe(100);
  });

  it('marks the items it has seen, and holds instead of making a deleted one again', () => {
    const stored = { dataset: dataset({}), run: run({}) };
    const seenPlan = withSeen(plan, stored);
    expect(seenPlan.seen).toEqual(['generate', 'train']);
    // Nothing new: the same plan object (nothing to store).
    expect(withSeen(seenPlan, stored)).toBe(seenPlan);
    // Before being seen, a missing item is simply made.
    expect(nextGuidedAction(plan, {}).type).toBe('generate');
    // Seen, then deleted: held, saying so.
    const gone = nextGuidedAction(seenPlan, {});
    expect(gone).toMatchObject({ type: 'held', stage: 'generate' });
    expect(gone.type === 'held' && gone.reason).toMatch(/^The dataset “first experiment” was deleted/);
    expect(nextGuidedAction(seenPlan, { dataset: dataset({}) })).toMatchObject({ type: 'held', stage: 'train' });
    const analysed = withSeen(seenPlan, { ...stored, analysis: analysis({}) });
    expect(nextGuidedAction(analysed, stored)).toMatchObject({ type: 'held', stage: 'analyse' });
  });
});
