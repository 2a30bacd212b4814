import { expectEvalRefused } from './csp';
import { expect, test } from './fixtures';

const TABS = ['Explore', 'Dataset', 'Train', 'Analyze', 'Results'];

test('every tab is reachable by click, by URL and by keyboard', async ({ page }) => {
  await page.goto('/');
  const tablist = page.getByRole('tablist', { name: 'Workbench sections' });
  await expect(tablist.getByRole('tab')).toHaveText(TABS);

  for (const name of TABS) {
    await tablist.getByRole('tab', { name }).click();
    await expect(page).toHaveURL(new RegExp(`#/${name.toLowerCase()}$`));
    await expect(tablist.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name })).toBeVisible();
  }

  for (const name of TABS) {
    await page.goto(`/#/${name.toLowerCase()}`);
    await page.reload();
    await expect(tablist.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name })).toBeVisible();
  }

  // Keyboard: arrows move between tabs (wrapping), Home/End jump, Alt+N from anywhere.
  await page.goto('/#/explore');
  await tablist.getByRole('tab', { name: 'Explore' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/dataset$/);
  await expect(tablist.getByRole('tab', { name: 'Dataset' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/#\/results$/);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/explore$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#\/results$/);
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/#\/explore$/);
  await page.keyboard.press('Alt+3');
  await expect(page).toHaveURL(/#\/train$/);
  await expect(page.getByRole('tabpanel', { name: 'Train' })).toBeVisible();
});

test('the page is cross-origin isolated and the CSP forbids eval', async ({ page, guard }) => {
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  await expect(page.getByLabel('cross-origin isolation')).toHaveText('isolated');

  await expectEvalRefused(page, guard);
});
