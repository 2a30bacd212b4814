import { execFileSync } from 'node:child_process';
import { pythonCommand } from '../test/support/python.mjs';
import { expect, test } from './fixtures';
import { generateSmallDataset } from './smallDataset';

/** pandas reads the exported audit table straight out of the zip, as a researcher would. */
const READ_AUDIT_TSV = `
import json, sys, zipfile
import pandas as pd
archive = zipfile.ZipFile(sys.argv[1])
root = archive.namelist()[0].split("/")[0]
df = pd.read_csv(archive.open(f"{root}/factor_audit.tsv"), sep="\\t")
print(json.dumps({
    "names": archive.namelist()[:3],
    "columns": list(df.columns),
    "factors": list(df["factor"]),
    "numeric": bool(pd.api.types.is_float_dtype(df["value"])),
    "yr": float(df.loc[df["factor"] == "yr", "value"].iloc[0]),
    "emo_accuracy": float(df.loc[df["factor"] == "emo", "accuracy"].iloc[0]),
    "continuous_accuracy_missing": bool(df.loc[df["kind"] == "continuous", "accuracy"].isna().all()),
}))
`;

test('the factor audit runs in the face worker, is kept with the dataset and exported for pandas', async ({ page }) => {
  test.setTimeout(300_000);
  await generateSmallDataset(page, { name: 'audit', identities: 4, variations: 2, split: [2, 1, 1] });
  const row = page.getByRole('row', { name: 'Dataset audit' });
  await row.getByText('Factor audit', { exact: true }).click();
  const settings = row.getByRole('group', { name: 'Factor audit settings of audit' });
  await settings.getByLabel('Audit resolution (pixels)').fill('32');
  await settings.getByLabel('Images per factor').fill('8');
  await expect(settings.getByRole('alert')).toContainText('Images per factor must be a whole number between 16');
  await expect(settings.getByRole('button', { name: 'Run factor audit' })).toBeDisabled();
  await settings.getByLabel('Images per factor').fill('32');
  await expect(settings).toContainText('1056 images, about');
  await settings.getByRole('button', { name: 'Run factor audit' }).click();
  await expect(row.getByRole('group', { name: 'Factor audit', exact: true })).toContainText(/\d+ \/ 1056 images/);

  const table = row.getByRole('table', { name: 'Factor audit of audit' });
  await expect(table).toBeVisible({ timeout: 180_000 });
  const read = async () =>
    table.getByRole('row', { name: /^Audit / }).evaluateAll((rows) =>
      rows.map((r) => ({
        factor: r.querySelector('th')?.textContent ?? '',
        value: Number(r.querySelectorAll('td')[1]?.textContent ?? 'NaN'),
      })),
    );
  const rows = await read();
  expect(rows.map((r) => r.factor)).toEqual([
    ...['xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'zl', 'emo', 'gender', 'ethn', 'age'],
    ...Array.from({ length: 10 }, (_, i) => `shape${i + 1}`),
    ...Array.from({ length: 10 }, (_, i) => `tex${i + 1}`),
  ]);
  for (const r of rows) expect(Number.isFinite(r.value), r.factor).toBe(true);
  const yaw = rows.find((r) => r.factor === 'yr')?.value ?? Number.NaN;
  expect(yaw).toBeGreaterThan(0.5);
  // The dataset varies yaw over -30..30: the audit uses that range; roll it fixes, so the default.
  await expect(table.getByRole('row', { name: 'Audit yr' })).toContainText('uniform -30..30');
  await expect(table.getByRole('row', { name: 'Audit zr' })).toContainText('uniform -30..30 (audit default)');
  await expect(row.getByRole('figure', { name: 'Factor audit of audit' })).toBeVisible();

  // Stored with the dataset: a reload shows the same table.
  await page.reload();
  const reloaded = page.getByRole('row', { name: 'Dataset audit' });
  await reloaded.getByText('Factor audit', { exact: true }).click();
  await expect(reloaded.getByRole('table', { name: 'Factor audit of audit' })).toBeVisible();
  expect(await read()).toEqual(rows);

  // In the zip next to gmf-dataset.json, readable by pandas.
  await reloaded.getByText('Split and export', { exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    reloaded.getByRole('button', { name: 'Export zip' }).click(),
  ]);
  const summary = JSON.parse(
    execFileSync(pythonCommand(['pandas']), ['-c', READ_AUDIT_TSV, await download.path()], { encoding: 'utf8' }),
  ) as {
    names: string[];
    columns: string[];
    factors: string[];
    numeric: boolean;
    yr: number;
    emo_accuracy: number;
    continuous_accuracy_missing: boolean;
  };
  expect(summary.names).toEqual(['audit/gmf-dataset.json', 'audit/factor_audit.json', 'audit/factor_audit.tsv']);
  expect(summary.columns.slice(0, 5)).toEqual(['factor', 'kind', 'metric', 'value', 'accuracy']);
  expect(summary.factors).toEqual(rows.map((r) => r.factor));
  expect(summary.numeric).toBe(true);
  expect(summary.yr).toBeCloseTo(yaw, 3);
  expect(summary.emo_accuracy).toBeGreaterThanOrEqual(0);
  expect(summary.continuous_accuracy_missing).toBe(true);
});
