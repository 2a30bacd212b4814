import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { pythonJson } from '../test/support/python.mjs';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';

/** Image records per (identity, variation) in the browser's real IndexedDB. */
async function storedRecords(page: Page): Promise<{ count: number; unique: number }> {
  const records = (await storeRecords(page, 'images')) as { identity: number; variation: number }[];
  return { count: records.length, unique: new Set(records.map((r) => `${r.identity}/${r.variation}`)).size };
}

test('the generator form validates each field next to it and blocks generation until fixed', async ({ page }) => {
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  const generate = form.getByRole('button', { name: 'Generate dataset' });
  await expect(generate).toBeEnabled();
  const identities = form.getByLabel('Identities', { exact: true });
  await identities.fill('0');
  await expect(identities).toHaveAttribute('aria-invalid', 'true');
  await expect(identities).toHaveAccessibleDescription(/Number of identities must be at least 1/);
  await expect(generate).toBeDisabled();
  await form.getByLabel('Age minimum').fill('60');
  await form.getByLabel('Age maximum').fill('30');
  await expect(form.getByText('Age minimum 60 is above its maximum 30.')).toBeVisible();
  await form.getByLabel('Variations per identity').fill('2.5');
  await expect(form.getByText(/Variations per identity must be a whole number/)).toBeVisible();
  await identities.fill('12');
  await form.getByLabel('Age maximum').fill('70');
  await form.getByLabel('Variations per identity').fill('4');
  await expect(generate).toBeEnabled();
  await expect(form.getByLabel('Estimate')).toContainText('48 parameter records, 144 images');
});

