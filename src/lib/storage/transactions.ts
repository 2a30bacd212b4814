import type { IDBPTransaction, StoreNames } from 'idb';
import { toReadError, toWriteError } from './errors';
import type { WorkbenchDb, WorkbenchSchema } from './schema';

export type StoreName = StoreNames<WorkbenchSchema>;

/**
 * Runs `body` in one readwrite transaction and resolves once it has committed. If anything
 * fails (a request, a synchronous throw, or the commit itself), the transaction is aborted so
 * nothing is half-written, and the error is mapped to StorageQuotaError or StorageError.
 * `body` must await only requests on `tx`; awaiting anything else lets the transaction commit.
 */
export async function writeTransaction<const S extends readonly StoreName[], T>(
  db: WorkbenchDb,
  stores: S,
  action: string,
  body: (tx: IDBPTransaction<WorkbenchSchema, S, 'readwrite'>) => Promise<T>,
): Promise<T> {
  let tx: IDBPTransaction<WorkbenchSchema, S, 'readwrite'>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (error) {
    throw toWriteError(action, error);
  }
  const done = tx.done;
  // Observed below; this handler only keeps an early body failure from leaving it unhandled.
  done.catch(() => undefined);
  try {
    const result = await body(tx);
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request, or already finished.
    }
    // Wait for the rollback so the caller never observes a half-written state.
    await done.catch(() => undefined);
    throw toWriteError(action, error, tx.error);
  }
}

/** Runs `body` in one readonly transaction; failures become StorageError. */
export async function readTransaction<const S extends readonly StoreName[], T>(
  db: WorkbenchDb,
  stores: S,
  action: string,
  body: (tx: IDBPTransaction<WorkbenchSchema, S>) => Promise<T>,
): Promise<T> {
  try {
    const tx = db.transaction(stores, 'readonly');
    return await body(tx);
  } catch (error) {
    throw toReadError(action, error);
  }
}
