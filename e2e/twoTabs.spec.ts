import type { Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';

// Two tabs of one browser (one context) share the app's storage: exactly one runs a job (Web
// Locks), the other shows its progress (BroadcastChannel), a delete stops the job first, and a
// job interrupted by reloads is resumed by one tab only.

/** Starts generating `identities` x 4 monocular records at 32 px (only yaw varying); does not wait. */
async function startGeneration(page: Page, name: string, identities: number): Promise<void> {
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Identities', { exact: true }).fill(String(identities));
  await form.getByLabel('Variations per identity').fill('4');
  await form.getByLabel('Resolution (pixels)').fill('32');
  await form.getByLabel('Binocular').uncheck();
  await form.getByRole('button', { name: 'Generate dataset' }).click();
}

const progressOf = (page: Page) => page.getByRole('region', { name: 'Generation progress' });

test('a dataset deleted in another tab while it generates stops its job and stays deleted', async ({
  page: a,
  context,
}) => {
  const b = await context.newPage();
  await b.goto('/#/dataset');
  await startGeneration(a, 'shared', 100);
  await expect(progressOf(a)).toContainText(/\d+ \/ 400 parameter records/);
  // Tab B shows A's job: its progress, rate and ETA, and that it runs elsewhere.
  await expect(progressOf(b)).toContainText('Generating “shared” in another tab');
  await expect(progressOf(b)).toContainText(/\d+ \/ 400 parameter records · .+ · .+ left/);
  await expect(b.getByRole('row', { name: 'Dataset shared' })).toContainText('generating');

  // B deletes it (Storage panel): A's job is cancelled first, then the dataset is deleted.
  await b.evaluate(() => (location.hash = '#/results'));
  await b.getByRole('button', { name: 'Delete Dataset shared' }).click();
  await b.getByRole('button', { name: 'Confirm deleting Dataset shared' }).click();
  await expect(b.getByRole('row', { name: 'Dataset shared' })).toHaveCount(0);
  await expect(a.getByRole('alert')).toHaveText(
    "Generation stopped: 'shared' was deleted while it ran; its job stopped and wrote nothing more.",
  );
  await expect(progressOf(a)).toHaveCount(0);
  await expect(a.getByText('No datasets yet.')).toBeVisible();

  // Reloaded, both tabs find it deleted, with nothing of it stored (no image written after the delete).
  await Promise.all([a.reload(), b.reload()]);
  await b.evaluate(() => (location.hash = '#/dataset'));
  for (const tab of [a, b]) await expect(tab.getByText('No datasets yet.')).toBeVisible();
  expect(await storeRecords(a, 'datasets')).toEqual([]);
  expect(await storeRecords(a, 'images')).toEqual([]);
});

test('a generation interrupted by reloading both tabs is resumed by exactly one of them', async ({
  page: a,
  context,
}) => {
  const b = await context.newPage();
  await b.goto('/#/dataset');
  await startGeneration(a, 'both', 6);
  await expect(progressOf(b)).toContainText('Generating “both” in another tab');
  await expect.poll(async () => (await storeRecords(a, 'images')).length).toBeGreaterThanOrEqual(4);

  await Promise.all([a.reload(), b.reload()]);
  // One tab resumes it; the other shows it running in that tab (today both resumed it).
  const headings = async () =>
    (await Promise.all([a, b].map((tab) => progressOf(tab).getByRole('heading').allTextContents()))).flat().sort();
  await expect.poll(headings).toEqual(['Resuming “both”', 'Resuming “both” in another tab']);

  for (const tab of [a, b]) {
    await expect(tab.getByRole('row', { name: 'Dataset both' })).toContainText('complete', { timeout: 60_000 });
  }
  const images = (await storeRecords(a, 'images')) as { identity: number; variation: number }[];
  expect(images.length).toBe(24);
  expect(new Set(images.map((r) => `${r.identity}/${r.variation}`)).size).toBe(24);
});
