// Node side of `npm run bench:analysis` (called from bench/run.mjs): builds the synthetic
// decomposed set through the dev server, writes it as one blob, runs our decode and the four
// views beyond decoding on it in headless Chromium, then the original procedure with
// scikit-learn and the views in NumPy/SciPy (in the Python that test/support/python.mjs finds),
// one after the other (never at once: they would share the cores), and reports sklearn_ms /
// browser_ms (numpy_ms / browser_ms for the views) and the largest differences.
// Default sizes: an 8-layer ResNet6 analysis of 4096 images (bench/analysisBench.ts,
// DEFAULT_ANALYSIS_BENCH). Override: BENCH_ANALYSIS_IDS=train,val,test identities,
// BENCH_ANALYSIS_IMAGES_PER_ID (at least 9: the yaw views), BENCH_ANALYSIS_COMPONENTS,
// BENCH_ANALYSIS_LAYERS, BENCH_ANALYSIS_PCA=rows,features,components,batch.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import { pythonCommand } from '../test/support/python.mjs';
import { compareBeyond } from './beyondCompare.mjs';

const ids = (process.env.BENCH_ANALYSIS_IDS ?? '').split(',').map(Number);
const pca = (process.env.BENCH_ANALYSIS_PCA ?? '').split(',').map(Number);

function config(defaults) {
  const pick = (v, d) => (Number.isFinite(v) && v > 0 ? v : d);
  return {
    identities: {
      training: pick(ids[0], defaults.identities.training),
      validation: pick(ids[1], defaults.identities.validation),
      testing: pick(ids[2], defaults.identities.testing),
    },
    imagesPerIdentity: pick(Number(process.env.BENCH_ANALYSIS_IMAGES_PER_ID), defaults.imagesPerIdentity),
    components: pick(Number(process.env.BENCH_ANALYSIS_COMPONENTS), defaults.components),
    layers: pick(Number(process.env.BENCH_ANALYSIS_LAYERS), defaults.layers),
    pca: {
      rows: pick(pca[0], defaults.pca.rows),
      features: pick(pca[1], defaults.pca.features),
      nComponents: pick(pca[2], defaults.pca.nComponents),
      batchSize: pick(pca[3], defaults.pca.batchSize),
    },
  };
}

export async function analysisBench({ server, url, executablePath, args, machine }) {
  const mod = await server.ssrLoadModule('/bench/analysisBench.ts');
  const cfg = config(mod.DEFAULT_ANALYSIS_BENCH);
  const data = mod.buildBenchData(cfg);
  const cache = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'gmf-analysis-bench-'));
  try {
    writeFileSync(join(dir, 'header.json'), JSON.stringify(data.header));
    writeFileSync(join(dir, 'data.bin'), data.blob);

    // The dev server hands the blob to the page (/@fs/ inside the workspace): same origin, no
    // protocol message limit, no loopback permission prompt.
    const blobUrl = `/@fs${join(dir, 'data.bin')}`;
    const browser = await chromium.launch({ executablePath, args });
    let ours;
    let chromiumVersion;
    try {
      chromiumVersion = browser.version();
      const page = await browser.newPage();
      // A blank page on the dev server's origin: modules load from Vite, the app does not start.
      await page.route('**/__analysis_bench__', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>analysis bench</title>' }),
      );
      await page.goto(`${url}__analysis_bench__`);
      ours = await page.evaluate(
        async ([h, u]) => (await import('/bench/analysisBench.ts')).runAnalysisBench(h, u),
        [data.header, blobUrl],
      );
    } finally {
      await browser.close();
    }

    const { stdout } = await promisify(execFile)(
      pythonCommand(['sklearn', 'scipy']),
      [new URL('./analysisPeer.py', import.meta.url).pathname, dir],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    const peer = JSON.parse(stdout);

    let worst = { diff: -1 };
    if (peer.rows.length !== ours.rows.length)
      throw new Error(`row counts differ: browser ${ours.rows.length}, sklearn ${peer.rows.length}`);
    ours.rows.forEach((r, i) => {
      const p = peer.rows[i];
      if (p.layername !== r.layername || p.factor !== r.factor || p.feature_nr !== r.feature_nr)
        throw new Error(`row ${i} differs: ${JSON.stringify(r)} vs ${JSON.stringify(p)}`);
      const diff = Math.abs(p.corr - r.corr);
      if (diff > worst.diff)
        worst = {
          diff,
          layername: r.layername,
          factor: r.factor,
          feature_nr: r.feature_nr,
          browser: r.corr,
          sklearn: p.corr,
        };
    });
    const ratioDiff = Math.max(
      ...ours.pca.explainedVarianceRatio.map(
        (v, i) => Math.abs(v - peer.ipca.explained_variance_ratio[i]) / peer.ipca.explained_variance_ratio[i],
      ),
    );
    const sum = (a) => a.reduce((s, v) => s + v, 0);
    const samples = (n) => n * cfg.imagesPerIdentity;
    const mean = (factor) => {
      const byLayer = ours.rows.filter((r) => r.factor === factor);
      return Object.fromEntries(
        [...new Set(byLayer.map((r) => r.layername))].map((l) => [
          l,
          Number(
            (
              sum(byLayer.filter((r) => r.layername === l).map((r) => r.corr)) /
              byLayer.filter((r) => r.layername === l).length
            ).toFixed(3),
          ),
        ]),
      );
    };
    return {
      bench: 'analysis',
      machine,
      chromium: chromiumVersion,
      sklearn: peer.sklearn,
      data: {
        samples: {
          training: samples(cfg.identities.training),
          validation: samples(cfg.identities.validation),
          testing: samples(cfg.identities.testing),
        },
        images: samples(cfg.identities.training + cfg.identities.validation + cfg.identities.testing),
        layers: data.header.layers.map((l) => l.name),
        decoded_layers: ours.layerMs.length,
        components: cfg.components,
        factors: data.header.factors.length,
        performance_rows: ours.rows.length,
        browser_received_the_same_bytes: ours.checksum === data.checksum,
      },
      decode: {
        browser_ms: Math.round(ours.decodeMs),
        sklearn_ms: Math.round(peer.decode_ms),
        sklearn_over_browser: Number((peer.decode_ms / ours.decodeMs).toFixed(2)),
        browser_layer_ms: ours.layerMs.map(Math.round),
        sklearn_layer_ms: peer.layer_ms.map(Math.round),
        max_abs_score_difference: worst.diff,
        largest_difference_at: worst,
        browser_layer0_with_1000_permutations_and_1000_bootstraps_ms: Math.round(ours.layer0WithInferenceMs),
        example_scores_by_layer: { id: mean('id'), bg: mean('bg'), yr: mean('yr'), shape_mean: mean('shape') },
      },
      // After decode, as runAnalysis does: psychophysics reads each side's own testing predictions.
      beyond: compareBeyond(ours.beyond, peer.beyond, data.header.beyond.options),
      incremental_pca: {
        rows: cfg.pca.rows,
        features: cfg.pca.features,
        n_components: cfg.pca.nComponents,
        batch_size: cfg.pca.batchSize,
        browser_ms: Math.round(ours.pca.ms),
        sklearn_ms: Math.round(peer.ipca.ms),
        sklearn_over_browser: Number((peer.ipca.ms / ours.pca.ms).toFixed(2)),
        explained_variance_browser: sum(ours.pca.explainedVarianceRatio),
        explained_variance_sklearn: sum(peer.ipca.explained_variance_ratio),
        max_rel_ratio_difference: ratioDiff,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
