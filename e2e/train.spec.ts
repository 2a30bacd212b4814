import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';
import { FIRST_VISIT } from './measuredBrowser';
import { generateSmallDataset } from './smallDataset';

// A first visit: nothing measured yet (the other specs start from a measured browser).
test.use({ storageState: FIRST_VISIT });

interface StoredRun {
  id: string;
  name: string;
  status: string;
  history: Record<string, number>[];
}

const runs = async (page: Page) => (await storeRecords(page, 'runs')) as StoredRun[];
const run = async (page: Page, name: string) => (await runs(page)).find((r) => r.name === name);

async function configure(
  page: Page,
  options: { name: string; targets: string[]; epochs: number; learningRate?: number; backend?: string },
): Promise<void> {
  await page.goto('/#/train');
  const form = page.getByRole('form', { name: 'Train a network' });
  await form.getByLabel('Run name').fill(options.name);
  await form.getByLabel('Dataset').selectOption({ label: 'faces32 (8×16, 32px)' });
  const targets = form.getByRole('group', { name: 'Targets' });
  for (const box of await targets.getByRole('checkbox').all()) await box.uncheck();
  for (const t of options.targets) await targets.getByRole('checkbox', { name: t, exact: true }).check();
  await form.getByLabel('Batch size').fill('8');
  await form.getByLabel('Epochs').fill(String(options.epochs));
  await form.getByLabel('Learning rate').fill(String(options.learningRate ?? 0.003));
  await form.getByLabel('Backend').selectOption(options.backend ?? 'auto');
  await expect(form.getByText(/\d+ training and \d+ validation images/)).toBeVisible({ timeout: 60_000 });
}

