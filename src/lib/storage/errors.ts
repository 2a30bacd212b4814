import { GmfError } from '../errors';

/** A storage operation failed for a reason other than quota; the DOM error is the cause. */
export class StorageError extends GmfError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORAGE_FAILED', message, options);
  }
}

/** The browser refused a write because the origin's storage quota is used up. */
export class StorageQuotaError extends GmfError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORAGE_QUOTA', message, options);
  }
}

/** The database on disk has a newer schema than this build knows (an older tab or build). */
export class StorageVersionError extends GmfError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORAGE_VERSION', message, options);
  }
}

/** Human-readable size, decimal units as browsers and file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 'B';
  for (const next of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = next;
  }
  return `${value.toFixed(1)} ${unit}`;
}

/**
 * True for the browser's "quota exceeded" DOMException. It may come from a request, or be the
 * transaction's error behind an AbortError, so callers pass every error they saw.
 */
export function isQuotaExceeded(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/**
 * Maps a failed write to a typed error. `action` says what was being done, e.g.
 * "writing array 'x' (12.0 MB)"; `candidates` are every error seen (request, transaction, abort).
 */
export function toWriteError(action: string, ...candidates: unknown[]): GmfError {
  const cause = candidates.find((error) => error != null);
  if (cause instanceof GmfError) return cause;
  const quota = candidates.find(isQuotaExceeded);
  if (quota !== undefined) {
    return new StorageQuotaError(
      `The browser's storage quota is full: ${action} was cancelled and nothing was saved. ` +
        'Free space in the Storage panel (delete datasets, runs or results you no longer need), ' +
        'or allow persistent storage for this site, then try again.',
      { cause: quota },
    );
  }
  return new StorageError(`${capitalize(action)} in the browser's database failed: ${describe(cause)}`, { cause });
}

/** Maps a failed read to a StorageError (a read never hits the quota). */
export function toReadError(action: string, error: unknown): GmfError {
  if (error instanceof GmfError) return error;
  return new StorageError(`${capitalize(action)} from the browser's database failed: ${describe(error)}`, {
    cause: error,
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
