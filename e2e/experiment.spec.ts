/**
 * An experiment is a file: a run exported with its dataset and analysis opens in a fresh browser
 * profile with identical results and its provenance; a damaged copy is refused, adding nothing.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { generateSmallDataset, trainSmallRun } from './smallDataset';

/** Starts an analysis with small settings and waits for it; `index` is its row among the "expnet analysis" rows. */
async function analyse(page: Page, index = 0): Promise<void> {
  await page.goto('/#/analyze');
  const form = page.getByRole('form', { name: 'Analyse a run' });
  await form.getByLabel('Components per layer').fill('4');
  await form.getByLabel('PCA batches').fill('1');
  await form.getByLabel('Batch size').fill('8');
  await form.getByLabel('Permutations (shuffled-label null)').fill('0');
  await form.getByLabel('Bootstrap resamples (test identities)').fill('0');
  await form.getByRole('button', { name: 'Compress, decompose and decode' }).click();
  const rows = page.getByRole('row', { name: 'Analysis expnet analysis' });
  await expect(rows).toHaveCount(index + 1);
  for (let i = 0; i <= index; i++) await expect(rows.nth(i)).toContainText('complete', { timeout: 120_000 });
}

/** The perf.tsv of the analysis in row `index` (of those named "expnet analysis") as the Analyze tab downloads it. */
async function perfTsv(page: Page, index = 0): Promise<Buffer> {
  await page.goto('/#/analyze');
  const row = page.getByRole('row', { name: 'Analysis expnet analysis' }).nth(index);
  await expect(row).toContainText('complete', { timeout: 120_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download', { predicate: (d: Download) => d.suggestedFilename() === 'expnet_perf.tsv' }),
    row.getByRole('button', { name: 'Download HDF5, TSV and CSV' }).click(),
  ]);
  return readFileSync(await download.path());
}

/** The corr column of a perf.tsv, in row order. */
function corrs(tsv: Buffer): number[] {
  const [header = '', ...lines] = tsv.toString().trim().split('\n');
  const column = header.split('\t').indexOf('corr');
  return lines.map((line) => Number(line.split('\t')[column]));
}

/** The face Explore opens for the dataset's first thumbnail: the whole face state, as the URL carries it. */
async function firstFaceInExplore(page: Page): Promise<string> {
  await page.goto('/#/dataset');
  const row = page.getByRole('row', { name: 'Dataset exp', exact: true });
  await row.getByText('Split and export').click();
  const query = row.getByRole('group', { name: 'Query exp' });
  await query
    .getByRole('button', { name: /^Identity \d+, variation \d+$/ })
    .first()
    .click();
  await query.getByRole('button', { name: 'Open in Explore' }).click();
  await expect(page).toHaveURL(/#\/explore\?f=/);
  return new URL(page.url()).hash;
}

test('an experiment exported and reopened in a fresh context gives identical results; a damaged copy is refused', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await generateSmallDataset(page, { name: 'exp', identities: 4, variations: 4, split: [2, 1, 1] });
  await trainSmallRun(page, { name: 'expnet', dataset: 'exp (4×4, 32px)', targets: ['yr'], batchSize: 4, epochs: 1 });
  await analyse(page);
  const perf = await perfTsv(page);
  expect(perf.toString().split('\n').length).toBeGreaterThan(2);
  const face = await firstFaceInExplore(page);

  await page.goto('/#/train');
  const runRow = page.getByRole('row', { name: 'Run expnet' });
  const [exported] = await Promise.all([
    page.waitForEvent('download', { predicate: (d: Download) => d.suggestedFilename() === 'expnet.experiment.zip' }),
    runRow.getByRole('button', { name: 'Export experiment' }).click(),
  ]);
  await expect(runRow.getByRole('status')).toContainText('Experiment written: 16 images, 1 analyses');
  const file = readFileSync(await exported.path());
  const damaged = Buffer.from(file);
  for (let i = Math.floor(file.length / 2); i < Math.floor(file.length / 2) + 64; i++)
    damaged[i] = 0xff ^ (damaged[i] ?? 0);

  // A fresh profile: its own IndexedDB, nothing of the first context.
  const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const errors: string[] = [];
  fresh.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  fresh.on('weberror', (e) => errors.push(`uncaught: ${e.error().message}`));
  const other = await fresh.newPage();
  await other.goto('/#/train');
  await expect(other.getByText('No training runs yet.')).toBeVisible();
  const input = other.getByLabel('Open an experiment file');
  await input.setInputFiles({ name: 'damaged.zip', mimeType: 'application/zip', buffer: damaged });
  await expect(other.getByRole('alert').filter({ hasText: 'Experiment refused' })).toContainText(
    'not an experiment exported by GMF Workbench',
  );
  await expect(other.getByText('No training runs yet.')).toBeVisible();
  await other.goto('/#/dataset');
  await expect(other.getByRole('row', { name: 'Dataset exp' })).toHaveCount(0);

  await other.goto('/#/train');
  await other
    .getByLabel('Open an experiment file')
    .setInputFiles({ name: 'expnet.experiment.zip', mimeType: 'application/zip', buffer: file });
  await expect(other.getByRole('status').filter({ hasText: 'Opened' })).toHaveText(
    'Opened “expnet” with 1 analyses on “exp”.',
    { timeout: 60_000 },
  );
  const opened = other.getByRole('row', { name: 'Run expnet' });
  await expect(opened).toContainText('complete');
  await opened.getByText('History and model').click();
  const provenance = other.getByRole('row', { name: 'History and model of expnet' }).getByLabel('Provenance of expnet');
  await expect(provenance).toContainText('exp');
  await expect(provenance).toContainText(/ict-facekit v\d+|gmf-procedural v\d+/);
  await expect(provenance).toContainText(/App version\s*\d+\.\d+\.\d+/);
  await expect(provenance).toContainText('wasm');

  expect((await perfTsv(other)).equals(perf), 'perf.tsv byte-identical after reopening').toBe(true);
  await other.goto('/#/results');
  await expect(other.getByRole('figure', { name: 'Layerwise decoding' })).toBeVisible({ timeout: 60_000 });
  await other.goto('/#/dataset');
  await expect(other.getByRole('row', { name: 'Dataset exp' })).toContainText('complete');
  // Explore opens the same faces; re-running the analysis with the same options gives the same numbers.
  expect(await firstFaceInExplore(other)).toBe(face);
  // (The same numbers up to the compute backend's float32 rounding: Settings may measure another one fastest here.)
  await analyse(other, 1);
  const rerun = corrs(await perfTsv(other, 1));
  const first = corrs(perf);
  expect(rerun.length).toBe(first.length);
  const worst = Math.max(...rerun.map((c, i) => Math.abs(c - (first[i] ?? NaN))));
  console.log(`re-run analysis: ${rerun.length} rows, max |difference| ${worst}`);
  expect(worst).toBeLessThanOrEqual(1e-4);
  await fresh.close();
  expect(errors, 'console errors in the fresh context').toEqual([]);
});
