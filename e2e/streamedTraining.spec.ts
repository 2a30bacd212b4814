import { storeRecords } from './appDb';
import { expect, test } from './fixtures';
import { generateSmallDataset, trainSmallRun } from './smallDataset';

// The stream render worker (textures cached, a batch drawn grouped by identity) gives the bytes the
// training worker used to render itself; identity 0 appears twice.
test('a streamed batch from the stream render worker equals the same batch rendered in the page @dev', async ({
  page,
}) => {
  await page.goto('/#/train');
  const r = await page.evaluate(async () => (await import('/e2e/browser/streamHarness.ts')).streamChecks());
  console.log('stream checks', JSON.stringify(r));
  expect(r.eyes).toBe(2);
  expect(r.length).toBe(4 * 32 * 32 * 3);
  expect(r.workerEqualsPage).toBe(true);
  expect(r.variationsEqual).toBe(true);
  expect(r.sameKeyEqual).toBe(true);
  // Another batch key draws other variations: most values change.
  expect(r.otherKeyDiffers).toBeGreaterThan(0.3);
  // Faces over backgrounds, not blank frames.
  expect(r.meanLevel).toBeGreaterThan(0.05);
  expect(r.meanLevel).toBeLessThan(0.95);
});

// In the built app the training worker starts the stream render worker itself (a worker's worker).
test('streamed training renders its batches in a worker of its own and completes', async ({ page }) => {
  test.setTimeout(300_000);
  await generateSmallDataset(page, { name: 'stream32', identities: 4, variations: 4, split: [3, 1, 0] });
  await trainSmallRun(page, {
    name: 'streamed-run',
    dataset: 'stream32 (4×4, 32px)',
    targets: ['id'],
    batchSize: 4,
    epochs: 2,
    data: 'streamed',
  });
  const runs = (await storeRecords(page, 'runs')) as { name: string; history: Record<string, number>[] }[];
  const history = runs.find((r) => r.name === 'streamed-run')?.history ?? [];
  console.log('streamed-run history', JSON.stringify(history));
  expect(history).toHaveLength(2);
  for (const row of history) expect(Number.isFinite(row.loss)).toBe(true);
});
