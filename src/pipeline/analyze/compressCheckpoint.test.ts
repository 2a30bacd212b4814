import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIncrementalPca, partialFitIncrementalPca } from '../compress/incrementalPca';
import { randomMatrix } from '../../../test/support/analysisTestHelpers';
import { getRecord, openWorkbenchDb } from '../../lib/storage';
import { checkpointBytes, compressCheckpoints, MAX_CHECKPOINT_BYTES } from './compressCheckpoint';

describe('compress checkpoint', () => {
  it('survives a reopened database (a reload) with the PCA state intact, and is removed when done', async () => {
    const factory = new IDBFactory();
    const db = await openWorkbenchDb({ name: 'c', factory });
    const first = await compressCheckpoints(db, 'a1', 4);
    expect(first.resume).toBeNull();
    const state = partialFitIncrementalPca(createIncrementalPca(3, 6), randomMatrix(8, 6, 's'));
    await first.save({ batchesDone: 2, states: [state, null], plan: 'p' });
    db.close();

    const reopened = await openWorkbenchDb({ name: 'c', factory });
    const again = await compressCheckpoints(reopened, 'a1', 4);
    expect(again.resume).toMatchObject({ batchesDone: 2, plan: 'p' });
    expect(again.resume?.states[0]?.components.data).toEqual(state.components.data);
    expect(await getRecord(reopened, 'models', 'a1/compress-checkpoint')).toMatchObject({ owner: 'a1' });
    await again.done();
    expect(await getRecord(reopened, 'models', 'a1/compress-checkpoint')).toBeUndefined();
    reopened.close();
  });

  it('skips the last batch (the bases follow) and a fit too large to write as one value', async () => {
    const db = await openWorkbenchDb({ name: 'c', factory: new IDBFactory() });
    const small = partialFitIncrementalPca(createIncrementalPca(3, 6), randomMatrix(8, 6, 's'));
    // 3 x 6 components, 6 means, 6 variances, 3 x 3 spectra: (18 + 6 + 6 + 9) float64.
    expect(checkpointBytes({ batchesDone: 1, states: [small, null], plan: 'p' })).toBe(39 * 8);
    const saver = await compressCheckpoints(db, 'a2', 2);
    await saver.save({ batchesDone: 2, states: [small], plan: 'p' });
    expect(await getRecord(db, 'models', 'a2/compress-checkpoint')).toBeUndefined();
    // A fit whose components alone exceed the cap (a fake state: only its sizes are read).
    const huge = { ...small, components: { rows: 1, cols: 1, data: new Float64Array(MAX_CHECKPOINT_BYTES / 8 + 1) } };
    await saver.save({ batchesDone: 1, states: [huge], plan: 'p' });
    expect(await getRecord(db, 'models', 'a2/compress-checkpoint')).toBeUndefined();
    await saver.save({ batchesDone: 1, states: [small], plan: 'p' });
    expect(await getRecord(db, 'models', 'a2/compress-checkpoint')).toMatchObject({ batchesDone: 1 });
    db.close();
  });
});
