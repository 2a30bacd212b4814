import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIncrementalPca, partialFitIncrementalPca, type IncrementalPca } from '../compress/incrementalPca';
import { randomMatrix } from '../../../test/support/analysisTestHelpers';
import { getRecord, openWorkbenchDb, putTypedArray, type WorkbenchDb } from '../../lib/storage';
import { estimateBytes } from '../../lib/storage/records';
import { checkpointBytes, compressCheckpoints } from './compressCheckpoint';

const EVERY_BATCH = { every: { minMs: 0, maxMs: 0 } };
const fitted = (seed: string): IncrementalPca =>
  partialFitIncrementalPca(createIncrementalPca(3, 6), randomMatrix(8, 6, seed));

async function arrayKeys(db: WorkbenchDb): Promise<string[]> {
  return (await db.getAllKeys('arrays')).map(String).sort();
}

describe('compress checkpoint', () => {
  it('survives a reopened database (a reload) with every part of the PCA state intact, and is removed when done', async () => {
    const factory = new IDBFactory();
    const db = await openWorkbenchDb({ name: 'c', factory });
    const first = await compressCheckpoints(db, 'a1', 4, EVERY_BATCH);
    expect(first.resume).toBeNull();
    const state = fitted('s');
    await first.save({ batchesDone: 2, states: [state, null], plan: 'p' });
    db.close();

    const reopened = await openWorkbenchDb({ name: 'c', factory });
    const again = await compressCheckpoints(reopened, 'a1', 4, EVERY_BATCH);
    expect(again.resume).toMatchObject({ batchesDone: 2, plan: 'p' });
    expect(again.resume?.states).toHaveLength(2);
    expect(again.resume?.states[1]).toBeNull();
    // Exactly the state saved (float64 throughout, so bit for bit).
    expect(again.resume?.states[0]).toEqual(state);
    expect(await getRecord(reopened, 'models', 'a1/compress-checkpoint')).toMatchObject({ owner: 'a1' });
    await again.done();
    expect(await getRecord(reopened, 'models', 'a1/compress-checkpoint')).toBeUndefined();
    expect(await arrayKeys(reopened)).toEqual([]);
    reopened.close();
  });

  it('stores a fit over 64 MiB too, as chunked arrays, with only a small header as one record', async () => {
    const db = await openWorkbenchDb({ name: 'c', factory: new IDBFactory() });
    const small = fitted('s');
    // A fake state whose components (64 MiB + 8 bytes, float64) once exceeded the one-record cap.
    const rows = 1;
    const cols = (64 * 1024 * 1024) / 8 + 1;
    const data = new Float64Array(cols);
    data[0] = 1.5;
    data[cols - 1] = -2.5;
    const huge: IncrementalPca = { ...small, components: { rows, cols, data } };
    expect(checkpointBytes({ batchesDone: 1, states: [huge], plan: 'p' })).toBeGreaterThan(64 * 1024 * 1024);
    const saver = await compressCheckpoints(db, 'a2', 3, EVERY_BATCH);
    await saver.save({ batchesDone: 1, states: [huge], plan: 'p' });
    const header = await getRecord(db, 'models', 'a2/compress-checkpoint');
    expect(header).toMatchObject({ batchesDone: 1, generation: 1 });
    expect(estimateBytes(header)).toBeLessThan(4096);
    const back = (await compressCheckpoints(db, 'a2', 3)).resume?.states[0];
    expect(back?.components.cols).toBe(cols);
    expect(back?.components.data[0]).toBe(1.5);
    expect(back?.components.data[cols - 1]).toBe(-2.5);
    db.close();
  });

  it('skips the last batch (the bases follow)', async () => {
    const db = await openWorkbenchDb({ name: 'c', factory: new IDBFactory() });
    const saver = await compressCheckpoints(db, 'a3', 2, EVERY_BATCH);
    await saver.save({ batchesDone: 2, states: [fitted('s')], plan: 'p' });
    expect(await getRecord(db, 'models', 'a3/compress-checkpoint')).toBeUndefined();
    expect(await arrayKeys(db)).toEqual([]);
    db.close();
  });

  it('keeps the previous checkpoint when a newer one was interrupted mid-write, and drops older generations', async () => {
    const factory = new IDBFactory();
    const db = await openWorkbenchDb({ name: 'c', factory });
    const saver = await compressCheckpoints(db, 'a4', 5, EVERY_BATCH);
    await saver.save({ batchesDone: 1, states: [fitted('one')], plan: 'p' });
    const second = fitted('two');
    await saver.save({ batchesDone: 2, states: [second], plan: 'p' });
    // Generation 1 is gone once generation 2's header is stored.
    const keys = await arrayKeys(db);
    expect(keys.length).toBe(6);
    expect(keys.every((k) => k.startsWith('a4/compress-checkpoint/2/0/'))).toBe(true);
    // A reload while generation 3 was being written: some of its arrays stored, its header not.
    await putTypedArray(db, { key: 'a4/compress-checkpoint/3/0/mean', owner: 'a4', array: new Float64Array(6) });
    db.close();
    const reopened = await openWorkbenchDb({ name: 'c', factory });
    const again = await compressCheckpoints(reopened, 'a4', 5, EVERY_BATCH);
    expect(again.resume?.batchesDone).toBe(2);
    expect(again.resume?.states[0]).toEqual(second);
    // done() clears every generation, the interrupted one included.
    await again.done();
    expect(await arrayKeys(reopened)).toEqual([]);
    reopened.close();
  });

  it('resumes from nothing when an array the header names is missing', async () => {
    const db = await openWorkbenchDb({ name: 'c', factory: new IDBFactory() });
    const saver = await compressCheckpoints(db, 'a5', 5, EVERY_BATCH);
    await saver.save({ batchesDone: 1, states: [fitted('one')], plan: 'p' });
    await db.delete('arrays', 'a5/compress-checkpoint/1/0/variance');
    expect((await compressCheckpoints(db, 'a5', 5)).resume).toBeNull();
    db.close();
  });

  it('saves only when due: a write may take 5 % of the time, and saves come at most maxMs apart', async () => {
    const db = await openWorkbenchDb({ name: 'c', factory: new IDBFactory() });
    let clock = 0;
    // With writes of 1 s the next save is due 20 s after one ends (maxMs, 30 s, is later).
    const now = () => clock;
    const saver = await compressCheckpoints(db, 'a6', 10, { every: { minMs: 0, maxMs: 30_000 }, now });
    const saved = async () =>
      ((await getRecord(db, 'models', 'a6/compress-checkpoint')) as { batchesDone?: number } | undefined)?.batchesDone;
    // Each write "takes" 1 s: the clock moves on while it runs (read before it starts and after it ends).
    const slowSave = async (batchesDone: number) => {
      const saving = saver.save({ batchesDone, states: [fitted('x')], plan: 'p' });
      clock += 1000;
      await saving;
    };
    await slowSave(1); // first save: due at once (no write timed yet)
    expect(await saved()).toBe(1);
    clock += 5_000;
    await slowSave(2); // 5 s after the first write ended: not due (20 × 1 s)
    expect(await saved()).toBe(1);
    clock += 15_000;
    await slowSave(3); // 21 s after the first write ended: due
    expect(await saved()).toBe(3);
    db.close();
  });

  it('still resumes a checkpoint stored as one record by an earlier version', async () => {
    const db = await openWorkbenchDb({ name: 'c', factory: new IDBFactory() });
    const state = fitted('old');
    const inline = { key: 'a7/compress-checkpoint', owner: 'a7', batchesDone: 3, states: [state], plan: 'p' };
    await db.put('models', inline);
    const resumed = await compressCheckpoints(db, 'a7', 5);
    expect(resumed.resume).toMatchObject({ batchesDone: 3, plan: 'p' });
    expect(resumed.resume?.states[0]?.components.data).toEqual(state.components.data);
    db.close();
  });
});
