import { expect, test } from './fixtures';

test('"Measure speed" times the Tiny preset here, and the estimate becomes a measured range for those settings only', async ({
  page,
}) => {
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  const estimate = form.getByLabel('Estimate');
  await expect(estimate).toContainText('48 parameter records, 144 images');
  await expect(estimate).toContainText('a rough guess');

  await form.getByRole('button', { name: 'Measure speed' }).click();
  await expect(form.getByRole('status')).toContainText(/Measured [\d.]+ images\/s over 18 images/, { timeout: 30_000 });
  await expect(estimate).toContainText(
    /about \d+ (s|min)( – \d+ (s|min))?, from 1 measurement here at 64 px, render scale 4/,
  );
  await expect(form.getByRole('button', { name: 'Measure again' })).toBeEnabled();

  // Another resolution has not been measured: a guess again, and the note about 64 px is gone.
  await form.getByLabel('Resolution (pixels)').fill('96');
  await expect(estimate).toContainText('a rough guess');
  await expect(form.getByRole('status')).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Measure speed' })).toBeEnabled();
  // Back at 64 px the measurement is remembered, after a reload too.
  await page.reload();
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await expect(estimate).toContainText('from 1 measurement here at 64 px, render scale 4');
});
