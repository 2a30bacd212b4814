/**
 * The compress stage's checkpoint: the incremental PCAs after each batch, stored with the
 * analysis (store `models`, owned by it, so deleted with it), so that a reload during
 * compression continues with the next batch instead of the first (issue 14 §4).
 */
import { getRecord, putRecord, type WorkbenchDb } from '../../lib/storage';
import { writeTransaction } from '../../lib/storage/transactions';
import type { CompressCheckpoint } from '../compress/compressLayers';

const keyOf = (analysisId: string): string => `${analysisId}/compress-checkpoint`;

interface StoredCompressCheckpoint extends CompressCheckpoint {
  key: string;
  owner: string;
}

function isCheckpoint(value: unknown): value is StoredCompressCheckpoint {
  const c = value as Partial<StoredCompressCheckpoint> | undefined;
  return typeof c?.batchesDone === 'number' && Array.isArray(c.states) && typeof c.plan === 'string';
}

/** The stored checkpoint and a saver for the next ones; `done()` removes it once the bases are stored. */
export async function compressCheckpoints(
  db: WorkbenchDb,
  analysisId: string,
): Promise<{
  resume: CompressCheckpoint | null;
  save: (checkpoint: CompressCheckpoint) => Promise<void>;
  done: () => Promise<void>;
}> {
  const key = keyOf(analysisId);
  const stored = await getRecord(db, 'models', key);
  return {
    resume: isCheckpoint(stored) ? stored : null,
    save: async (checkpoint) => {
      const record: StoredCompressCheckpoint = { key, owner: analysisId, ...checkpoint };
      await putRecord(db, 'models', record);
    },
    done: () =>
      writeTransaction(db, ['models'], 'removing the compression checkpoint', async (tx) => {
        await tx.objectStore('models').delete(key);
      }),
  };
}
