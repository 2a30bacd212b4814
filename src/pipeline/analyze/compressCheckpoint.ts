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

/**
 * The largest fit stored as one checkpoint. The fit holds every layer's components
 * (components x features, float64): at 64 px a ResNet6's fit reaches hundreds of MiB, and
 * Chromium's IndexedDB did not finish writing such a value (the analysis waited on it without
 * a word). A larger fit is not checkpointed: a reload then restarts the compression, as before.
 */
export const MAX_CHECKPOINT_BYTES = 64 * 1024 * 1024;

/** Bytes of the typed arrays in a fit: what a checkpoint would write. */
export function checkpointBytes(checkpoint: CompressCheckpoint): number {
  let bytes = 0;
  for (const s of checkpoint.states) {
    if (!s) continue;
    bytes += s.components.data.byteLength + s.mean.byteLength + s.variance.byteLength;
    bytes += s.singularValues.byteLength + s.explainedVariance.byteLength + s.explainedVarianceRatio.byteLength;
  }
  return bytes;
}

/**
 * The stored checkpoint and a saver for the next ones; `done()` removes it once the bases are
 * stored. The last of `batches` is not saved (the bases are stored right after), nor a fit over
 * MAX_CHECKPOINT_BYTES.
 */
export async function compressCheckpoints(
  db: WorkbenchDb,
  analysisId: string,
  batches: number,
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
      if (checkpoint.batchesDone >= batches || checkpointBytes(checkpoint) > MAX_CHECKPOINT_BYTES) return;
      const record: StoredCompressCheckpoint = { key, owner: analysisId, ...checkpoint };
      await putRecord(db, 'models', record);
    },
    done: () =>
      writeTransaction(db, ['models'], 'removing the compression checkpoint', async (tx) => {
        await tx.objectStore('models').delete(key);
      }),
  };
}
