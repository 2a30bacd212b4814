import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';

// Saves 16 random faces (rows: demographic mixes; columns: neutral, happy, surprise, anger) so
// people can look at what the face model produces: e2e-artifacts/gallery.png.
test('a gallery of 16 faces is rendered and saved as an artifact @dev', async ({ page }, testInfo) => {
  await page.goto('/#/dataset');
  const dataUrl = await page.evaluate(async () => (await import('/e2e/browser/renderHarness.ts')).galleryPng(128));
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  mkdirSync('e2e-artifacts', { recursive: true });
  writeFileSync('e2e-artifacts/gallery.png', png);
  await testInfo.attach('gallery', { body: png, contentType: 'image/png' });
});
