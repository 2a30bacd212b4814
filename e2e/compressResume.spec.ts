import type { Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';

/**
 * Issue 14 §4 at a realistic size: a reload while a 64 px ResNet6 analysis compresses resumes
 * after its last checkpointed batch, though the fit (every layer's components, float64) is
 * about 90 MiB, more than Chromium wrote as one IndexedDB value. About 4 minutes on 2 cores, so
 * it runs on request: `GMF_LARGE_CHECKS=1 npx playwright test e2e/compressResume.spec.ts`.
 * The same path at small sizes is unit-tested (compressCheckpoint.test.ts, compressLayers.test.ts).
 */
test.skip(!process.env.GMF_LARGE_CHECKS, 'a 4-minute check, run with GMF_LARGE_CHECKS=1');

async function trainedOn64px(page: Page): Promise<void> {
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await form.getByLabel('Name', { exact: true }).fill('big');
  await form.getByLabel('Identities', { exact: true }).fill('40');
  await form.getByLabel('Variations per identity').fill('16');
  await form.getByLabel('Resolution (pixels)').fill('64');
  await form.getByLabel('Binocular').uncheck();
  await form.getByRole('button', { name: 'Generate dataset' }).click();
  const row = page.getByRole('row', { name: 'Dataset big' });
  await expect(row).toContainText('complete', { timeout: 900_000 });
  await row.getByText('Split and export').click();
  const group = row.getByRole('group', { name: 'Split of big' });
  await group.getByLabel('training').fill('32');
  await group.getByLabel('validation').fill('4');
  await group.getByLabel('testing').fill('4');
  await group.getByRole('button', { name: 'Save split' }).click();
  await page.goto('/#/train');
  const train = page.getByRole('form', { name: 'Train a network' });
  await train.getByLabel('Dataset').selectOption({ label: 'big (40×16, 64px)' });
  await train.getByLabel('Run name').fill('one');
  await train.getByLabel('Batch size').fill('32');
  await train.getByLabel('Epochs').fill('1');
  await train.getByLabel('Backend').selectOption('wasm');
  await train.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('row', { name: 'Run one', exact: true })).toContainText('complete', { timeout: 600_000 });
}

const checkpointHeader = async (page: Page) =>
  ((await storeRecords(page, 'models')) as { key: string; batchesDone?: number }[]).find((r) =>
    r.key.endsWith('/compress-checkpoint'),
  );

const checkpointArrays = async (page: Page) =>
  ((await storeRecords(page, 'arrays')) as { key: string; byteLength: number }[]).filter((r) =>
    r.key.includes('/compress-checkpoint/'),
  );

test('a reload while a 90 MiB fit compresses resumes after the last stored batch', async ({ page }) => {
  test.setTimeout(1_500_000);
  await trainedOn64px(page);

  await page.goto('/#/analyze');
  const form = page.getByRole('form', { name: 'Analyse a run' });
  await form.getByLabel('Components per layer').fill('64');
  await form.getByLabel('Batch size').fill('64');
  await form.getByLabel('PCA batches').fill('7'); // of the 448 training images
  await form.getByLabel('Memory budget (MiB)').fill('2048');
  await expect(form.getByRole('region', { name: 'Compression estimate' })).toContainText('No layer is sketched.');
  await form.getByRole('button', { name: 'Compress, decompose and decode' }).click();

  await expect
    .poll(async () => (await checkpointHeader(page))?.batchesDone ?? 0, { timeout: 900_000, intervals: [300] })
    .toBeGreaterThanOrEqual(1);
  const stored = (await checkpointHeader(page))?.batchesDone ?? NaN;
  const bytes = (await checkpointArrays(page)).reduce((n, r) => n + r.byteLength, 0);
  console.log(`checkpoint after batch ${stored}: ${(bytes / 2 ** 20).toFixed(0)} MiB`);
  expect(bytes).toBeGreaterThan(64 * 2 ** 20);
  await page.reload();

  // The first compression step reported after the reload is past the stored batch, not the first.
  const progress = page.getByRole('region', { name: 'Analysis progress' });
  let first = '';
  await expect
    .poll(
      async () => {
        // Read without waiting: a read that waited for the region would outlast the poll.
        first = /(compress|decompose \w+): \d+ \/ \d+/.exec((await progress.allTextContents()).join(' '))?.[0] ?? '';
        return first;
      },
      { timeout: 600_000, intervals: [200] },
    )
    .not.toBe('');
  console.log('first step after the reload:', first);
  expect(Number(/^compress: (\d+) \/ 7$/.exec(first)?.[1])).toBeGreaterThan(stored);

  const row = page.getByRole('row', { name: 'Analysis one analysis', exact: true });
  await expect(row).toContainText(/complete|failed/, { timeout: 1_200_000 });
  await expect(row).toContainText('complete');
  expect(await checkpointArrays(page)).toEqual([]);
  expect(await checkpointHeader(page)).toBeUndefined();
});
