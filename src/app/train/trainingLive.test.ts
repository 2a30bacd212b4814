import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { applyTrainEvent, resetTrainingLive, useTrainingLive } from './trainingLive';

const run = { id: 'r', name: 'r', history: [{ epoch: 1, loss: 1 }], backend: 'wasm' } as unknown as RunRecord;
const batch = (step: number, imagesPerSecond: number) =>
  applyTrainEvent({
    type: 'batch',
    epoch: 1,
    batch: step,
    step,
    values: { loss: 1 },
    learningRate: 1e-3,
    imagesPerSecond,
    batches: 100,
  });

describe('training live state', () => {
  it('a resumed run says where it continued and how many earlier batch points it kept', () => {
    resetTrainingLive(run);
    const kept = [0, 1, 2, 3, 4].map((step) => ({ epoch: 0, batch: step, step, values: { loss: 1 } }));
    applyTrainEvent({ type: 'started', run, resumedFrom: { epoch: 1, batch: 2 }, batches: kept });
    expect(useTrainingLive.getState()).toMatchObject({ resumed: { epoch: 1, batch: 2, points: 5 }, backend: 'wasm' });
    applyTrainEvent({ type: 'started', run, resumedFrom: null, batches: [] });
    expect(useTrainingLive.getState().resumed).toBeNull();
  });

  it('says when the run became slow (below half its best speed), and stops saying it when it recovers', () => {
    resetTrainingLive(run);
    applyTrainEvent({ type: 'started', run, resumedFrom: null, batches: [] });
    // Slow first batches (kernels compiling) are not the reference: the best average is.
    for (const [i, speed] of [2, 8, 10, 10, 10, 10, 10, 10].entries()) batch(i, speed);
    expect(useTrainingLive.getState().slow).toBeNull();
    for (let i = 8; i < 20; i++) batch(i, 2); // another page takes the processor
    expect(useTrainingLive.getState().slow).toMatch(
      /^Training is slower than earlier in this run: [\d.]+ images\/s, \d+ % of its best [\d.]+\. Another tab or program may be using the processor; it keeps going\.$/,
    );
    for (let i = 20; i < 40; i++) batch(i, 10);
    expect(useTrainingLive.getState().slow).toBeNull();
  });
});
