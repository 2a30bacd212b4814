/** Storage used, quota and persistence for the status bar. */
import { estimateStorage, requestPersistentStorage } from '../lib/storage';
import { useWorkbenchStore } from './workbenchStore';

export async function refreshStorageSummary(): Promise<void> {
  const { usage, quota, persisted } = await estimateStorage();
  useWorkbenchStore.getState().setStorage({ usage, quota, persisted });
}

/** On start: ask the browser to keep our data (persistent storage), then show usage and quota. */
export async function startStorageSummary(): Promise<void> {
  await requestPersistentStorage().catch(() => false);
  await refreshStorageSummary();
}
