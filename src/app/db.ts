import { openWorkbenchDb, type WorkbenchDb } from '../lib/storage';

let connection: Promise<WorkbenchDb> | undefined;

/** The page's one connection to the workbench database, opened (and migrated) on first use. */
export function workbenchDb(): Promise<WorkbenchDb> {
  connection ??= openWorkbenchDb().catch((error: unknown) => {
    connection = undefined;
    throw error;
  });
  return connection;
}
