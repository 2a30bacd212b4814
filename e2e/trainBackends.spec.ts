import { expect, test } from './fixtures';

// Training works on every tfjs backend, through the dev server (WebGPU via SwiftShader in this
// project): the same seeded ResNet6 and data give the same losses on each, so the wasm gradient
// kernels agree with the others. Tolerances (relative to CPU): 1e-4 for WebGPU and WASM (float32
// sums in other orders; measured ~1e-6), 2e-2 for WebGL, whose gradients drift by ~0.5 % per step
// on SwiftShader (measured 0.4 % at step 2, 0.7 % at step 3).
test('ResNet6 trains on WebGPU, WebGL, WASM and CPU with the same losses, without leaking tensors @dev', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/#/train');
  const results = await page.evaluate(async () =>
    (await import('/e2e/browser/trainBackendsHarness.ts')).trainOnEveryBackend(),
  );
  console.log('losses per backend', JSON.stringify(results.map((r) => [r.backend, r.losses])));
  expect(results.map((r) => r.selected)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  const reference = results.find((r) => r.backend === 'cpu')?.losses ?? [];
  expect(reference).toHaveLength(3);
  for (const r of results) {
    expect(r.losses.every(Number.isFinite), r.backend).toBe(true);
    expect(r.losses[2], `${r.backend}: the loss falls`).toBeLessThan(r.losses[0] ?? 0);
    expect(r.tensorsAfter, `${r.backend}: no tensors left behind by training`).toBe(r.tensorsBefore);
    const tolerance = r.backend === 'webgl' ? 2e-2 : 1e-4;
    r.losses.forEach((loss, i) => {
      expect(
        Math.abs(loss - (reference[i] ?? NaN)) / Math.abs(reference[i] ?? 1),
        `${r.backend} step ${i + 1}`,
      ).toBeLessThan(tolerance);
    });
  }
});
