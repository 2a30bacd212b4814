/** Reads the app's IndexedDB (`gmf-workbench`) from a test, through the browser's real IndexedDB. */
import type { Page } from '@playwright/test';

/** Every record of one object store. */
export async function storeRecords(page: Page, store: string): Promise<unknown[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('gmf-workbench');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(new Error(String(request.error)));
      };
    });
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(new Error(String(request.error)));
      };
    });
    db.close();
    return records;
  }, store);
}

/** Puts `records` into one object store, as if stored by an earlier session (the page must have opened the app once). */
export async function putStoredRecords(page: Page, store: string, records: readonly object[]): Promise<void> {
  await page.evaluate(
    async ({ name, items }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('gmf-workbench');
        request.onsuccess = () => {
          resolve(request.result);
        };
        request.onerror = () => {
          reject(new Error(String(request.error)));
        };
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(name, 'readwrite');
        for (const item of items) tx.objectStore(name).put(item);
        tx.oncomplete = () => {
          resolve();
        };
        tx.onerror = () => {
          reject(new Error(String(tx.error)));
        };
      });
      db.close();
    },
    { name: store, items: records },
  );
}
