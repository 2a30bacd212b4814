import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { StorageError, StorageVersionError } from './errors';
import { DB_NAME, MIGRATIONS, type Migration, type WorkbenchDb } from './schema';

export interface OpenWorkbenchDbOptions {
  /** Database name; tests use their own. */
  name?: string;
  /** The schema history; the database opens at version `migrations.length`. */
  migrations?: readonly Migration[];
  /** The IndexedDB implementation (tests pass fake-indexeddb's); defaults to the global one. */
  factory?: IDBFactory;
  /** Another tab keeps an older connection open, so the upgrade waits: ask the user to close it. */
  onBlocked?: () => void;
  /** This connection was closed so that another tab can upgrade the schema: reload to go on. */
  onClosedForUpgrade?: () => void;
}

/**
 * Opens the workbench database and runs pending migrations, in order, inside the one upgrade
 * transaction, so an upgrade either completes or leaves the old version untouched.
 */
export async function openWorkbenchDb(options: OpenWorkbenchDbOptions = {}): Promise<WorkbenchDb> {
  const name = options.name ?? DB_NAME;
  const migrations = options.migrations ?? MIGRATIONS;
  const factory = options.factory ?? indexedDB;
  const version = migrations.length;
  if (version < 1) throw new StorageError('Cannot open the database without at least one migration.');

  let failed: { step: number; error: unknown } | undefined;
  const request = factory.open(name, version);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result);
    const upgrade = request.transaction;
    if (upgrade === null) return; // never null during upgradeneeded; keeps the types honest
    // wrap() cannot know the mode; this is the upgrade transaction, so 'versionchange'.
    const tx = wrap(upgrade) as unknown as IDBPTransaction<unknown, ArrayLike<string>, 'versionchange'>;
    // The open request reports how the upgrade ended; this keeps an abort from going unhandled.
    tx.done.catch(() => undefined);
    const fail = (step: number, error: unknown): void => {
      failed = { step, error };
      try {
        upgrade.abort();
      } catch {
        // A failed request already aborted it.
      }
    };
    // Synchronous migrations run back to back; an async one continues the chain when it settles.
    const runFrom = (from: number): void => {
      for (let step = from; step < version; step++) {
        const migration = migrations[step];
        try {
          if (migration === undefined) throw new Error(`migration ${step + 1} is missing`);
          const pending = migration(db, tx);
          if (pending instanceof Promise) {
            pending.then(
              () => {
                runFrom(step + 1);
              },
              (error: unknown) => {
                fail(step, error);
              },
            );
            return;
          }
        } catch (error) {
          fail(step, error);
          return;
        }
      }
    };
    runFrom(event.oldVersion);
  });
  request.addEventListener('blocked', () => options.onBlocked?.());

  let db: IDBPDatabase | undefined;
  try {
    db = await wrap(request);
  } catch (error) {
    throw await openError(factory, name, version, error, failed);
  }
  if (db === undefined) throw new StorageError(`Opening the browser database '${name}' returned nothing.`);
  const opened = db;
  // Step aside when another tab upgrades: holding on would block it forever.
  opened.addEventListener('versionchange', () => {
    opened.close();
    options.onClosedForUpgrade?.();
  });
  return opened as WorkbenchDb;
}

async function openError(
  factory: IDBFactory,
  name: string,
  version: number,
  error: unknown,
  failed: { step: number; error: unknown } | undefined,
): Promise<Error> {
  if (failed !== undefined) {
    return new StorageError(
      `Upgrading the browser database '${name}' to version ${version} failed in migration ` +
        `${failed.step + 1} (version ${failed.step} to ${failed.step + 1}); nothing was changed. ` +
        (failed.error instanceof Error ? failed.error.message : String(failed.error)),
      { cause: failed.error },
    );
  }
  if (error instanceof DOMException && error.name === 'VersionError') {
    const stored = await storedVersion(factory, name);
    return new StorageVersionError(
      `The browser database '${name}' was written by a newer version of the workbench ` +
        `(schema version ${stored ?? 'unknown'}; this page knows up to ${version}). ` +
        'Reload the page (or close old tabs) to use the newest version.',
      { cause: error },
    );
  }
  return new StorageError(`Opening the browser database '${name}' failed: ${String(error)}`, { cause: error });
}

/** The version on disk, read by opening without a version (only done after a VersionError). */
async function storedVersion(factory: IDBFactory, name: string): Promise<number | undefined> {
  try {
    const db = await wrap(factory.open(name));
    const stored = db?.version;
    db?.close();
    return stored;
  } catch {
    return undefined;
  }
}
