import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const IMPORT_LABEL = 'Import original files (*_decomposed.h5, *_perf.tsv)';
const BOLD = '<b>bold</b>_perf.tsv';
const LAYER = '<i>conv</i>';

/** A perf.tsv in the original's columns: two factors over two layers, one named with markup. */
const PERF_TSV = [
  'corr\tfactor\tfeature_nr\tlayername\tlayer\toperation\top_nr',
  `0.4\tyr\t1\t${LAYER}\t01\tconv\t0`,
  '0.7\tyr\t1\tlayer02_globalpool\t02\tglobalpool\t1',
  `0.2\tgender\t1\t${LAYER}\t01\tconv\t0`,
  '0.6\tgender\t1\tlayer02_globalpool\t02\tglobalpool\t1',
].join('\n');

async function importPerf(page: Page, name: string): Promise<void> {
  await page.getByLabel(IMPORT_LABEL).setInputFiles({
    name,
    mimeType: 'text/tab-separated-values',
    buffer: Buffer.from(PERF_TSV),
  });
  await expect(page.getByRole('status').filter({ hasText: `Imported “${name}”.` })).toBeVisible();
}

/** Every modebar button of a chart, clicked as a user would (confirming any dialog it opens). */
async function clickEveryModebarButton(figure: Locator): Promise<string[]> {
  const titles: string[] = [];
  const buttons = figure.locator('.modebar-btn');
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    await figure.locator('.main-svg').first().hover({ force: true });
    const button = buttons.nth(i);
    titles.push((await button.getAttribute('data-title')) ?? '');
    await button.click();
    // plotly's "Share chart..." asks first; confirming opens the third-party site.
    const confirm = figure.page().locator('.plotly-cloud-dialog-btn--confirm');
    if (await confirm.isVisible()) await confirm.click();
  }
  return titles;
}

test('no chart control leads off the origin, and names with markup show as typed', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const foreign: string[] = [];
  const popups: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
  });
  context.on('page', (p) => popups.push(p.url() || 'a new window'));

  await page.goto('/#/results');
  await importPerf(page, 'plain_perf.tsv');
  await importPerf(page, BOLD);
  await page.getByLabel('Analysis', { exact: true }).selectOption({ label: 'plain_perf.tsv' });
  await page.getByRole('checkbox', { name: BOLD }).check();

  const curves = page.getByRole('figure', { name: 'Layerwise decoding' });
  const heatmap = page.getByRole('figure', { name: 'Decoding heatmap' });
  for (const figure of [curves, heatmap]) await expect(figure.locator('.main-svg').first()).toBeVisible();

  // Legend and hover show the overlaid analysis' name literally; the heatmap's axis the layer's.
  await expect(curves.locator('.legendtext').filter({ hasText: '<b>bold</b>' }).first()).toBeVisible();
  await curves.locator('.scatterlayer .trace').last().locator('.points path').first().hover({ force: true });
  await expect(curves.locator('.hoverlayer')).toContainText(BOLD);
  await expect(curves.locator('.hoverlayer')).toContainText(LAYER);
  await expect(heatmap.locator('.ytick text').filter({ hasText: LAYER })).toHaveCount(1);

  for (const figure of [curves, heatmap]) {
    // No link to another site anywhere on a chart (plotly's logo links to plotly.com).
    const hrefs = await figure
      .locator('a[href]')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.filter((h) => new URL(h).origin !== origin)).toEqual([]);
    const titles = await clickEveryModebarButton(figure);
    expect(titles.filter((t) => t.startsWith('Download plot'))).toHaveLength(1);
    expect(titles.filter((t) => /share|cloud|plotly/i.test(t))).toEqual([]);
  }
  expect(popups).toEqual([]);
  expect(foreign).toEqual([]);
});
