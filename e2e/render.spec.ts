import { expect, test } from './fixtures';

// Runs against the dev server, which serves source modules: the page imports the typed harness
// e2e/browser/renderHarness.ts, which drives the real face worker and WebGPU renderer.

test('the batch renderer is deterministic, pipelined or not, tells identities apart, blends backgrounds only outside the face, and gives binocular disparity @dev', async ({
  page,
}) => {
  await page.goto('/#/dataset');
  const r = await page.evaluate(async () => (await import('/e2e/browser/renderHarness.ts')).renderChecks());
  console.log('render checks', JSON.stringify(r));
  expect(r.identical).toBe(true);
  expect(r.pipelinedImages).toBe(30);
  expect(r.pipelinedIdentical).toBe(true);
  expect(r.identityDifference).toBeGreaterThan(3);
  expect(r.coveredFraction).toBeGreaterThan(0.1);
  expect(r.facePixelsIgnoreBackground).toBe(true);
  expect(r.outsideDifferFraction).toBeGreaterThan(0.5);
  // The left eye sits at x = -32 mm, so it sees the face shifted right (larger x); the right eye left.
  expect(r.leftX).toBeGreaterThan(r.centreX + 1);
  expect(r.rightX).toBeLessThan(r.centreX - 1);
  // Render scale 4 draws at 448 px and box-filters to 112: same size, same face coverage (edges differ).
  expect(r.supersampledLength).toBe(112 * 112 * 4);
  expect(r.supersampledCoverage).toBeGreaterThan(0.97);
  expect(r.supersampledCoverage).toBeLessThan(1.03);
});

test('the camera model projects the nose tip where the renderer draws it, across poses @dev', async ({ page }) => {
  await page.goto('/#/dataset');
  const cases = await page.evaluate(async () => (await import('/e2e/browser/renderHarness.ts')).noseTipChecks());
  for (const c of cases) {
    console.log('nose tip', JSON.stringify(c));
    expect(c.markedPixels, JSON.stringify(c.pose)).toBeGreaterThan(0);
    expect(Math.hypot(c.seen[0] - c.projected[0], c.seen[1] - c.projected[1]), JSON.stringify(c)).toBeLessThan(2);
  }
});
