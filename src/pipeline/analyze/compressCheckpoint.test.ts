import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIncrementalPca, partialFitIncrementalPca } from '../compress/incrementalPca';
import { randomMatrix } from '../../../test/support/analysisTestHelpers';
import { getRecord, openWorkbenchDb } from '../../lib/storage';
import { compressCheckpoints } from './compressCheckpoint';

describe('compress checkpoint', () => {
  it('survives a reopened database (a reload) with the PCA state intact, and is removed when done', async () => {
    const factory = new IDBFactory();
    const db = await openWorkbenchDb({ name: 'c', factory });
    const first = await compressCheckpoints(db, 'a1');
    expect(first.resume).toBeNull();
    const state = partialFitIncrementalPca(createIncrementalPca(3, 6), randomMatrix(8, 6, 's'));
    await first.save({ batchesDone: 2, states: [state, null], plan: 'p' });
    db.close();

    const reopened = await openWorkbenchDb({ name: 'c', factory });
    const again = await compressCheckpoints(reopened, 'a1');
    expect(again.resume).toMatchObject({ batchesDone: 2, plan: 'p' });
    expect(again.resume?.states[0]?.components.data).toEqual(state.components.data);
    expect(await getRecord(reopened, 'models', 'a1/compress-checkpoint')).toMatchObject({ owner: 'a1' });
    await again.done();
    expect(await getRecord(reopened, 'models', 'a1/compress-checkpoint')).toBeUndefined();
    reopened.close();
  });
});
