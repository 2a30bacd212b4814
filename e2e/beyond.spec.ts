/**
 * Beyond decoding (issue 13) through the UI, on the one-click "Mirror symmetry (yaw views)"
 * dataset: the analysis computes the views after decoding, Results shows them, and the
 * downloaded files hold them. The numbers are recomputed independently in Python (NumPy/SciPy)
 * from the downloaded decomposed.h5 — the mirror-symmetry index as Farzmahdi et al.'s
 * msvt_index.m defines it, RSA with scipy, linear CKA with numpy — and compared with results.h5.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { storeRecords } from './appDb';
import { expect, test } from './fixtures';
import { trainSmallRun } from './smallDataset';
import { pythonJson } from '../test/support/python.mjs';

const PY_CHECK = `
import h5py, json, sys, zipfile, io
import numpy as np, pandas as pd
from scipy.spatial.distance import pdist
from scipy.stats import spearmanr
text = lambda v: v.decode() if isinstance(v, bytes) else str(v)
dec, res = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
t = dec["testing"]
a_n = t["a_N"]
yr, ids = t["yr"][()], t["id"][()]
out = {"beyond_groups": sorted(res["beyond"].keys())}

# Mirror symmetry: per identity the views x views RDM (1 - Pearson r of z-scored units), the
# Pearson r of the RDM and its left-right flip without the central column, mean over identities.
sym = res["beyond/symmetry"]
views = sym["views"][()]
def msvt(rdm):
    flipped = rdm[:, ::-1]
    keep = [c for c in range(rdm.shape[1]) if not (rdm.shape[1] % 2 == 1 and c == rdm.shape[1] // 2)]
    return np.corrcoef(rdm[:, keep].ravel(), flipped[:, keep].ravel())[0, 1]
sym_diff, sym_index = 0.0, {}
for li, name in enumerate(text(v) for v in sym["layer"][()]):
    X = a_n[name][()].astype(np.float64)
    per_id = []
    for i in sorted(set(ids.tolist())):
        rows = [np.where((ids == i) & np.isclose(yr, v))[0] for v in views]
        if all(len(r) == 1 for r in rows):
            per_id.append(np.stack([X[r[0]] for r in rows]))
    allv = np.concatenate(per_id)
    z = [(p - allv.mean(0)) / allv.std(0) for p in per_id]
    index = np.mean([msvt(1 - np.corrcoef(v)) for v in z])
    sym_index[name] = float(index)
    sym_diff = max(sym_diff, abs(index - sym["index"][li]))
out["symmetry_identities"] = int(sym.attrs["identities"])
out["symmetry_views"] = views.tolist()
out["symmetry_max_diff"] = float(sym_diff)
out["symmetry_index"] = sym_index

# RSA: scipy's pdist and spearmanr on the same testing images; CKA with numpy.
g = res["beyond/geometry"]
samples = g["samples"][()]
layers = [text(v) for v in g["layers"][()]]
rsa = pd.DataFrame({k: [text(v) for v in g["rsa"][k][()]] if k in ("layer", "factor") else g["rsa"][k][()] for k in ("layer", "factor", "rho", "p_value")})
rsa_diff = rdm_diff = 0.0
for name in layers:
    X = a_n[name][()].astype(np.float64)
    rdm = pdist(X[samples], "correlation")
    rdm_diff = max(rdm_diff, float(np.max(np.abs(rdm - g["rdm"][name][()]))))
    model = pdist(yr[samples][:, None], "cityblock")
    rho = spearmanr(rdm, model).correlation
    ours = rsa[(rsa.layer == name) & (rsa.factor == "yr")].rho.iloc[0]
    rsa_diff = max(rsa_diff, abs(rho - ours))
def cka(a, b):
    a = a - a.mean(0); b = b - b.mean(0)
    return np.linalg.norm(b.T @ a) ** 2 / (np.linalg.norm(a.T @ a) * np.linalg.norm(b.T @ b))
cka_ref = np.array([[cka(a_n[p][()].astype(np.float64), a_n[q][()].astype(np.float64)) for q in layers] for p in layers])
out["rsa_max_diff"] = float(rsa_diff)
out["rdm_max_diff"] = rdm_diff
out["cka_max_diff"] = float(np.max(np.abs(cka_ref - g["cka"][()])))
out["rsa_rows"] = int(len(rsa))

# Every table of the views zip reads with pandas.
with zipfile.ZipFile(sys.argv[3]) as z:
    out["tables"] = {n: list(pd.read_csv(io.BytesIO(z.read(n)), sep="\\t").columns) for n in sorted(z.namelist())}
inv = res["beyond/tuning/invariance"]
out["invariance_across"] = inv["across"][()].tolist()
print(json.dumps(out))
`;

interface BeyondState {
  done: string[];
  notApplicable: { kind: string; reason: string }[];
}

async function analyse(page: Page): Promise<void> {
  await page.goto('/#/analyze');
  const form = page.getByRole('form', { name: 'Analyse a run' });
  await form.getByLabel('Run').selectOption({ label: 'mirrornet (ResNet6, id)' });
  await form.getByLabel('Components per layer').fill('16');
  await form.getByLabel('PCA batches').fill('4');
  await form.getByLabel('Batch size').fill('16');
  await form.getByLabel('Permutations (shuffled-label null)').fill('0');
  await form.getByLabel('Bootstrap resamples (test identities)').fill('0');
  await form.getByRole('button', { name: 'Compress, decompose and decode' }).click();
}

test('views beyond decoding: computed after decoding, shown in Results, in the files, equal to NumPy/SciPy', async ({
  page,
}) => {
  test.setTimeout(900_000);
  // The one-click preset, smaller: 24 identities × 9 yaw views at 32 px.
  await page.goto('/#/dataset');
  const form = page.getByRole('form', { name: 'Generate a dataset' });
  await form.getByRole('button', { name: 'Mirror symmetry (yaw views)' }).click();
  await expect(form.getByLabel('Yaw views on a grid (0 = random)')).toHaveValue('9');
  await form.getByLabel('Name', { exact: true }).fill('mirror');
  await form.getByLabel('Identities', { exact: true }).fill('24');
  await form.getByLabel('Resolution (pixels)').fill('32');
  await form.getByRole('button', { name: 'Generate dataset' }).click();
  const datasetRow = page.getByRole('row', { name: 'Dataset mirror' });
  await expect(datasetRow).toContainText('complete', { timeout: 300_000 });
  await datasetRow.getByText('Split and export').click();
  const split = datasetRow.getByRole('group', { name: 'Split of mirror' });
  await split.getByLabel('training').fill('12');
  await split.getByLabel('validation').fill('4');
  await split.getByLabel('testing').fill('8');
  await split.getByRole('button', { name: 'Save split' }).click();
  await expect(datasetRow.getByRole('status')).toHaveText('Saved: 12 / 4 / 8 identities.');

  await trainSmallRun(page, {
    name: 'mirrornet',
    dataset: 'mirror (24×9, 32px)',
    targets: ['id'],
    batchSize: 16,
    epochs: 2,
  });
  await analyse(page);
  const row = page.getByRole('row', { name: 'Analysis mirrornet analysis' });
  await expect(row).toContainText('complete', { timeout: 400_000 });

  // Every view is stored; none was found not applicable on this dataset.
  const analyses = (await storeRecords(page, 'results')) as { name: string; beyond?: BeyondState }[];
  const beyond = analyses.find((a) => a.name === 'mirrornet analysis')?.beyond;
  expect(beyond?.notApplicable).toEqual([]);
  expect(beyond?.done).toEqual(['psychophysics', 'tuning', 'symmetry', 'geometry']);

  // Results: each view's panel and plots.
  await page.goto('/#/results');
  const section = page.getByRole('region', { name: 'Beyond decoding' });
  for (const heading of [
    'Decoding error by factor value',
    'Variance explained by each factor',
    'View invariance of identity',
    'Mirror-symmetric viewpoint tuning',
    'Representational geometry',
  ])
    await expect(section.getByRole('heading', { name: heading })).toBeVisible({ timeout: 30_000 });
  for (const chart of ['Mirror-symmetry index', 'View RDM', 'RSA with each factor', 'CKA between layers', 'Layer RDM'])
    await expect(section.getByRole('group', { name: chart }).or(section.getByLabel(chart)).first()).toBeVisible();

  // Downloads, read back in Python and recomputed there.
  await page.goto('/#/analyze');
  const names = ['mirrornet_decomposed.h5', 'mirrornet_results.h5', 'mirrornet_views.zip'];
  const waits = names.map((n) =>
    page.waitForEvent('download', { predicate: (d: Download) => d.suggestedFilename() === n, timeout: 120_000 }),
  );
  await row.getByRole('button', { name: 'Download HDF5, TSV and CSV' }).click();
  const dir = mkdtempSync(join(tmpdir(), 'gmf-beyond-'));
  const paths = await Promise.all(
    (await Promise.all(waits)).map(async (d, i) => {
      const path = join(dir, names[i] ?? `f${i}`);
      await d.saveAs(path);
      return path;
    }),
  );
  const script = join(dir, 'check.py');
  writeFileSync(script, PY_CHECK);
  const read = pythonJson(['h5py', 'pandas', 'scipy'], [script, ...paths]) as {
    beyond_groups: string[];
    symmetry_identities: number;
    symmetry_views: number[];
    symmetry_max_diff: number;
    symmetry_index: Record<string, number>;
    rsa_max_diff: number;
    rdm_max_diff: number;
    cka_max_diff: number;
    rsa_rows: number;
    tables: Record<string, string[]>;
    invariance_across: number[];
  };
  console.log(JSON.stringify(read));
  expect(read.beyond_groups).toEqual(['geometry', 'psychophysics', 'symmetry', 'tuning']);
  expect(read.symmetry_identities).toBe(8);
  expect(read.symmetry_views).toEqual([-90, -67.5, -45, -22.5, 0, 22.5, 45, 67.5, 90]);
  // Inputs are the stored float32 activations on both sides; sums differ in order only.
  expect(read.symmetry_max_diff).toBeLessThan(1e-9);
  expect(read.rsa_max_diff).toBeLessThan(1e-9);
  expect(read.rdm_max_diff).toBeLessThan(1e-6); // RDMs are stored as float32
  expect(read.cka_max_diff).toBeLessThan(1e-9);
  expect(read.rsa_rows).toBeGreaterThan(0);
  expect(Object.keys(read.tables)).toEqual(
    ['cka', 'confusion', 'error_curves', 'invariance', 'rsa', 'symmetry', 'variance'].map((t) => `mirrornet_${t}.tsv`),
  );
  expect(read.tables['mirrornet_rsa.tsv']).toEqual(['layer', 'factor', 'rho', 'p_value']);
  for (const v of read.invariance_across) expect(v).toBeGreaterThanOrEqual(0);
});
