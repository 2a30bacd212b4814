import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** A canvas's RGBA pixels, read in the page. */
async function pixels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    return Array.from(ctx.getImageData(0, 0, c.width, c.height).data);
  });
}

const meanAbsDiff = (a: number[], b: number[]) =>
  a.length === b.length ? a.reduce((s, v, i) => s + Math.abs(v - (b[i] ?? 0)), 0) / a.length : Infinity;

test('Explore: a yaw sweep strip sets the face; pinned faces A and B morph; the model is described', async ({
  page,
}) => {
  await page.goto('/#/explore');
  await expect(page.getByRole('img', { name: /Network input 112×112, centre/ })).toBeVisible();
  // Supersampling off: the same pictures, rendered faster in software WebGPU.
  await page.getByLabel('Render scale (supersampling)').selectOption('1');

  // The side panel describes the model in use (ICT-FaceKit by default), not the procedural one.
  await page.getByText('About this face model').click();
  await expect(page.locator('.explore-help')).toContainText('ICT-FaceKit');
  await expect(page.locator('.explore-help')).not.toContainText('MediaPipe');

  await page.getByText('Sweep one factor').click();
  await expect(page.getByLabel('Factor', { exact: true })).toHaveValue('pose.yr');
  await page.getByLabel('Images', { exact: true }).fill('5');
  const strip = page.getByRole('list', { name: 'Sweep of Rotation y (yaw)' });
  await expect(strip.locator('.sweep-value')).toHaveText(['−30°', '−15°', '0°', '15°', '30°']);
  await expect(strip.locator('canvas')).toHaveCount(5);
  await expect(page.getByLabel('Sweep status')).toContainText('5 images');
  // Along the factor the pictures change: the two ends differ.
  const ends = strip.locator('canvas');
  expect(meanAbsDiff(await pixels(ends.first()), await pixels(ends.last()))).toBeGreaterThan(1);

  const yaw = page.getByRole('slider', { name: 'Rotation y (yaw)' });
  await page.getByRole('button', { name: 'Set Rotation y (yaw) to 15°' }).click();
  await expect(yaw).toHaveValue('15');
  await expect(page.getByRole('button', { name: 'Set Rotation y (yaw) to 15°' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await page.getByText('Compare two faces').click();
  await page.getByRole('button', { name: 'Pin current face as A' }).click();
  await page.getByRole('button', { name: 'Set Rotation y (yaw) to −30°' }).click();
  await expect(yaw).toHaveValue('-30');
  await page.getByRole('button', { name: 'Pin current face as B' }).click();

  const faceA = page.getByRole('img', { name: 'Face A' });
  const morph = page.getByRole('img', { name: 'Morph A to B' });
  await expect(faceA).toBeVisible();
  await expect(page.getByRole('img', { name: 'Face B' })).toBeVisible();
  await expect(morph).toBeVisible();
  await expect(page.getByText('t = 0.50', { exact: true })).toBeVisible();
  const a = await pixels(faceA);
  // Wait for the t = 0.5 morph to land (no pending batch), then remember it.
  await expect(page.locator('.compare-face.pending')).toHaveCount(0);
  const half = await pixels(morph);
  expect(meanAbsDiff(half, a)).toBeGreaterThan(1);

  // t = 0 is face A: the morph image changes, to A's pixels.
  await page.getByRole('slider', { name: 'Morph A → B (t)' }).fill('0');
  await expect(page.getByText('t = 0.00', { exact: true })).toBeVisible();
  await expect.poll(async () => meanAbsDiff(await pixels(morph), half)).toBeGreaterThan(1);
  await expect.poll(async () => meanAbsDiff(await pixels(morph), a)).toBeLessThan(0.5);
});