test('training: clear errors before start, id learned above chance, yr loss falls, resume after reload, model export and import', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await generateSmallDataset(page, { name: 'faces32', identities: 8, variations: 16, split: [6, 2, 0] });

  // Bad input is refused before anything starts, next to its field.
  await configure(page, { name: 'id-run', targets: ['id'], epochs: 12, backend: 'wasm' });
  const form = page.getByRole('form', { name: 'Train a network' });
  await form.getByLabel('Batch size').fill('500');
  await expect(form.getByText(/Batch size 500 is larger than the \d+ training images available/)).toBeVisible();
  await expect(form.getByRole('button', { name: 'Start training' })).toBeDisabled();
  await form.getByLabel('Learning rate').fill('0');
  await expect(form.getByText('The learning rate must be above 0, got 0.')).toBeVisible();
  await expect(form.getByLabel('Architecture').getByRole('option', { name: 'Stereo ResNet-6' })).toBeDisabled();
  await form.getByLabel('Batch size').fill('8');
  await form.getByLabel('Learning rate').fill('0.003');
  await form.getByText('Model summary').click();
  await expect(form.getByRole('table', { name: 'Model summary' })).toContainText('layer06_globalpool');
  await expect(form.getByRole('table', { name: 'Model summary' })).toContainText('layer07_softmax');

  // id: 6 training identities, 12.5 % of each one's images held out to validate (chance = 1/6).
  await form.getByRole('button', { name: 'Start training' }).click();
  const monitor = page.getByRole('region', { name: 'Training progress' });
  await expect(monitor).toContainText(/images\/s/, { timeout: 120_000 });
  // It trains on the backend asked for: a backend that cannot start is an error, never a silent fallback.
  await expect(monitor.getByRole('heading')).toHaveText('Training “id-run” on wasm');
  await expect(monitor.getByRole('figure', { name: 'loss' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'Run id-run' })).toContainText('complete', { timeout: 300_000 });
  const idRun = await run(page, 'id-run');
  console.log('id-run history', JSON.stringify(idRun?.history));
  expect(idRun?.history).toHaveLength(12);
  expect(idRun?.history.at(-1)?.val_id_acc).toBeGreaterThanOrEqual(0.5);

  // yr regression (angle loss): the loss falls.
  await configure(page, { name: 'yr-run', targets: ['yr'], epochs: 6 }); // backend: Fastest (measured)
  await page.getByRole('form', { name: 'Train a network' }).getByRole('button', { name: 'Start training' }).click();
  // "Fastest (measured)": measured once, named in the status bar, and what the run trains on.
  await expect(page.getByLabel('tfjs backend')).toContainText('fastest measured', { timeout: 120_000 });
  const fastest = ((await page.getByLabel('tfjs backend').textContent()) ?? '').split(' ')[0]?.toLowerCase() ?? '';
  await expect(page.getByRole('region', { name: 'Training progress' }).getByRole('heading')).toHaveText(
    `Training “yr-run” on ${fastest}`,
    { timeout: 60_000 },
  );
  // Reload once the first epoch is checkpointed: the run resumes from it, the history unbroken.
  await expect
    .poll(async () => (await run(page, 'yr-run'))?.history.length ?? 0, { timeout: 300_000 })
    .toBeGreaterThanOrEqual(1);
  const beforeReload = (await run(page, 'yr-run'))?.history ?? [];
  await page.reload();
  await expect(page.getByRole('region', { name: 'Training progress' })).toBeVisible({ timeout: 60_000 });
  // Resumed on the run's own backend, without measuring again.
  await expect(page.getByRole('region', { name: 'Training progress' }).getByRole('heading')).toHaveText(
    `Training “yr-run” on ${fastest}`,
    { timeout: 60_000 },
  );
  await expect(page.getByRole('row', { name: 'Run yr-run' })).toContainText('complete', { timeout: 400_000 });
  const yrRun = await run(page, 'yr-run');
  console.log('yr-run history', JSON.stringify(yrRun?.history));
  expect(yrRun?.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
  // Resumed, not restarted: the epochs checkpointed before the reload are kept as they were.
  expect(yrRun?.history.slice(0, beforeReload.length)).toEqual(beforeReload);
  const losses = yrRun?.history.map((h) => h.loss ?? NaN) ?? [];
  expect(losses.at(-1)).toBeLessThan((losses[0] ?? 0) * 0.7);

  // Export the id model (model.json + weights) and import it back as a run.
  const row = page.getByRole('row', { name: 'Run id-run' });
  await row.getByText('History and model').click();
  const details = page.getByRole('row', { name: 'History and model of id-run' });
  // A stored run's curves are per epoch: their x axis is the epoch, the points at epochs 1..12.
  const accChart = details.getByRole('group', { name: 'id_acc (chart)' });
  const plotted = () =>
    accChart.evaluate((el) => {
      const plot = el as HTMLElement & {
        data?: { name?: string; x?: number[] }[];
        layout?: { xaxis?: { title?: { text?: string } } };
      };
      return { title: plot.layout?.xaxis?.title?.text, x: plot.data?.find((t) => t.name === 'epoch: training')?.x };
    });
  await expect.poll(async () => (await plotted()).title, { timeout: 30_000 }).toBe('epoch');
  expect((await plotted()).x).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  const [json, weights] = await Promise.all([
    page.waitForEvent('download', { predicate: (d) => d.suggestedFilename().endsWith('.json') }),
    page.waitForEvent('download', { predicate: (d) => d.suggestedFilename().endsWith('.bin') }),
    details.getByRole('button', { name: 'Export model (tfjs)' }).click(),
  ]);
  expect(json.suggestedFilename()).toBe('model.json');
  const manifest = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
    modelTopology: unknown;
    weightsManifest: { paths: string[] }[];
  };
  expect(manifest.weightsManifest[0]?.paths).toEqual(['weights.bin']);
  await page.getByLabel('Import a tfjs model (model.json + weights.bin)').setInputFiles(
    [await json.path(), await weights.path()].map((p, i) => ({
      name: i === 0 ? 'model.json' : 'weights.bin',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(p),
    })),
  );
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('imported weights');
  expect((await runs(page)).some((r) => r.name === 'imported weights' && r.status === 'complete')).toBe(true);
  await page.getByLabel('Import a tfjs model (model.json + weights.bin)').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"modelTopology": 3}') },
    { name: 'w.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(8) },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText('not a tfjs layers model');
});
