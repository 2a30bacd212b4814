import { expect, test } from './fixtures';
import { FIRST_VISIT } from './measuredBrowser';
import { shapeStats } from './pixels';

// A first visit: nothing measured yet (the other specs start from a measured browser).
test.use({ storageState: FIRST_VISIT });

test('status bar names the compute backend policy and a renderer, and Explore shows a shaded face', async ({
  page,
}, testInfo) => {
  await page.goto('/#/explore');
  // Automatic = the fastest backend, measured once per browser when the first job needs it.
  await expect(page.getByLabel('tfjs backend')).toHaveText('automatic: measured when the first job starts');
  // The on-screen view defaults to the WebGPURenderer's WebGL2 backend (see createRenderer.ts).
  await expect(page.getByLabel('3D renderer backend')).toHaveText('WebGL2');
  await expect(page.getByLabel('storage used of quota')).toHaveText(/ of /);
  await expect(page.getByLabel('storage persistence')).toHaveText(/persistent|unknown/);

  const canvas = page.getByRole('img', { name: /3D face view/ }).locator('canvas');
  await expect(canvas).toBeVisible();
  // Give the first on-demand frame time to land, then judge the pixels.
  await expect
    .poll(async () => (await shapeStats(page, await canvas.screenshot())).foregroundFraction, { timeout: 30_000 })
    .toBeGreaterThan(0.05);
  const png = await canvas.screenshot();
  await testInfo.attach('explore-face', { body: png, contentType: 'image/png' });
  const stats = await shapeStats(page, png);
  console.log('explore face pixels', JSON.stringify(stats));

  expect(stats.foregroundFraction).toBeGreaterThan(0.05);
  expect(stats.foregroundFraction).toBeLessThan(0.7);
  // A bust, read from the top down: a head taller than wide, on a neck narrower than the head,
  // above shoulders much wider than the neck that leave the frame at the bottom (the default
  // ICT-FaceKit model; the old procedural model was a head on a cylinder).
  expect(stats.bust.headAspect).toBeGreaterThan(1.1);
  expect(stats.bust.headAspect).toBeLessThan(2.2);
  expect(stats.bust.headToNeck).toBeGreaterThan(1.2);
  expect(stats.bust.shouldersToNeck).toBeGreaterThan(1.8);
  expect(stats.bust.cutAtBottom).toBe(true);
  expect(Math.abs(stats.centroid[0] - 0.5)).toBeLessThan(0.15);
  expect(stats.centroid[1]).toBeGreaterThan(0.3);
  expect(stats.centroid[1]).toBeLessThan(0.8);
  // Shaded, not flat: many luminance levels across the surface.
  expect(stats.lumaStd).toBeGreaterThan(8);
  expect(stats.lumaLevels).toBeGreaterThan(30);

  // Orbiting changes the view.
  const box = await canvas.boundingBox();
  if (!box) throw new Error('canvas has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect
    .poll(async () => {
      const after = await shapeStats(page, await canvas.screenshot());
      return Math.abs(after.centroid[0] - stats.centroid[0]) + Math.abs(after.aspect - stats.aspect);
    })
    .toBeGreaterThan(0.02);
});
