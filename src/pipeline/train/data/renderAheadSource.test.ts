import { describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../../lib/errors';
import { TINY_PRESET } from '../../../model/gmf/generatorSpec';
import type { ImageRecord } from '../../dataset/records';
import { buildTargetSpecs } from '../targets';
import { makeRecord } from '../../../../test/support/trainTestRecords';
import { messageChannelClient } from '../../../../test/support/messageChannelWorker';
import { renderAheadSource } from './renderAheadSource';
import type { StreamRenderJobs } from './streamJobs';

const SIZE = 2;
const records: ImageRecord[] = [0, 1, 2].map((id) => ({
  key: `${id}/0`,
  owner: 'd',
  identity: id,
  variation: 0,
  centre: new Blob(),
  features: makeRecord({ id, gender: id === 1 ? 'F' : 'M', shape: [id, 0.5, 0.25] }),
}));
const spec = { ...structuredClone(TINY_PRESET), resolution: SIZE };
const targets = buildTargetSpecs(
  { targets: ['id', 'yr'] },
  records.map((r) => r.features),
);

describe('renderAheadSource', () => {
  it('sends only what rendering needs, and pairs each stored identity with the variation drawn for it', async () => {
    const sent: StreamRenderJobs['renderBatch']['input'][] = [];
    const client = messageChannelClient<StreamRenderJobs>({
      renderBatch: (input, ctx) => {
        sent.push(input);
        // Item i's pixels are all (i + 1) / 10, its yaw 10 * (i + 1) degrees.
        const pixels = new Float32Array(input.identities.length * SIZE * SIZE * 3);
        input.identities.forEach((_, i) => pixels.fill((i + 1) / 10, i * SIZE * SIZE * 3, (i + 1) * SIZE * SIZE * 3));
        ctx.transfer(pixels.buffer);
        const variations = input.identities.map((_, i) => ({ ...makeRecord({ id: 0 }).variation, yr: 10 * (i + 1) }));
        return Promise.resolve({ inputs: [pixels], variations });
      },
      renderTiming: () => Promise.resolve(null),
    });
    const source = renderAheadSource(client, records, { spec, targets, stereo: false, seed: 5 });
    const batch = await source.load([2, 0], [1, 3]);
    source.dispose?.();

    expect(sent).toHaveLength(1);
    const input = sent[0];
    expect(input?.key).toEqual([1, 3]);
    expect(input?.seed).toBe(5);
    expect(input?.stereo).toBe(false);
    // The raw coefficients the face model renders from, not the scaled copies the targets use.
    expect(input?.identities.map((i) => Object.keys(i).sort())).toEqual([
      ['age', 'ethn', 'gender', 'shape', 'tex'],
      ['age', 'ethn', 'gender', 'shape', 'tex'],
    ]);
    expect(Array.from(input?.identities[0]?.shape ?? [])).toEqual([20, 5, 2.5]);
    expect(Array.from(input?.identities[1]?.shape ?? [])).toEqual([0, 5, 2.5]);

    expect(batch.size).toBe(2);
    expect(batch.inputs[0]?.[0]).toBeCloseTo(0.1, 6);
    expect(batch.inputs[0]?.[SIZE * SIZE * 3]).toBeCloseTo(0.2, 6);
    const id = batch.targets.find((t) => t.name === 'id');
    // One-hot over the three identities, in the order asked for: identity 2, then identity 0.
    expect(Array.from(id?.values ?? [])).toEqual([0, 0, 1, 1, 0, 0]);
    const yr = batch.targets.find((t) => t.name === 'yr');
    expect(yr?.values[0]).toBeCloseTo(10, 5);
    expect(yr?.values[1]).toBeCloseTo(20, 5);
  });

  it('dispose stops a batch in progress: its load rejects as cancelled', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const client = messageChannelClient<StreamRenderJobs>({
      renderBatch: (_input, ctx) => {
        started();
        return new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            reject(new JobCancelledError());
          });
        });
      },
      renderTiming: () => Promise.resolve(null),
    });
    const source = renderAheadSource(client, records, { spec, targets, stereo: false, seed: 5 });
    const loading = source.load([0], [0, 0]);
    await running;
    source.dispose?.();
    await expect(loading).rejects.toBeInstanceOf(JobCancelledError);
  });
});
