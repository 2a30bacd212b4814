import type { Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';
import { generateSmallDataset } from './smallDataset';

// Issue 14 §4: a reload mid-epoch loses at most the batches since the last checkpoint (taken
// mid-epoch every 20 × a checkpoint write, at most 20 s apart), resumes at the next batch in the same order on the run's own
// backend (not Settings', nothing measured), and keeps the per-batch curve drawn before it.

interface StoredCheckpoint {
  key: string;
  epoch: number;
  batch: number;
  savedAt: number;
}

const checkpointOf = async (page: Page) =>
  ((await storeRecords(page, 'models')) as StoredCheckpoint[]).find((r) => r.key.endsWith('/checkpoint'));

/** The x values (steps) of the live loss chart's per-batch trace, as plotly holds them. */
const plottedSteps = (page: Page) =>
  page
    .getByRole('region', { name: 'Training progress' })
    .getByRole('group', { name: 'loss (chart)' })
    .evaluate((el) => Array.from((el as unknown as { data?: { x?: number[] }[] }).data?.[0]?.x ?? []));

test('a run reloaded mid-epoch resumes at the next batch on its own backend, its batch curve whole', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await generateSmallDataset(page, { name: 'resume32', identities: 4, variations: 8, split: [3, 1, 0] });

  // Settings computes on CPU; the run is asked to train on WASM. A resume must use the run's.
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog
    .getByRole('group', { name: 'Compute backend (tfjs)' })
    .getByRole('radio', { name: 'CPU', exact: true })
    .check();
  await expect(page.getByLabel('tfjs backend')).toHaveText('CPU');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.goto('/#/train');
  const form = page.getByRole('form', { name: 'Train a network' });
  await form.getByLabel('Run name').fill('resume-run');
  await form.getByLabel('Dataset').selectOption({ label: 'resume32 (4×8, 32px)' });
  const targets = form.getByRole('group', { name: 'Targets' });
  for (const box of await targets.getByRole('checkbox').all()) await box.uncheck();
  await targets.getByRole('checkbox', { name: 'yr', exact: true }).check();
  await form.getByLabel('Batch size').fill('1');
  await form.getByLabel('Epochs').fill('500');
  await form.getByLabel('Learning rate').fill('0.003');
  await form.getByLabel('Backend').selectOption('wasm');
  await expect(form.getByText(/\d+ training and \d+ validation images/)).toBeVisible({ timeout: 60_000 });
  await form.getByRole('button', { name: 'Start training' }).click();
  const monitor = page.getByRole('region', { name: 'Training progress' });
  await expect(monitor.getByRole('heading')).toHaveText('Training “resume-run” on wasm', { timeout: 60_000 });

  // Reload with a mid-epoch checkpoint stored. The worker goes on training (and checkpointing)
  // until the reload stops it, so the run resumes at that checkpoint or a later one, never
  // earlier; if the last one before the reload was an epoch's end after all, it is tried again
  // (batches of 1 image: 24 per epoch, so most checkpoints fall inside one).
  let resumedAt = { epoch: 0, batch: 0, points: 0 };
  let expected: StoredCheckpoint | undefined;
  let previous = 0;
  for (let attempt = 0; attempt < 6 && resumedAt.batch <= 1; attempt++) {
    await expect
      .poll(
        async () => {
          const c = await checkpointOf(page);
          if ((c?.batch ?? 0) > 0 && (c?.savedAt ?? 0) > previous) expected = c;
          return expected?.savedAt ?? 0;
        },
        { timeout: 120_000 },
      )
      .toBeGreaterThan(previous);
    previous = expected?.savedAt ?? 0;
    console.log(`reload ${attempt + 1} with the checkpoint before epoch ${expected?.epoch}, batch ${expected?.batch}`);
    await page.reload();
    const resumed = page.getByRole('status', { name: 'Resumed' });
    await expect(resumed).toContainText('Resumed after', { timeout: 60_000 });
    const match = /at epoch (\d+), batch (\d+); the (\d+) batch points before are kept/.exec(
      (await resumed.textContent()) ?? '',
    );
    resumedAt = { epoch: Number(match?.[1]), batch: Number(match?.[2]), points: Number(match?.[3]) };
  }
  console.log('resumed at', JSON.stringify(resumedAt));
  expect(resumedAt.batch, 'resumed mid-epoch').toBeGreaterThan(1);

  // On the run's backend (WASM) while Settings still says CPU: nothing was measured.
  await expect(monitor.getByRole('heading')).toHaveText('Training “resume-run” on wasm', { timeout: 60_000 });
  await expect(page.getByLabel('tfjs backend')).toHaveText('CPU');
  // Every batch before the reload is kept: steps 0..points-1 (the chart's x is step + 1).
  await expect(monitor).toContainText(/images\/s/, { timeout: 60_000 });
  const perEpoch = Number(/batch \d+ \/ (\d+)/.exec((await monitor.textContent()) ?? '')?.[1]);
  expect(resumedAt.points).toBe((resumedAt.epoch - 1) * perEpoch + resumedAt.batch - 1);
  // Not before the checkpoint read before the reload (0-based epoch and batch there; the monitor counts from 1).
  const storedStep = (expected?.epoch ?? NaN) * perEpoch + (expected?.batch ?? NaN);
  expect(resumedAt.points, 'resumed at the stored checkpoint or a later one').toBeGreaterThanOrEqual(storedStep);
  // Once a few batches more are drawn: one point per step from the first, none repeated, none missing
  // (an epoch restarted from its first batch would repeat steps; skipped batches would leave a gap).
  await expect
    .poll(async () => (await plottedSteps(page)).length, { timeout: 60_000 })
    .toBeGreaterThan(resumedAt.points + 2);
  const steps = await plottedSteps(page);
  expect(steps.slice(0, 3)).toEqual([1, 2, 3]);
  expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));

  await monitor.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('row', { name: 'Run resume-run' })).toContainText('paused', { timeout: 60_000 });
});
