import type { Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';

/** Writes records in the layout src/data/storage documents, through the browser's real IndexedDB. */
async function seed(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('gmf-workbench');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(new Error(String(request.error)));
      };
    });
    const tx = db.transaction(['datasets', 'runs', 'arrays', 'arrayChunks'], 'readwrite');
    const now = Date.now();
    tx.objectStore('datasets').put({ id: 'ds-e2e', name: 'tiny faces', createdAt: now });
    tx.objectStore('runs').put({ id: 'run-e2e', name: 'resnet6 on id', createdAt: now - 1000 });
    const bytes = 2_000_000;
    tx.objectStore('arrays').put({
      key: 'ds-e2e/pixels',
      owner: 'ds-e2e',
      dtype: 'uint8',
      length: bytes,
      shape: [bytes],
      byteLength: bytes,
      chunkCount: 1,
      chunkBytes: bytes,
    });
    tx.objectStore('arrayChunks').put({ arrayKey: 'ds-e2e/pixels', index: 0, data: new ArrayBuffer(bytes) });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => {
        resolve();
      };
      tx.onerror = () => {
        reject(new Error(String(tx.error)));
      };
    });
    db.close();
  });
}

async function countStored(page: Page): Promise<{ datasets: number; runs: number; chunks: number }> {
  return {
    datasets: (await storeRecords(page, 'datasets')).length,
    runs: (await storeRecords(page, 'runs')).length,
    chunks: (await storeRecords(page, 'arrayChunks')).length,
  };
}

test('the Storage panel lists stored items with their size and deletes one with everything it owns', async ({
  page,
}) => {
  await page.goto('/#/results');
  const panel = page.getByRole('region', { name: 'Storage' });
  // The app created and migrated the database on start.
  await expect(panel.getByText('Nothing stored yet.')).toBeVisible();
  await seed(page);
  await page.reload();

  const table = panel.getByRole('table', { name: 'Stored items' });
  const dataset = table.getByRole('row', { name: 'Dataset tiny faces' });
  await expect(dataset).toContainText('2.0 MB');
  await expect(table.getByRole('row', { name: 'Training run resnet6 on id' })).toBeVisible();

  // Two steps: Delete, then confirm; "Keep" backs out.
  await dataset.getByRole('button', { name: 'Delete Dataset tiny faces' }).click();
  await dataset.getByRole('button', { name: 'Keep' }).click();
  await expect(dataset).toBeVisible();
  await dataset.getByRole('button', { name: 'Delete Dataset tiny faces' }).click();
  await dataset.getByRole('button', { name: 'Confirm deleting Dataset tiny faces' }).click();
  await expect(dataset).toHaveCount(0);
  await expect(table.getByRole('row', { name: 'Training run resnet6 on id' })).toBeVisible();
  expect(await countStored(page)).toEqual({ datasets: 0, runs: 1, chunks: 0 });

  await page.reload();
  await expect(panel.getByRole('row', { name: 'Dataset tiny faces' })).toHaveCount(0);
  await expect(panel.getByRole('row', { name: 'Training run resnet6 on id' })).toBeVisible();
  await expect(page.getByLabel('storage used of quota')).toHaveText(/ of /);
});