test('generation shows progress, survives a reload in the middle and ends with exactly 48 unique records', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await form.getByRole('button', { name: 'Generate dataset' }).click();
  const status = page.getByRole('region', { name: 'Generation progress' });
  await expect(status).toContainText(/\d+ \/ 48 parameter records \(\d+ \/ 144 images\) · /, { timeout: 60_000 });
  // Wait for some work to be stored, then reload before the end.
  await expect.poll(async () => (await storedRecords(page)).count, { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
  const before = await storedRecords(page);
  expect(before.count).toBeLessThan(48);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Generation progress' })).toContainText('Resuming', {
    timeout: 30_000,
  });
  await expect(page.getByRole('row', { name: 'Dataset tiny' })).toContainText('complete', { timeout: 180_000 });
  const after = await storedRecords(page);
  expect(after).toEqual({ count: 48, unique: 48 });

  // Split identities: sizes must add up (the original raised an error too), then export the CSV.
  const row = page.getByRole('row', { name: 'Dataset tiny' });
  await row.getByText('Split and export').click();
  const split = row.getByRole('group', { name: 'Split of tiny' });
  await split.getByLabel('training').fill('6');
  await split.getByLabel('validation').fill('3');
  await split.getByLabel('testing').fill('4');
  await split.getByRole('button', { name: 'Save split' }).click();
  await expect(row.getByRole('alert')).toHaveText(
    'Split sizes 6 + 3 + 4 = 13 do not add up to the 12 identities in this dataset.',
  );
  await split.getByLabel('testing').fill('3');
  await split.getByRole('button', { name: 'Save split' }).click();
  await expect(row.getByRole('status')).toHaveText('Saved: 6 / 3 / 3 identities.');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('tiny.csv');

  // pandas (Debian's python3-pandas) reads it: the original's columns, one row per image record.
  const summary = pythonJson(['pandas'], ['e2e/python/read_dataset_csv.py', await download.path()]) as {
    columns: string[];
    rows: number;
    identities: number;
    per_split: Record<string, number>;
    disjoint: boolean;
    numeric: boolean;
    first_paths: string[];
    first_identity: Record<string, string>;
    women_under_40: number;
  };
  expect(summary.columns).toEqual([
    'image_path_left',
    'image_path',
    'image_path_right',
    'feature_path',
    'xr',
    'yr',
    'zr',
    'xt',
    'yt',
    'zt',
    'xl',
    'yl',
    'zl',
    'emo',
    'gender',
    'ethn',
    'age',
    'bg',
    'id',
    'split',
  ]);
  expect(summary.rows).toBe(48);
  expect(summary.identities).toBe(12);
  expect(summary.per_split).toEqual({ training: 6, validation: 3, testing: 3 });
  expect(summary.disjoint).toBe(true);
  expect(summary.numeric).toBe(true);
  const { id, gender, ethn, age } = summary.first_identity;
  const folder = `id-${id ?? ''}_gender-${gender ?? ''}_ethn-${ethn ?? ''}_age-${age ?? ''}`;
  expect(summary.first_paths).toEqual([
    `${folder}/0_imageleft.jpg`,
    `${folder}/0_image.jpg`,
    `${folder}/0_imageright.jpg`,
    `${folder}/0_features.h5`,
  ]);

  // The query box: a live count that agrees with pandas on the exported table, errors in plain words.
  const query = row.getByRole('group', { name: 'Query tiny' });
  const filter = query.getByLabel(/^Filter/);
  await filter.fill('agee < 40');
  await expect(query.getByText("Unknown column 'agee'. Did you mean 'age'?", { exact: false })).toBeVisible();
  await filter.fill('gender == "F" and age < 40');
  await expect(query.getByText(`${summary.women_under_40} of 48 images match`)).toBeVisible();
  // The browser shows only matching images (virtualised: at most those in view are in the DOM).
  const grid = query.getByRole('list', { name: 'Dataset images' });
  const thumbs = grid.getByRole('button', { name: /^Identity \d+, variation \d+$/ });
  expect(await thumbs.count()).toBeGreaterThan(0);
  expect(await thumbs.count()).toBeLessThanOrEqual(summary.women_under_40);
  await thumbs.first().click();
  const details = query.getByRole('region', { name: /^Image \d+\/\d+$/ });
  await expect(details.getByRole('img')).toHaveCount(3);
  const parameters = details.getByRole('table', { name: 'Parameters' });
  await expect(parameters.getByRole('row', { name: /^gender F$/ })).toBeVisible();
  const shownAge = Number(await parameters.getByRole('row', { name: /^age / }).getByRole('cell').textContent());
  expect(shownAge).toBeLessThan(40);
  const shown = await shownParameters(parameters);
  // Sorted by any column: by age, the oldest match first, then the youngest.
  const ageOfFirst = async () => {
    await thumbs.first().click();
    const table = query.getByRole('table', { name: 'Parameters' });
    return Number(await table.getByRole('row', { name: /^age / }).getByRole('cell').textContent());
  };
  await query.getByLabel('Sort by').selectOption('age');
  await query.getByLabel('Sort direction').selectOption('descending');
  const oldest = await ageOfFirst();
  await query.getByLabel('Sort direction').selectOption('ascending');
  const youngest = await ageOfFirst();
  expect(oldest).toBeGreaterThan(youngest);
  expect(oldest).toBeLessThan(40);
  await query.getByLabel('Query name').fill('women under 40');
  await query.getByRole('button', { name: 'Save query' }).click();
  await expect(query.getByRole('list', { name: 'Saved queries' })).toContainText(
    'women under 40: gender == "F" and age < 40',
  );
  await page.reload();
  await page.getByRole('row', { name: 'Dataset tiny' }).getByText('Split and export').click();
  await expect(page.getByRole('list', { name: 'Saved queries' })).toContainText('women under 40');

  // The zip in the original layout: pandas reads its CSV, h5py the features.h5 of the image shown above.
  const tinyRow = page.getByRole('row', { name: 'Dataset tiny' });
  const [zipDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    tinyRow.getByRole('button', { name: 'Export zip' }).click(),
  ]);
  expect(zipDownload.suggestedFilename()).toBe('tiny.zip');
  await expect(tinyRow.getByRole('status').filter({ hasText: 'Zip written' })).toContainText('48 images');
  const zipPath = await zipDownload.path();
  const zip = pythonJson(['h5py', 'pandas'], ['e2e/python/read_dataset_zip.py', zipPath, shown.feature_path ?? '']) as {
    first: string;
    files: number;
    columns: string[];
    rows: number;
    missing: string[];
    row: Record<string, string | number>;
    datasets: Record<string, number[]>;
    attrs: Record<string, string | number>;
  };
  expect(zip.first).toBe('tiny/gmf-dataset.json');
  expect(zip.files).toBe(1 + 48 * 4 + 1);
  expect(zip.columns).toEqual(summary.columns);
  expect(zip.rows).toBe(48);
  expect(zip.missing).toEqual([]);
  for (const [column, value] of Object.entries(shown)) expect(String(zip.row[column]), column).toBe(value);
  for (const key of ['xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'zl', 'age', 'id', 'bg', 'emo', 'gender', 'ethn'])
    expect(String(zip.attrs[key]), key).toBe(shown[key]);
  expect(zip.datasets.shape).toEqual([100]);
  expect(zip.datasets.tex).toEqual([5, 100]);

  // A file that is not such a zip is refused in plain words and changes nothing.
  const importer = page.getByLabel('Import a dataset zip');
  await importer.setInputFiles({
    name: 'holiday.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('not a zip at all'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText(
    'not a dataset exported by GMF Workbench',
  );
  expect((await storeRecords(page, 'datasets')).length).toBe(1);
  // The exported zip comes back as a second dataset with the same table.
  await importer.setInputFiles(zipPath);
  // Its name is taken: stored as "tiny (2)", as the form would suggest, and the user is told.
  await expect(page.getByRole('status').filter({ hasText: 'Imported “tiny (2)”.' })).toContainText(
    'Its name “tiny” was taken here or too long',
  );
  const imported = page.getByRole('row', { name: 'Dataset tiny (2)' });
  await expect(imported).toContainText('complete', { timeout: 60_000 });
  expect((await storedRecords(page)).count).toBe(96);
  await imported.getByText('Split and export').click();
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    imported.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(readFileSync(await again.path(), 'utf8')).toBe(readFileSync(await download.path(), 'utf8'));

  // "Open in Explore" re-creates the image: Explore's network view renders what the generator stored.
  const tinyQuery = imported.getByRole('group', { name: /^Query tiny/ });
  const thumb = tinyQuery.getByRole('button', { name: /^Identity \d+, variation \d+$/ }).nth(5);
  const label = (await thumb.getAttribute('aria-label')) ?? '';
  await thumb.click();
  const stored = await imagePixels(tinyQuery.getByRole('img', { name: 'centre' }));
  await tinyQuery.getByRole('button', { name: 'Open in Explore' }).click();
  await expect(page).toHaveURL(/#\/explore\?f=/);
  const [, identity] = /^Identity (\d+)/.exec(label) ?? [];
  await expect(page.getByRole('group', { name: new RegExp(`Identity #${identity ?? ''} of a dataset`) })).toBeVisible();
  const network = page.getByRole('img', { name: 'Network input 64×64, centre' });
  await expect(network).toBeVisible({ timeout: 60_000 });
  // The view first shows whatever was rendered before; poll until the dataset face has arrived. The
  // stored image is a JPEG (q 0.92): encoded the same way, the same render gives (nearly) the same bytes.
  await expect
    .poll(async () => meanAbsDifference(stored, await imagePixels(network, 0.92)), {
      timeout: 60_000,
      message: 'mean |Explore - stored| per channel',
    })
    .toBeLessThan(0.5);
});

/** RGBA pixels of an <img> or <canvas> (through the browser's JPEG encoder first when jpegQuality > 0), read through a 2D canvas. */
async function imagePixels(element: Locator, jpegQuality?: number): Promise<number[]> {
  return element.evaluate(async (el, quality) => {
    let source = el as HTMLImageElement | HTMLCanvasElement;
    if (quality > 0 && source instanceof HTMLCanvasElement) {
      const canvas = source;
      const blob = await new Promise<Blob | null>((resolve) => {
        canvas.toBlob(resolve, 'image/jpeg', quality);
      });
      if (!blob) throw new Error('JPEG encoding failed');
      source = new Image();
      source.src = URL.createObjectURL(blob);
    }
    if (source instanceof HTMLImageElement) await source.decode();
    const width = source instanceof HTMLImageElement ? source.naturalWidth : source.width;
    const height = source instanceof HTMLImageElement ? source.naturalHeight : source.height;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(source, 0, 0);
    return Array.from(ctx.getImageData(0, 0, width, height).data);
  }, jpegQuality ?? 0);
}

function meanAbsDifference(a: number[], b: number[]): number {
  if (a.length !== b.length) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.length; i++) if (i % 4 !== 3) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / ((a.length / 4) * 3);
}

/** The details panel's parameter table as column -> shown text. */
async function shownParameters(table: Locator): Promise<Record<string, string>> {
  const rows = await table.getByRole('row').all();
  const entries = await Promise.all(
    rows.map(
      async (r) => [await r.getByRole('rowheader').textContent(), await r.getByRole('cell').textContent()] as const,
    ),
  );
  return Object.fromEntries(entries.map(([k, v]) => [k ?? '', v ?? '']));
}
