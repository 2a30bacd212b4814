import { expect, test } from './fixtures';

// Dataset generation in the face worker, through the dev server: a run cancelled in the middle
// and resumed stores exactly the same images as an uninterrupted one, with nothing lost or
// duplicated (complete identities are kept; the rest is generated on resume).
test('a cancelled and resumed generation yields exactly the uninterrupted dataset @dev', async ({ page }) => {
  await page.goto('/#/dataset');
  const r = await page.evaluate(async () => (await import('/e2e/browser/generationHarness.ts')).generationChecks());
  console.log('generation', JSON.stringify(r));
  expect(r.cancelledWith).toBe('JOB_CANCELLED');
  expect(r.storedBeforeResume).toBeGreaterThanOrEqual(2);
  expect(r.storedBeforeResume).toBeLessThan(48);
  expect(r.storedBeforeResume % 2).toBe(0); // whole identities only
  expect(r.resumedIdentities).toBe(r.storedBeforeResume / 2);
  expect(r.straightCount).toBe(48);
  expect(r.resumedCount).toBe(48);
  expect(r.uniqueKeys).toBe(48);
  expect(r.identicalImages).toBe(true);
  expect(r.binocularImages).toBe(true);
  for (const field of [
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
    expect(r.featureFields).toContain(field);
});
