/**
 * Runs compared (issue 13 §5): "Train N seeds" queues N runs of one config, each stored up
 * front; their analyses overlaid in Results are drawn as one mean ± sd line per factor, whose
 * numbers are the mean and sd of the analyses' stored perf rows.
 */
import type { Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';
import { generateSmallDataset } from './smallDataset';

interface StoredAnalysis {
  name: string;
  perf: { factor: string; feature_nr: number; op_nr: number; corr: number }[];
}

interface PlotData {
  name?: string;
  x?: number[];
  y?: number[];
  error_y?: { array?: number[] };
}

/** Analyses `run` with small settings (set after choosing the run: the form re-sizes its defaults per run). */
async function analyse(page: Page, run: string): Promise<void> {
  await page.goto('/#/analyze');
  const form = page.getByRole('form', { name: 'Analyse a run' });
  await form.getByLabel('Run').selectOption({ label: `${run} (ResNet6, yr)` });
  await form.getByLabel('Components per layer').fill('4');
  await form.getByLabel('PCA batches').fill('1');
  await form.getByLabel('Batch size').fill('8');
  await form.getByLabel('Permutations (shuffled-label null)').fill('0');
  await form.getByLabel('Bootstrap resamples (test identities)').fill('0');
  await form.getByRole('button', { name: 'Compress, decompose and decode' }).click();
  await expect(page.getByRole('row', { name: `Analysis ${run} analysis` })).toContainText('complete', {
    timeout: 120_000,
  });
}

test('two seeds trained from one form, analysed, and overlaid in Results as mean ± sd of their perf rows', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const t0 = Date.now();
  await generateSmallDataset(page, { name: 'seeds', identities: 4, variations: 4, split: [2, 1, 1] });

  console.log(`dataset at ${Math.round((Date.now() - t0) / 1000)} s`);
  await page.goto('/#/train');
  const form = page.getByRole('form', { name: 'Train a network' });
  await form.getByLabel('Run name').fill('sn');
  await form.getByLabel('Dataset').selectOption({ label: 'seeds (4×4, 32px)' });
  const targets = form.getByRole('group', { name: 'Targets' });
  for (const box of await targets.getByRole('checkbox').all()) await box.uncheck();
  await targets.getByRole('checkbox', { name: 'yr', exact: true }).check();
  await form.getByLabel('Batch size').fill('4');
  await form.getByLabel('Epochs').fill('1');
  await form.getByLabel('Backend').selectOption('wasm');
  const seeds = form.getByLabel(/^Seeds/);
  await seeds.fill('17');
  await expect(form.getByText('Seeds must be a whole number from 1 to 16, got 17.')).toBeVisible();
  await expect(seeds).toHaveAttribute('aria-invalid', 'true');
  await seeds.fill('2');
  await expect(form.getByText(/2 runs, trained one after another: “sn seed 1”, “sn seed 2”/)).toBeVisible({
    timeout: 60_000,
  });
  await form.getByRole('button', { name: 'Start training 2 seeds' }).click();
  // Both runs are stored at once; the second waits for the first, then trains.
  const status = (name: string) =>
    page
      .getByRole('row', { name: `Run ${name}` })
      .getByRole('cell')
      .nth(1);
  // Its status says queued, with what it waits for (one cell, so one moment).
  await expect(status('sn seed 2')).toHaveText(/^queued.*trains once 'sn seed 1' has finished/);
  await expect(status('sn seed 1')).toHaveText('complete', { timeout: 120_000 });
  await expect(status('sn seed 2')).toHaveText('complete', { timeout: 120_000 });
  const runs = (await storeRecords(page, 'runs')) as { name: string; config: { seed: number } }[];
  expect(runs.map((r) => [r.name, r.config.seed]).sort()).toEqual([
    ['sn seed 1', 1],
    ['sn seed 2', 2],
  ]);

  console.log(`trained two seeds at ${Math.round((Date.now() - t0) / 1000)} s`);
  await analyse(page, 'sn seed 1');
  await analyse(page, 'sn seed 2');

  console.log(`analysed both at ${Math.round((Date.now() - t0) / 1000)} s`);
  await page.goto('/#/results');
  await page.getByLabel('Analysis', { exact: true }).selectOption({ label: 'sn seed 1 analysis' });
  await page
    .getByRole('group', { name: 'Overlay analyses' })
    .getByRole('checkbox', { name: 'sn seed 2 analysis' })
    .check();
  const curves = page.getByRole('region', { name: 'Layerwise decoding curves' });
  await expect(curves).toContainText('Solid: sn (2 seeds), seeds 1, 2.');
  const chart = page.getByRole('group', { name: 'Layerwise decoding (chart)' });
  const readTraces = () => chart.evaluate((el) => (el as HTMLElement & { data?: PlotData[] }).data ?? []);
  await expect.poll(async () => (await readTraces()).some((t) => t.name?.endsWith(' · sn (2 seeds)'))).toBe(true);
  const traces = await readTraces();
  // One line per factor, all for the group: neither seed is drawn on its own.
  expect(traces.every((t) => t.name?.endsWith(' · sn (2 seeds)'))).toBe(true);

  const analyses = (await storeRecords(page, 'results')) as StoredAnalysis[];
  const seedRows = ['sn seed 1 analysis', 'sn seed 2 analysis'].map(
    (name) => analyses.find((a) => a.name === name)?.perf ?? [],
  );
  const corrAt = (rows: StoredAnalysis['perf'], factor: string, opNr: number) => {
    const found = rows.filter((r) => r.factor === factor && r.op_nr === opNr);
    return found.length === 1 ? (found[0]?.corr ?? NaN) : NaN;
  };
  // Factors decoded as a single score (one row per layer): the trace is the mean of the two rows.
  const single = new Set(
    seedRows[0]
      ?.map((r) => r.factor)
      .filter((f) => !['shape', 'tex', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'].includes(f)),
  );
  let checked = 0;
  let worst = 0;
  for (const trace of traces) {
    const factor = trace.name?.replace(' · sn (2 seeds)', '') ?? '';
    if (!single.has(factor)) continue;
    (trace.x ?? []).forEach((opNr, i) => {
      const a = corrAt(seedRows[0] ?? [], factor, opNr);
      const b = corrAt(seedRows[1] ?? [], factor, opNr);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return;
      const mean = (a + b) / 2;
      const sd = Math.abs(a - b) / Math.SQRT2;
      worst = Math.max(
        worst,
        Math.abs((trace.y?.[i] ?? NaN) - mean),
        Math.abs((trace.error_y?.array?.[i] ?? NaN) - sd),
      );
      checked++;
    });
  }
  console.log(`mean ± sd of ${checked} layer x factor points against the stored perf rows: max |difference| ${worst}`);
  expect(checked).toBeGreaterThanOrEqual(4);
  expect(worst).toBeLessThan(1e-9);

  // The axis toggle still works on the group: yaw gets its own mean ± sd line.
  await curves.getByLabel('Average rotation, translation and lights over their axes').uncheck();
  await expect.poll(async () => (await readTraces()).some((t) => t.name === 'yr · sn (2 seeds)')).toBe(true);
});
