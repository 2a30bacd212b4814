import { expect, test } from './fixtures';

// `npm run dev` serves the same app under a dev CSP; it must start clean too.
test('the dev server serves the app without errors, isolated, with both backends named @dev', async ({ page }) => {
  const response = await page.goto('/#/explore');
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'nonce-/);
  await expect(page.getByLabel('tfjs backend')).toHaveText('automatic: measured when the first job starts');
  await expect(page.getByLabel('3D renderer backend')).toHaveText('WebGL2');
  await expect(page.getByLabel('cross-origin isolation')).toHaveText('isolated');
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('region', { name: 'Storage' })).toBeVisible();
});
