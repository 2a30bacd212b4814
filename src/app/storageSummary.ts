import { useEffect } from 'react';
import { estimateStorage, requestPersistentStorage } from '../../lib/storage';
import { useWorkbenchStore } from '../../app/workbenchStore';

export async function refreshStorageSummary(): Promise<void> {
  const { usage, quota, persisted } = await estimateStorage();
  useWorkbenchStore.getState().setStorage({ usage, quota, persisted });
}

/** On start: ask the browser to keep our data (persistent storage), then show usage and quota. */
export function useStorageSummary(): void {
  useEffect(() => {
    void requestPersistentStorage()
      .catch(() => false)
      .then(refreshStorageSummary);
  }, []);
}
