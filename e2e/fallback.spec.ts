import { expect, test } from './fixtures';

// Runs in the "no-webgpu" project: Chromium without the WebGPU flags has navigator.gpu
// but no adapter, so both the compute backend and the renderer must fall back to WebGL.
test('without WebGPU the status bar names the WebGL fallbacks and why @no-webgpu', async ({ page }) => {
  await page.goto('/#/explore');
  await expect(page.getByLabel('3D renderer backend')).toHaveText('WebGL2');
  // WebGPU forced in Settings: the compute worker falls back, and says why.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page
    .getByRole('group', { name: 'Compute backend (tfjs)' })
    .getByRole('radio', { name: 'WebGPU', exact: true })
    .check();
  await expect(page.getByLabel('tfjs backend')).toHaveText('WebGL');
  const attempts = page.getByRole('list', { name: 'Backend attempts' });
  await expect(attempts).toContainText('WebGPU: skipped');
  await expect(attempts).toContainText('no adapter');
  await expect(attempts).toContainText('WebGL: in use');
});

test('a WebGPU view chosen in Settings falls back to WebGL2 and says why @no-webgpu', async ({ page }) => {
  await page.goto('/#/explore');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page
    .getByRole('radio', { name: /^WebGPU/ })
    .nth(1)
    .check();
  await expect(page.getByLabel('3D renderer in use')).toContainText('no WebGPU adapter');
  await expect(page.getByLabel('3D renderer backend')).toHaveText('WebGL2');
  // The choice survives a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('radio', { name: /^WebGPU/ }).nth(1)).toBeChecked();
});
