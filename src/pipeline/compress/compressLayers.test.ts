import { describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../lib/errors';
import { randomMatrix } from '../../../test/support/analysisTestHelpers';
import { type ActivationBatch, type CompressCheckpoint, compressLayers, type CompressOptions } from './compressLayers';
import type { LayerTap } from './extract';

// Two layers, one used as it is and one count-sketched (40 -> 16 features); 5 batches of 12 rows.
const taps: LayerTap[] = [
  { name: 'conv', operation: 'conv', features: 10 },
  { name: 'wide', operation: 'conv', features: 40 },
];
const options: CompressOptions = { nComponents: 4, sketchedTo: [null, 16], seed: 7 };
const BATCHES = 5;

/** A data source that counts which batches it was asked for. */
function counting(asked: number[]) {
  return (b: number): Promise<ActivationBatch> => {
    asked.push(b);
    const outputs = taps.map((t, l) => Float32Array.from(randomMatrix(12, t.features, `b${b}l${l}`, 1 + l).data));
    return Promise.resolve({ rows: 12, outputs });
  };
}

const maxDiff = (a: Float32Array, b: Float32Array | undefined) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b?.[i] ?? NaN))), 0);

describe('compressLayers', () => {
  it('stores the fit after every batch; a reload resumes at the next batch and ends with the uninterrupted bases', async () => {
    const straightAsked: number[] = [];
    const straight = await compressLayers(taps, BATCHES, counting(straightAsked), options, {
      signal: new AbortController().signal,
      progress: () => undefined,
    });
    expect(straightAsked).toEqual([0, 1, 2, 3, 4]);

    // Interrupted after the third batch was stored (as a reload would, between two batches).
    const controller = new AbortController();
    const stored: CompressCheckpoint[] = [];
    const firstAsked: number[] = [];
    await expect(
      compressLayers(taps, BATCHES, counting(firstAsked), options, {
        signal: controller.signal,
        progress: () => undefined,
        save: (checkpoint) => {
          stored.push(structuredClone(checkpoint)); // as IndexedDB stores it
          if (checkpoint.batchesDone === 3) controller.abort(new JobCancelledError());
          return Promise.resolve();
        },
      }),
    ).rejects.toThrow(JobCancelledError);
    expect(stored.map((c) => c.batchesDone)).toEqual([1, 2, 3]);

    const resumedAsked: number[] = [];
    const progress: number[] = [];
    const resumed = await compressLayers(taps, BATCHES, counting(resumedAsked), options, {
      signal: new AbortController().signal,
      progress: (done) => progress.push(done),
      resume: stored.at(-1) ?? null,
    });
    // Only the remaining batches are read and fitted.
    expect(resumedAsked).toEqual([3, 4]);
    expect(progress).toEqual([4, 5]);
    expect(resumed.map((b) => b.info)).toEqual(straight.map((b) => b.info));
    resumed.forEach((basis, l) => {
      expect(maxDiff(basis.mu, straight[l]?.mu), `mean of ${basis.info.name}`).toBeLessThanOrEqual(1e-9);
      expect(maxDiff(basis.w, straight[l]?.w), `components of ${basis.info.name}`).toBeLessThanOrEqual(1e-9);
    });
  });

  it('ignores a checkpoint of another plan (other components or batches) and fits from the first batch', async () => {
    const stored: CompressCheckpoint[] = [];
    await compressLayers(taps, 2, counting([]), options, {
      signal: new AbortController().signal,
      progress: () => undefined,
      save: (c) => {
        stored.push(structuredClone(c));
        return Promise.resolve();
      },
    });
    const asked: number[] = [];
    await compressLayers(
      taps,
      BATCHES,
      counting(asked),
      { ...options, nComponents: 3 },
      {
        signal: new AbortController().signal,
        progress: () => undefined,
        resume: stored.at(-1) ?? null,
      },
    );
    expect(asked).toEqual([0, 1, 2, 3, 4]);
  });
});
