import { expect, test } from './fixtures';

// Every tfjs backend can be forced from Settings; each initialises in the compute worker,
// passes its smoke test, and the choice survives a reload.
for (const [choice, shown] of [
  ['WASM', /^WASM \(\d+ threads?, FMA kernels\)$/],
  ['CPU', /^CPU$/],
  ['WebGL', /^WebGL$/],
  ['WebGPU', /^WebGPU \(/],
] as const) {
  test(`forcing the ${choice} compute backend in Settings`, async ({ page }) => {
    await page.goto('/#/dataset');
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog
      .getByRole('group', { name: 'Compute backend (tfjs)' })
      .getByRole('radio', { name: choice, exact: true })
      .check();
    await expect(page.getByLabel('tfjs backend')).toHaveText(shown);
    // On wasm the tooltip says what runs the convolutions: our FMA kernels and their helper threads.
    if (choice === 'WASM')
      await expect(page.getByTestId('status-compute')).toHaveAttribute(
        'title',
        /our kernels, fused multiply-add \(relaxed SIMD\), with \d+ helper threads?\./,
      );
    await expect(dialog.getByRole('list', { name: 'Backend attempts' })).toContainText(`${choice}: in use`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await expect(page.getByLabel('tfjs backend')).toHaveText(shown);
  });
}
