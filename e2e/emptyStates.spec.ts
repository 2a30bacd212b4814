import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// On a fresh profile every tab's empty state says what to do next, and its button does it.

const panel = (page: Page, name: string) => page.getByRole('tabpanel', { name });

async function followsTo(page: Page, from: string, button: string, to: string): Promise<void> {
  await page.goto(`/#/${from.toLowerCase()}`);
  // first(): a form on the tab may offer the same way on.
  await panel(page, from).getByRole('button', { name: button }).first().click();
  await expect(page).toHaveURL(new RegExp(`#/${to.toLowerCase()}$`));
  await expect(panel(page, to)).toBeVisible();
}

test('each empty tab has a button to the tab that comes first', async ({ page }) => {
  await followsTo(page, 'Explore', 'Go to the Dataset tab', 'Dataset');
  await followsTo(page, 'Train', 'Go to the Dataset tab', 'Dataset');
  await followsTo(page, 'Analyze', 'Go to the Train tab', 'Train');
  // No run at all: Results sends you to Train, not to Analyze.
  await followsTo(page, 'Results', 'Go to the Train tab', 'Train');
});

test('an empty list brings its form into view with a field focused', async ({ page }) => {
  for (const [tab, button, form] of [
    ['Dataset', 'Fill in the generator form', 'Generate a dataset'],
    ['Train', 'Fill in the training form', 'Train a network'],
    ['Analyze', 'Fill in the analysis form', 'Analyse a run'],
  ] as const) {
    await page.goto(`/#/${tab.toLowerCase()}`);
    await panel(page, tab).getByRole('button', { name: button }).click();
    await expect(page.getByRole('form', { name: form }).locator(':focus')).toHaveCount(1);
  }
  await expect(panel(page, 'Analyze').getByText('No analyses yet.')).toBeVisible();
});
