export interface StorageEstimateResult {
  /** Bytes this origin uses, all storage kinds together; undefined where the browser won't say. */
  usage: number | undefined;
  /** Bytes this origin may use. */
  quota: number | undefined;
  /** True when the browser promised not to evict this origin's data under storage pressure. */
  persisted: boolean | undefined;
}

/** The parts of StorageManager we use, all optional: `persist` is missing in workers. */
interface StorageManagerLike {
  estimate?: () => Promise<StorageEstimate>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

/** navigator.storage, or undefined where there is none (insecure contexts, old browsers, Node). */
function storageManager(): StorageManagerLike | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as { storage?: StorageManagerLike }).storage;
}

/** Usage and quota for a Storage panel; never rejects, unknown numbers are undefined. */
export async function estimateStorage(): Promise<StorageEstimateResult> {
  const manager = storageManager();
  const [estimate, persisted] = await Promise.all([
    manager?.estimate?.().catch(() => undefined),
    manager?.persisted?.().catch(() => undefined),
  ]);
  return { usage: estimate?.usage, quota: estimate?.quota, persisted };
}

/**
 * Asks the browser not to evict our data (it may ask the user, or decide by engagement).
 * Resolves false where it refuses or cannot be asked, e.g. inside a worker.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const manager = storageManager();
  if (manager?.persist === undefined) return false;
  try {
    return await manager.persist();
  } catch {
    return false;
  }
}
