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

test('the shell shows at once with a note on what is loading, before any script has run', async ({ page }) => {
  // The entry script is held back (as on a slow first visit) until the note has been seen.
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'commit' });
  const note = page.getByRole('status').filter({ hasText: 'Loading the app…' });
  await expect(note).toBeVisible();
  await expect(page.getByRole('heading', { name: 'GMF Workbench' })).toBeVisible();
  release();
  await expect(page.getByRole('tablist', { name: 'Workbench sections' })).toBeVisible({ timeout: 60_000 });
  await expect(note).toHaveCount(0);
});
