/**
 * Issue 15's checks on every tab, in the light and the dark theme: axe-core finds no serious or
 * critical WCAG 2.1 A/AA violation, and screenshots at 1280x800 and 1920x1080 are saved as
 * artifacts under test-results/screenshots/ (the README shows two of them, from docs/).
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { putStoredRecords } from './appDb';
import { expect, test } from './fixtures';
import { storedDataset } from './storedDataset';

const TABS = ['explore', 'dataset', 'train', 'analyze', 'results'] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

/** Mean of the root background's RGB channels, 0..255. */
async function backgroundBrightness(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const channels = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  return channels.reduce((a, b) => a + b, 0) / 3;
}

for (const theme of ['light', 'dark'] as const) {
  test(`every tab in the ${theme} theme: no serious axe violation, screenshots at two sizes`, async ({ page }) => {
    test.setTimeout(240_000);
    // Light: the system's scheme. Dark: chosen in Settings while the system says light.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/#/dataset');
    if (theme === 'dark') {
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark', exact: true }).check();
      await dialog.getByRole('button', { name: 'Close' }).click();
    }
    if (theme === 'dark') await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    else await expect(page.locator('html')).not.toHaveAttribute('data-theme');
    // A stored dataset, so that the Train and Analyze forms show their fields and not only an empty state.
    await putStoredRecords(page, 'datasets', [storedDataset('a11y', 'faces')]);
    const violations: Record<string, string[]> = {};
    for (const tab of TABS) {
      await page.setViewportSize(SIZES[0]);
      await page.goto(`/#/${tab}`);
      await page.reload();
      // The theme survives a reload (a stored preference): the page background is light or dark.
      const brightness = await backgroundBrightness(page);
      if (theme === 'dark') expect(brightness, 'background brightness').toBeLessThan(64);
      else expect(brightness, 'background brightness').toBeGreaterThan(192);
      await expect(page.getByRole('tab', { selected: true })).toHaveAttribute('aria-controls', /./);
      if (tab === 'explore')
        await expect(page.getByText('Loading the face model…')).toHaveCount(0, { timeout: 60_000 });
      if (tab === 'train') await expect(page.getByLabel('Dataset')).toHaveValue('a11y');
      if (tab === 'dataset') {
        // An opened dataset panel gets the list's whole width, not its last column's.
        await page.getByRole('row', { name: 'Dataset faces' }).getByText('Split and export').click();
        const list = await page.getByRole('table', { name: 'Datasets' }).boundingBox();
        const split = await page.getByRole('group', { name: 'Split of faces' }).boundingBox();
        expect(split?.width ?? 0).toBeGreaterThan(0.9 * (list?.width ?? Infinity));
      }
      violations[tab] = await seriousViolations(page);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.screenshot({
          path: join(test.info().project.outputDir, 'screenshots', `${tab}-${size.width}x${size.height}-${theme}.png`),
          fullPage: false,
        });
      }
    }
    console.log(`axe (${theme}):`, JSON.stringify(violations, null, 1));
    expect(violations).toEqual(Object.fromEntries(TABS.map((t) => [t, []])));
  });
}
