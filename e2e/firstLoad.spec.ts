/**
 * What a first visit does first (tools/firstLoad.ts measures how long it takes): opening on
 * Explore, the face worker builds the model while Explore's code is still on its way; the offline
 * copy's download waits for the first face; other tabs' code loads when they are opened.
 */
import type { Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { FIRST_VISIT } from './measuredBrowser';

// A first visit: nothing measured yet (the other specs start from a measured browser).
test.use({ storageState: FIRST_VISIT });

const FACE_DRAWN = 'canvas[data-face-drawn]';

test("the face model loads while Explore's code is still on its way; other tabs' code when opened", async ({
  page,
}) => {
  // Explore's chunk is held back (as on a slow first visit) until the model has been asked for.
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/ExploreTab-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  const modelRequested = page.context().waitForEvent('request', (r) => /\/ictFaceKit-[^/]+\.bin$/.test(r.url()));
  // The page's own scripts (not the workers'), to check that none of them brings tfjs.
  const pageScripts: Promise<{ url: string; text: string }>[] = [];
  const onResponse = (response: Response) => {
    const url = response.url();
    if (/\/assets\/[^/]+\.js$/.test(url) && !/\.worker-/.test(url))
      pageScripts.push(response.text().then((text) => ({ url, text })));
  };
  page.on('response', onResponse);
  await page.goto('/');
  await modelRequested;
  await expect(page.getByRole('status').filter({ hasText: 'Loading the 3D view…' })).toBeVisible();
  release();
  await expect(page.locator(FACE_DRAWN)).toBeAttached({ timeout: 90_000 });
  // The note shown while the first frame's shaders compile goes once the face is there.
  await expect(page.getByRole('status').filter({ hasText: 'Drawing the face…' })).toHaveCount(0);
  // tfjs (~0.9 MB, for training and analysis) is not among the scripts the first face needed:
  // its engine's message is in no script the page loaded.
  page.off('response', onResponse);
  const loaded = await Promise.all(pageScripts);
  expect(loaded.length).toBeGreaterThan(1);
  expect(loaded.filter((s) => s.text.includes('not found in registry')).map((s) => s.url)).toEqual([]);

  const trainCode = page.waitForRequest(/\/assets\/TrainTab-[^/]+\.js$/);
  await page.getByRole('tab', { name: 'Train' }).click();
  await trainCode;
  await expect(page.getByRole('tabpanel', { name: 'Train' })).toBeVisible();
});

test.describe('with the offline copy', () => {
  test.use({ serviceWorkers: 'allow' });

  test('the offline copy starts storing the app once the first face is drawn', async ({ page, context }) => {
    const faceDrawnWhenRegistered: boolean[] = [];
    await context.route(/\/sw\.js$/, async (route) => {
      faceDrawnWhenRegistered.push(
        await page.evaluate(() => performance.getEntriesByName('gmf:first-face', 'mark').length > 0),
      );
      // An empty worker: this test is about when it starts (offline.spec.ts checks what it stores).
      await route.fulfill({ contentType: 'text/javascript', body: '' });
    });
    await page.goto('/');
    await expect(page.locator(FACE_DRAWN)).toBeAttached({ timeout: 90_000 });
    await expect.poll(() => faceDrawnWhenRegistered.length).toBeGreaterThan(0);
    expect(faceDrawnWhenRegistered).not.toContain(false);
  });
});
