import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
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

test('generation shows progress, survives a reload in the middle and ends with exactly 48 unique records', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await form.getByRole('button', { name: 'Generate dataset' }).click();
  const status = page.getByRole('region', { name: 'Generation progress' });
  await expect(status).toContainText(/\d+ \/ 48 parameter records/, { timeout: 60_000 });
  // Wait for some work to be stored, then reload before the end.
  await expect.poll(async () => (await storedRecords(page)).count, { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
  const before = await storedRecords(page);
  expect(before.count).toBeLessThan(48);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Generation progress' })).toContainText('Resuming', { timeout: 30_000 });
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
  await expect(row.getByRole('alert')).toHaveText('Split sizes 6 + 3 + 4 = 13 do not add up to the 12 identities in this dataset.');
  await split.getByLabel('testing').fill('3');
  await split.getByRole('button', { name: 'Save split' }).click();
  await expect(row.getByRole('status')).toHaveText('Saved: 6 / 3 / 3 identities.');
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('tiny.csv');

  // pandas (Debian's python3-pandas) reads it: the original's columns, one row per image record.
  const summary = JSON.parse(execFileSync('/usr/bin/python3', ['e2e/python/read_dataset_csv.py', await download.path()], { encoding: 'utf8' })) as {
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
  expect(summary.columns).toEqual(['image_path_left', 'image_path', 'image_path_right', 'feature_path', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'zl', 'emo', 'gender', 'ethn', 'age', 'bg', 'id', 'split']);
  expect(summary.rows).toBe(48);
  expect(summary.identities).toBe(12);
  expect(summary.per_split).toEqual({ training: 6, validation: 3, testing: 3 });
  expect(summary.disjoint).toBe(true);
  expect(summary.numeric).toBe(true);
  const { id, gender, ethn, age } = summary.first_identity;
  const folder = `id-${id ?? ''}_gender-${gender ?? ''}_ethn-${ethn ?? ''}_age-${age ?? ''}`;
  expect(summary.first_paths).toEqual([`${folder}/0_imageleft.jpg`, `${folder}/0_image.jpg`, `${folder}/0_imageright.jpg`, `${folder}/0_features.h5`]);

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
  await query.getByLabel('Query name').fill('women under 40');
  await query.getByRole('button', { name: 'Save query' }).click();
  await expect(query.getByRole('list', { name: 'Saved queries' })).toContainText('women under 40: gender == "F" and age < 40');
  await page.reload();
  await page.getByRole('row', { name: 'Dataset tiny' }).getByText('Split and export').click();
  await expect(page.getByRole('list', { name: 'Saved queries' })).toContainText('women under 40');
});
