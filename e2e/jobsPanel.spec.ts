import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { putStoredRecords } from './appDb';
import { expect, test } from './fixtures';
import { storedDataset } from './storedDataset';

// The status bar's "Jobs (N)" opens one panel listing every running, paused and interrupted job
// of the app, with its progress and the buttons that pause, resume or open its tab.

const jobsButton = (page: Page) =>
  page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: /^Jobs/ });
const panel = (page: Page) => page.getByRole('dialog', { name: 'Jobs' });

test('a running generation shows in the jobs panel with its progress; Pause and Resume work from there', async ({
  page,
}) => {
  await page.goto('/#/dataset');
  await expect(jobsButton(page)).toHaveText('Jobs (0)');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Tiny (for trying things)' }).click();
  await form.getByLabel('Name', { exact: true }).fill('panel');
  await form.getByLabel('Identities', { exact: true }).fill('200');
  await form.getByLabel('Variations per identity').fill('4');
  await form.getByLabel('Resolution (pixels)').fill('32');
  await form.getByLabel('Binocular').uncheck();
  await form.getByRole('button', { name: 'Generate dataset' }).click();
  await expect(jobsButton(page)).toHaveText('Jobs (1)');

  await jobsButton(page).click();
  const item = panel(page).getByRole('listitem', { name: 'Dataset generation panel' });
  await expect(item).toContainText('running in this tab');
  await expect(item).toContainText(/\d+ \/ 800 parameter records · .+ images\/s · .+ left/);
  await expect(item.getByRole('progressbar', { name: 'Progress of panel' })).toBeVisible();

  await item.getByRole('button', { name: 'Pause panel' }).click();
  await expect(item).toContainText('paused');
  await expect(item).toContainText(/\d+ \/ 800 images stored/);
  await expect(jobsButton(page)).toHaveText('Jobs (0)');

  await item.getByRole('button', { name: 'Resume panel' }).click();
  await expect(item).toContainText('running in this tab');
  await item.getByRole('button', { name: 'Pause panel' }).click();
  await expect(item.getByRole('button', { name: 'Resume panel' })).toBeEnabled();

  // Keyboard: Escape closes the panel and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await expect(jobsButton(page)).toBeFocused();
  await expect(page.getByRole('row', { name: 'Dataset panel' })).toContainText('paused');
});

test('stored paused and failed jobs are listed with Resume, and the panel opens their tab', async ({ page }) => {
  await page.goto('/#/dataset');
  // The app has opened (and made) its database.
  await expect(page.getByText('No datasets yet.')).toBeVisible();
  await putStoredRecords(page, 'datasets', [
    { ...storedDataset('held-1', 'held'), status: 'paused' },
    // A failed generation keeps its running status with the error recorded; no tab resumes it by itself.
    { ...storedDataset('broken-1', 'broken'), createdAt: 2, status: 'generating', error: 'The GPU was lost.' },
  ]);
  await page.reload();
  await jobsButton(page).click();
  const items = panel(page).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAccessibleName('Dataset generation broken');
  await expect(items.nth(0)).toContainText('failed');
  await expect(items.nth(0)).toContainText('The GPU was lost.');
  await expect(items.nth(1)).toHaveAccessibleName('Dataset generation held');
  await expect(items.nth(1)).toContainText('paused');
  await expect(items.nth(1)).toContainText('0 / 48 images stored');
  for (const name of ['broken', 'held'])
    await expect(panel(page).getByRole('button', { name: `Resume ${name}` })).toBeEnabled();
  // Readable in both colour schemes: axe finds no serious or critical violation in the open panel.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page })
      .include('dialog')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }

  await items.nth(1).getByRole('button', { name: 'Open the Dataset tab' }).click();
  await expect(panel(page)).toBeHidden();
  await expect(page).toHaveURL(/#\/dataset$/);
  await expect(page.getByRole('row', { name: 'Dataset held' })).toContainText('paused');
});
