import { writeFileSync } from 'node:fs';
import { expect, test as setup } from './fixtures';
import { MEASURED_BROWSER_STATE, MEASUREMENT_KEY } from './measuredBrowser';

setup("a returning researcher's browser: its tfjs backends measured once, through Settings", async ({ page }) => {
  setup.setTimeout(180_000);
  await page.goto('/#/dataset');
  await expect(page.getByLabel('tfjs backend')).toHaveText('automatic: measured when the first job starts');
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('button', { name: 'Measure now' }).click();
  // Every backend is timed (or said not to be a contender), the fastest is named and used.
  await expect(dialog.getByRole('list', { name: 'Backend timings' }).getByRole('listitem')).toHaveCount(4, {
    timeout: 150_000,
  });
  await expect(page.getByLabel('tfjs backend')).toContainText('fastest measured');
  const state = await page.context().storageState();
  const origins = state.origins.map((o) => ({
    ...o,
    localStorage: o.localStorage.filter((item) => item.name === MEASUREMENT_KEY),
  }));
  expect(origins.flatMap((o) => o.localStorage)).toHaveLength(1);
  writeFileSync(MEASURED_BROWSER_STATE, JSON.stringify({ cookies: [], origins }, null, 2));
});
