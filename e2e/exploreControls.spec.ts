import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The face state the URL carries (#/explore?f=<base64url JSON>). */
function urlState(page: Page): Record<string, unknown> {
  const encoded = new URL(page.url()).hash.split('?f=')[1] ?? '';
  return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function settledScreenshot(locator: Locator): Promise<Buffer> {
  // Two equal screenshots in a row: the on-demand frame and the worker results have landed.
  let previous = await locator.screenshot();
  for (let i = 0; i < 20; i++) {
    await locator.page().waitForTimeout(250);
    const next = await locator.screenshot();
    if (next.equals(previous)) return next;
    previous = next;
  }
  return previous;
}

test('Explore sliders change the 3D view, the network view and the URL; the face survives reload', async ({ page }) => {
  await page.goto('/#/explore');
  const view = page.getByRole('img', { name: /3D face view/ });
  const network = page.getByRole('img', { name: /Network input 112×112, centre/ });
  await expect(network).toBeVisible();
  const view0 = await settledScreenshot(view);
  const net0 = await settledScreenshot(network);

  await page.getByRole('slider', { name: 'Rotation y (yaw)' }).fill('30');
  await expect(page.getByRole('slider', { name: 'Rotation y (yaw)' })).toHaveValue('30');
  await expect.poll(() => (urlState(page).pose as Record<string, number>).yr).toBe(30);
  await expect.poll(async () => (await settledScreenshot(view)).equals(view0)).toBe(false);
  await expect.poll(async () => (await settledScreenshot(network)).equals(net0)).toBe(false);

  // Keyboard: a focused slider steps with the arrow keys.
  const age = page.getByRole('slider', { name: 'Age', exact: true });
  await age.focus();
  await page.keyboard.press('ArrowRight');
  await expect(age).toHaveValue('31');
  await expect.poll(() => urlState(page).age).toBe(31);

  await page.getByLabel('Emotion', { exact: true }).selectOption('happy');
  await expect.poll(() => urlState(page).emo).toBe('happy');

  await page.reload();
  await expect(page.getByRole('slider', { name: 'Rotation y (yaw)' })).toHaveValue('30');
  await expect(page.getByRole('slider', { name: 'Age', exact: true })).toHaveValue('31');
  await expect(page.getByLabel('Emotion', { exact: true })).toHaveValue('happy');
});

test('binocular shows left, centre and right; downloads carry the image and the parameters', async ({ page }) => {
  await page.goto('/#/explore');
  await page.getByLabel('Binocular (left, centre, right)').check();
  for (const eye of ['left eye', 'centre', 'right eye'])
    await expect(page.getByRole('img', { name: new RegExp(`Network input 112×112, ${eye}`) })).toBeVisible();

  await page.getByLabel('Network resolution').selectOption('64');
  await expect(page.getByRole('img', { name: 'Network input 64×64, centre' })).toBeVisible();

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download parameters (JSON)' }).click(),
  ]);
  const record = JSON.parse(readFileSync(await json.path(), 'utf8')) as Record<string, unknown>;
  for (const key of [
    'id',
    'gender',
    'ethn',
    'age',
    'shape',
    'shapeScaled',
    'tex',
    'texScaled',
    'xr',
    'yr',
    'zr',
    'xt',
    'yt',
    'zt',
    'xl',
    'yl',
    'zl',
    'emo',
    'bg',
  ])
    expect(record, key).toHaveProperty(key);
  expect(record.shape).toHaveLength(100); // ICT-FaceKit: 100 identity modes
  expect(record.tex).toHaveLength(5);

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download image (PNG)' }).click(),
  ]);
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.readUInt32BE(16)).toBe(64 * 3); // width: three 64 px images side by side
});

test('random identity changes the face and reset returns to the mean face', async ({ page }) => {
  await page.goto('/#/explore');
  const network = page.getByRole('img', { name: /Network input 112×112, centre/ });
  await expect(network).toBeVisible();
  const before = await settledScreenshot(network);
  await page.getByRole('button', { name: 'Random identity' }).click();
  await expect(page.getByRole('group', { name: /Identity #\d+/ })).toBeVisible();
  await expect.poll(() => typeof urlState(page).identity).toBe('number');
  await expect.poll(async () => (await settledScreenshot(network)).equals(before)).toBe(false);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('group', { name: 'Identity (mean face)' })).toBeVisible();
  await expect.poll(async () => (await settledScreenshot(network)).equals(before)).toBe(true);
});
