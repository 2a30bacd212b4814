import { describe, expect, it } from 'vitest';
import { batchDivergence, checkpointPlace, epochDivergence, TrainingDivergedError, weightTrouble } from './divergence';

describe('divergence', () => {
  it('a NaN or infinite batch loss diverges at once; so does an epoch mean over 100 × the start', () => {
    expect(batchDivergence(NaN, 1, 0.7)).toBe('the loss became NaN');
    expect(batchDivergence(Infinity, 1, 0.7)).toBe('the loss became Infinity');
    expect(batchDivergence(50, 50, 0.7)).toBeNull(); // a spike, not yet an explosion
    expect(batchDivergence(80, 71, 0.7)).toBe('the loss rose to 71.0, more than 100 × its start (0.700)');
    expect(batchDivergence(80, 71, null)).toBeNull(); // no reference yet
  });

  it('an epoch averaging over 10 × the untrained loss, or a non-finite validation loss, diverges at its end', () => {
    expect(epochDivergence(2, 6.9, 0.5, 0.7)).toBeNull();
    expect(epochDivergence(2, 8.06, 8.06, 0.69)).toBe(
      "epoch 3's mean loss 8.06 is more than 10 × its start (0.690): it predicts far worse than the untrained network",
    );
    expect(epochDivergence(0, 0.5, NaN, 0.7)).toBe('the validation loss became NaN');
  });

  it('weights that are not finite, or trainable ones past 1e6, are trouble; large moving statistics are not', () => {
    const w = (...v: number[]) => ({ name: 'w', data: Float32Array.from(v) });
    expect(weightTrouble([w(0.1, -3), w(2e6)], [true, false])).toBeNull();
    expect(weightTrouble([w(0.1, NaN)], [true])).toBe('the weights became NaN or Infinity');
    expect(weightTrouble([w(0.1, -3e9)], [true])).toBe(
      'a weight grew to 3.0e+9, beyond 1e+6 (a sane run stays near 1)',
    );
  });

  it('names where it happened and the checkpoint kept', () => {
    expect(checkpointPlace({ epoch: 2, batch: 0 })).toBe('epoch 2');
    expect(checkpointPlace({ epoch: 2, batch: 5 })).toBe('epoch 3, batch 5');
    const error = new TrainingDivergedError({
      epoch: 2,
      batch: 11,
      reason: 'the loss became NaN',
      learningRate: 1e9,
      lastGood: { epoch: 2, batch: 0 },
    });
    expect(error.code).toBe('TRAINING_DIVERGED');
    expect(error.message).toBe(
      'Training diverged at epoch 3, batch 12: the loss became NaN. The learning rate 1000000000 is likely too high; lower it and train again. The last good checkpoint (epoch 2) is kept: use it as the model, or resume from it (with the same learning rate it will likely diverge again).',
    );
  });
});
