/**
 * The caricature effect (issue 13 §6, Hill et al. 2019) through the UI: a small dataset, a run of
 * one epoch and its analysis; in Results the caricature levels are checked as typed, level ×2 is
 * rendered as a dataset through the generation job, and the model's identification accuracy per
 * level is plotted with its Wilson interval and chance.
 */
import { expect, test } from './fixtures';
import { storeRecords } from './appDb';
import { generateSmallDataset, trainSmallRun } from './smallDataset';

interface PlotData {
  name?: string;
  x?: number[];
  y?: number[];
  error_y?: { array?: number[]; arrayminus?: number[] };
}

interface StoredCaricature {
  key: string;
  chance: number;
  identities: number;
  levels: { scale: number; probes: number; correct: number; accuracy: number; ciLow: number; ciHigh: number }[];
}

test('caricature effect: levels validated, ×2 rendered as a dataset, accuracy per level plotted with chance', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const t0 = Date.now();
  const at = () => `${Math.round((Date.now() - t0) / 1000)} s`;
  await generateSmallDataset(page, { name: 'cari', identities: 6, variations: 4, split: [2, 2, 2] });
  await trainSmallRun(page, { name: 'cn', dataset: 'cari (6×4, 32px)', targets: ['yr'], batchSize: 4, epochs: 1 });
  console.log(`dataset and run at ${at()}`);

  await page.goto('/#/analyze');
  const form = page.getByRole('form', { name: 'Analyse a run' });
  await form.getByLabel('Run').selectOption({ label: 'cn (ResNet6, yr)' });
  await form.getByLabel('Components per layer').fill('4');
  await form.getByLabel('PCA batches').fill('1');
  await form.getByLabel('Batch size').fill('8');
  await form.getByLabel('Permutations (shuffled-label null)').fill('0');
  await form.getByLabel('Bootstrap resamples (test identities)').fill('0');
  await form.getByRole('button', { name: 'Compress, decompose and decode' }).click();
  await expect(page.getByRole('row', { name: 'Analysis cn analysis' })).toContainText('complete', { timeout: 120_000 });
  console.log(`analysed at ${at()}`);

  await page.goto('/#/results');
  await page.getByLabel('Analysis', { exact: true }).selectOption({ label: 'cn analysis' });
  const panel = page.getByRole('region', { name: 'Caricature effect' });
  const levels = panel.getByLabel('Caricature levels');
  const run = panel.getByRole('button', { name: 'Run caricature effect' });
  await expect(levels).toHaveValue('0.5, 1, 1.5, 2');
  await levels.fill('2');
  await expect(panel.getByText(/Give 2 to 6 caricature levels/)).toBeVisible();
  await expect(levels).toHaveAttribute('aria-invalid', 'true');
  await expect(run).toBeDisabled();
  await levels.fill('1, 2');
  await expect(run).toBeEnabled();
  await run.click();

  const chart = page.getByRole('group', { name: 'Identification vs caricature level (chart)' });
  const readTraces = () => chart.evaluate((el) => (el as HTMLElement & { data?: PlotData[] }).data ?? []);
  await expect.poll(async () => (await readTraces()).length, { timeout: 120_000 }).toBe(2);
  console.log(`caricature effect plotted at ${at()}`);
  const [ours, chance] = await readTraces();
  expect(ours?.x).toEqual([1, 2]);
  expect(ours?.y).toHaveLength(2);
  for (const y of ours?.y ?? []) {
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThanOrEqual(1);
  }
  // Two testing identities: chance 1/2, drawn dashed over the levels.
  expect(chance?.y).toEqual([0.5, 0.5]);
  expect(chance?.name).toBe('chance (1 / 2 identities)');

  // The plot shows the stored record: accuracy = correct / probes, bars to its Wilson interval.
  const stored = ((await storeRecords(page, 'activations')) as StoredCaricature[]).find((r) =>
    r.key.endsWith('/reproductions/caricature'),
  );
  expect(stored?.levels.map((l) => [l.scale, l.probes])).toEqual([
    [1, 8],
    [2, 8],
  ]);
  console.log(
    `accuracy per level: ${stored?.levels.map((l) => `×${l.scale} ${l.correct}/${l.probes} [${l.ciLow.toFixed(3)}, ${l.ciHigh.toFixed(3)}]`).join(', ')}`,
  );
  stored?.levels.forEach((l, i) => {
    expect(ours?.y?.[i]).toBe(l.correct / l.probes);
    expect(Math.abs((ours?.error_y?.array?.[i] ?? NaN) - (l.ciHigh - l.accuracy))).toBeLessThan(1e-12);
    expect(Math.abs((ours?.error_y?.arrayminus?.[i] ?? NaN) - (l.accuracy - l.ciLow))).toBeLessThan(1e-12);
  });
  await expect(panel.getByRole('button', { name: 'Download caricature TSV' })).toBeVisible();

  // The caricatures are a dataset like any other, listed in the Dataset tab.
  await page.goto('/#/dataset');
  await expect(page.getByRole('row', { name: 'Dataset cari caricature ×2' })).toContainText('complete');
});
