import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';
import { pythonJson } from '../test/support/python.mjs';

// A small decomposed.h5 in the original's layout, written by h5py (Debian's python3-h5py), and the
// original's analyze_model.py procedure run on it with scikit-learn: e2e/python/original_decomposed.py.
const SCRIPT = 'e2e/python/original_decomposed.py';
const MODULES = ['h5py', 'numpy', 'pandas', 'sklearn'];
const IMPORT_LABEL = 'Import original files (*_decomposed.h5, *_perf.tsv)';

async function importFile(page: Page, path: string, name: string): Promise<void> {
  await page.getByLabel(IMPORT_LABEL).setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: readFileSync(path),
  });
}

interface Comparison {
  rows_original: number;
  rows_ours: number;
  unmatched: number;
  same_columns: boolean;
  same_layer_columns: boolean;
  max_abs_diff: number;
  worst: string[];
  planted: Record<'layer01_conv' | 'layer02_globalpool', Record<'yr' | 'gender', number>>;
}

test("the original's decomposed.h5 imported and decoded as its analyze_model.py does; its perf.tsv shown; a bad file refused", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'gmf-import-original-'));
  const good = join(dir, 'fixture_decomposed.h5');
  const bad = join(dir, 'broken_decomposed.h5');
  pythonJson(MODULES, [SCRIPT, 'write', good]);
  pythonJson(MODULES, [SCRIPT, 'write', bad, '--no-a_N']);

  await page.goto('/#/results');
  // A file without a_N: refused with what is wrong, and nothing stored.
  await importFile(page, bad, 'broken_decomposed.h5');
  await expect(page.getByRole('alert')).toContainText(
    "Import refused: broken_decomposed.h5 cannot be imported: it has no group 'training/a_N'.",
  );
  expect(await storeRecords(page, 'results')).toEqual([]);
  expect(await storeRecords(page, 'arrays')).toEqual([]);

  // The good file: stored, then decoded by the analysis worker like any analysis.
  await importFile(page, good, 'fixture_decomposed.h5');
  await expect(page.getByRole('status').filter({ hasText: 'Imported “fixture_decomposed.h5”.' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Analysis', { exact: true })).toContainText('fixture_decomposed.h5');
  await expect(page.getByRole('figure', { name: 'Layerwise decoding' })).toBeVisible();
  await expect(page.getByText("Imported from the original pipeline's fixture_decomposed.h5")).toBeVisible();

  // Its downloads: perf.tsv, the preds.csv files (one zip), decomposed.h5 again and results.h5 (no compressed group); no compressed.h5, said so.
  await page.goto('/#/analyze');
  const row = page.getByRole('row', { name: 'Analysis fixture_decomposed.h5' });
  await expect(row).toContainText('complete');
  const names = ['fixture_perf.tsv', 'fixture_decomposed.h5', 'fixture_results.h5', 'fixture_preds.zip'];
  const waits = names.map((n) =>
    page.waitForEvent('download', { predicate: (d: Download) => d.suggestedFilename() === n }),
  );
  await row.getByRole('button', { name: 'Download HDF5, TSV and CSV' }).click();
  const [perf] = await Promise.all(waits);
  await expect(row).toContainText(
    "Not available: compressed.h5: the original's PCA bases are not in its decomposed.h5.",
  );
  const ours = join(dir, 'ours_perf.tsv');
  await perf?.saveAs(ours);

  // Every row as scikit-learn gives it for the original's procedure on the same file.
  const theirs = join(dir, 'original_perf.tsv');
  const compared = pythonJson(MODULES, [SCRIPT, 'check', good, ours, theirs]) as Comparison;
  console.log('import-original', JSON.stringify(compared));
  expect(compared.rows_ours).toBe(compared.rows_original);
  expect(compared.rows_ours).toBe(2 * (14 + 10 + 10)); // two layers x (14 factors + shape 10 + tex 10)
  expect(compared.unmatched).toBe(0);
  expect(compared.same_columns).toBe(true);
  expect(compared.same_layer_columns).toBe(true);
  expect(compared.max_abs_diff, `worst row ${compared.worst.join(' ')}`).toBeLessThan(1e-3);
  // The planted structure: yaw and gender in layer01_conv, nothing in layer02_globalpool.
  expect(compared.planted.layer01_conv.yr).toBeGreaterThan(0.9);
  expect(compared.planted.layer01_conv.gender).toBeGreaterThan(0.9);
  expect(Math.abs(compared.planted.layer02_globalpool.yr)).toBeLessThan(0.3);
  expect(Math.abs(compared.planted.layer02_globalpool.gender)).toBeLessThan(0.5);

  // The original's own perf.tsv (pandas wrote it): its curves, no predictions; then deleted.
  await page.goto('/#/results');
  await importFile(page, theirs, 'original_perf.tsv');
  await expect(page.getByRole('status').filter({ hasText: 'Imported “original_perf.tsv”.' })).toBeVisible();
  await page.getByLabel('Analysis', { exact: true }).selectOption({ label: 'original_perf.tsv' });
  await expect(page.getByText("Imported from the original pipeline's original_perf.tsv")).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Layerwise decoding' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Decoding heatmap' })).toBeVisible();
  const stored = (await storeRecords(page, 'results')) as { name: string; perf: unknown[]; origin: unknown }[];
  expect(stored.find((r) => r.name === 'original_perf.tsv')).toMatchObject({
    perf: { length: compared.rows_original },
    origin: { kind: 'original-perf', file: 'original_perf.tsv' },
  });
  // The Storage panel lists what was stored when it was opened.
  await page.reload();
  await page.getByRole('button', { name: 'Delete Results original_perf.tsv' }).click();
  await page.getByRole('button', { name: 'Confirm deleting Results original_perf.tsv' }).click();
  await expect(page.getByLabel('Analysis', { exact: true })).not.toContainText('original_perf.tsv');
  expect(((await storeRecords(page, 'results')) as { name: string }[]).map((r) => r.name)).toEqual([
    'fixture_decomposed.h5',
  ]);
});
