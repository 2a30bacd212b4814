import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const dependencies = Object.keys(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies,
);

/** Opens the notices from Settings and returns their text. */
async function noticesFromSettings(page: Page): Promise<string> {
  await page.goto('/#/dataset');
  await page.getByRole('button', { name: 'Settings' }).click();
  const link = page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('link', { name: 'Third-party notices and licences' });
  const response = await page.request.get(new URL((await link.getAttribute('href')) ?? '', page.url()).href);
  expect(response.status()).toBe(200);
  return response.text();
}

function expectEveryNotice(text: string): void {
  // Our own notices first (the face model's sources), then a section per package with its licence.
  expect(text).toMatch(/^# Third-party notices/);
  expect(text).toContain('ICT-FaceKit');
  for (const name of dependencies) expect(text, name).toMatch(new RegExp(`^${name} \\d[^\\n]* \\(`, 'm'));
  // tfjs' packages ship no licence file: each such package points to its licence's text in the file.
  const bare = text.split('\n').filter((line) => line.startsWith('The package ships no licence file'));
  expect(bare.length).toBeGreaterThan(0);
  for (const line of bare) expect(line).not.toContain('text is in this file');
  expect(text).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
  expect(text).toContain('MIT License');
}

test("Settings links the build's notices: our sources, then every bundled package's licence", async ({ page }) => {
  const text = await noticesFromSettings(page);
  expectEveryNotice(text);
  // The service worker's runtime is not a bundled module, but ships with the build.
  expect(text).toMatch(/^workbox-precaching \d/m);
});

test('the dev server serves the same notices, from the dependencies @dev', async ({ page }) => {
  expectEveryNotice(await noticesFromSettings(page));
});
