import { expect, test } from './fixtures';

// The wasm convolution kernels as training runs them in Chromium: relaxed SIMD's fused
// multiply-add and a helper thread in a dedicated worker. Forward (bias, ReLU), input gradient
// and filter gradient equal the cpu backend (float32 sums in another order, and fused roundings:
// relative 1e-5, as the unit tests), the helper computed tiles, and the values equal the page's
// main thread (no helpers) bit for bit: a tile's sums do not depend on which thread ran it.
test('wasm convolutions with relaxed SIMD and helper threads equal the cpu backend and one thread @dev', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/#/train');
  const r = await page.evaluate(async () => (await import('/e2e/browser/convKernelsHarness.ts')).convKernelChecks());
  expect(r.inWorker.error).toBeUndefined();
  console.log(
    'conv kernels',
    JSON.stringify({ simd: r.inWorker.simd, helpers: r.inWorker.helpers, helperTiles: r.inWorker.helperTiles }),
  );
  expect(r.inWorker.backend).toBe('wasm');
  expect(r.inWorker.simd).toBe('relaxed');
  // One helper per core beside the calling thread (not tfjs-wasm's doubled count at its start).
  expect(r.inWorker.helpers).toBe(Math.min(7, r.cores - 1));
  expect(r.inWorker.helpers).toBeGreaterThan(0);
  expect(r.inWorker.helperTiles).toBeGreaterThan(0);
  expect(r.mainThreadHelpers).toBe(0);
  const names = ['forward', 'input gradient', 'filter gradient'];
  for (const [c, outputs] of r.inWorker.wasm.entries()) {
    for (const [k, actual] of outputs.entries()) {
      const label = `case ${String(c)} ${names[k] ?? ''}`;
      const expected = r.inWorker.cpu[c]?.[k] ?? [];
      const scale = Math.max(...expected.map(Math.abs));
      const maxDiff = Math.max(...actual.map((v, i) => Math.abs(v - (expected[i] ?? NaN))));
      expect(actual.length, label).toBe(expected.length);
      expect(maxDiff / scale, `${label} against cpu`).toBeLessThan(1e-5);
      expect(actual, `${label}: threads against one thread`).toEqual(r.mainThread[c]?.[k]);
    }
  }
});
