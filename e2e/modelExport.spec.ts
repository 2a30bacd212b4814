import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from '@playwright/test';
import { expect, test } from './fixtures';
import { generateSmallDataset, trainSmallRun } from './smallDataset';
import { pythonCommand } from '../test/support/python.mjs';

interface CheckReport {
  ok: boolean;
  tolerance: number;
  max_abs_diff: number;
  layers: Record<string, number>;
  failed: string[];
  missing_in_reference: string[];
  not_in_model: string[];
}

/** Debian's Python (numpy, h5py) on the downloaded loader: exit status, parsed stdout, stderr. */
function loader(script: string, args: readonly string[]): { status: number | null; report: unknown; stderr: string } {
  const run = spawnSync(pythonCommand(['numpy', 'h5py']), [script, ...args], { encoding: 'utf8' });
  return { status: run.status, report: run.stdout.trim() ? JSON.parse(run.stdout) : null, stderr: run.stderr };
}

test('a trained model exported for Python: gmf_model.py (numpy) matches every layer of the browser within 1e-4', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await generateSmallDataset(page, { name: 'export', identities: 4, variations: 4, split: [2, 1, 1] });

  await trainSmallRun(page, {
    name: 'exported',
    dataset: 'export (4×4, 32px)',
    targets: ['yr'],
    batchSize: 4,
    epochs: 1,
  });
  const row = page.getByRole('row', { name: 'Run exported' });

  // One click: the model, the browser's activations for its first training image, and the loader.
  await row.getByText('History and model').click();
  const details = page.getByRole('row', { name: 'History and model of exported' });
  const names = ['model.json', 'weights.bin', 'reference.h5', 'gmf_model.py'];
  const waits = names.map((n) =>
    page.waitForEvent('download', { predicate: (d: Download) => d.suggestedFilename() === n, timeout: 60_000 }),
  );
  await details.getByRole('button', { name: 'Export for Python (model, reference.h5, gmf_model.py)' }).click();
  const dir = mkdtempSync(join(tmpdir(), 'gmf-model-export-'));
  const [modelJson, weights, reference, script] = await Promise.all(
    waits.map(async (wait, i) => {
      const path = join(dir, names[i] ?? `f${i}`);
      await (await wait).saveAs(path);
      return path;
    }),
  );
  if (!modelJson || !weights || !reference || !script) throw new Error('unreachable: four downloads');
  await expect(details.getByRole('status')).toContainText(
    /training image of dataset 'export', identity \d+, variation 0/,
  );
  await expect(details.getByRole('status')).toContainText('computed on wasm');

  // Every layer of model.json is checked, each within 1e-4 (absolute, float32 activations).
  const model = JSON.parse(readFileSync(modelJson, 'utf8')) as {
    modelTopology: { config: { layers: { name: string; class_name: string }[] } };
  };
  const layers = model.modelTopology.config.layers.map((l) => l.name);
  const checked = loader(script, [modelJson, '--check', reference]);
  const report = checked.report as CheckReport;
  console.log('max abs difference per layer', JSON.stringify(report.layers));
  expect(checked.stderr).toBe('');
  expect(checked.status).toBe(0);
  expect(report.ok).toBe(true);
  expect(Object.keys(report.layers).sort()).toEqual([...layers].sort());
  expect(layers).toEqual(expect.arrayContaining(['layer00_input', 'layer01_conv', 'layer06_globalpool']));
  for (const [layer, diff] of Object.entries(report.layers)) expect(diff, layer).toBeLessThanOrEqual(1e-4);
  expect([report.failed, report.missing_in_reference, report.not_in_model]).toEqual([[], [], []]);

  // The check can fail: layer05_conv's kernel scaled by 1.01 shows from that layer on, not before.
  const bytes = readFileSync(weights);
  const manifest = JSON.parse(readFileSync(modelJson, 'utf8')) as {
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
  };
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  let at = 0;
  for (const w of manifest.weightsManifest[0]?.weights ?? []) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (w.name === 'layer05_conv/kernel') for (let i = at; i < at + size; i++) floats[i] = (floats[i] ?? 0) * 1.01;
    at += size;
  }
  writeFileSync(join(dir, 'weights_changed.bin'), floats);
  (manifest.weightsManifest[0] ?? { paths: [] }).paths = ['weights_changed.bin'];
  writeFileSync(join(dir, 'changed.json'), JSON.stringify(manifest));
  const changed = loader(script, [join(dir, 'changed.json'), '--check', reference]);
  expect(changed.status).toBe(1);
  expect((changed.report as CheckReport).failed).toContain('layer05_conv');
  expect((changed.report as CheckReport).failed).not.toContain('layer04_conv');

  // A layer class it does not implement is refused by name, before anything runs.
  const relu = model.modelTopology.config.layers.find((l) => l.name === 'layer02_relu');
  if (relu) relu.class_name = 'LeakyReLU';
  writeFileSync(join(dir, 'unsupported.json'), JSON.stringify(model));
  const refused = loader(script, [join(dir, 'unsupported.json'), '--check', reference]);
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain("layer 'layer02_relu' is a LeakyReLU, which gmf_model.py does not support");
});
