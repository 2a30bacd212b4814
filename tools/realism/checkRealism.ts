/**
 * npm run check:realism [-- --backend wasm|webgl --identities 40 --variations 5 --seed 11]
 *
 * Measures how a published face-perception model (@vladmandic/human) perceives our stimuli:
 * generates one dataset per face model through the app's real generator, runs human on every
 * image in headless Chromium, and prints one JSON object: detection, emotion, gender, age and
 * identity measures next to their goals, and the same for a real photograph as a control.
 * Contact sheets go to e2e-artifacts/realism-*.png, the JSON also to e2e-artifacts/realism.json,
 * and per image what was generated and what the model said to e2e-artifacts/realism-images.json.
 * Exit code 0 whatever the values (it is a measurement); 1 only when measuring fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { FACE_MODEL_IDS } from '../../src/model/gmf/face/faceModel';
import type { GeneratorSpec } from '../../src/model/gmf/generatorSpec';
import { measureControl } from './control';
import { ensureRealismDeps, NPM_PACKAGES } from './deps';
import { median } from './metrics';
import { callModule, GeneratorPage, launchChromium } from './pages';
import { startPerceptionServer } from './perceptionServer';
import {
  type DatasetSummary,
  emotionAgrees,
  genderAgrees,
  GOALS,
  imageRows,
  round,
  summariseDataset,
  topEmotion,
} from './summarise';
import type { DatasetSettings, GeneratedImage, Perception, PerceptionSetup, SheetTile } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../..');
const ARTIFACTS = join(REPO_ROOT, 'e2e-artifacts');
/** The browser module's URL on the perception server (browser/perceive.ts, transpiled). */
const PERCEIVE = '/perceive.js';
const SHEET = { columns: 8, rows: 6, thumb: 160 } as const;
const BATCH = 25;

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    identities: { type: 'string', default: '40' },
    variations: { type: 'string', default: '5' },
    seed: { type: 'string', default: '11' },
  },
});
const settings: DatasetSettings = {
  identities: Number(args.identities),
  variationsPerIdentity: Number(args.variations),
  resolution: 160,
  seed: Number(args.seed),
};
const log = (line: string): void => {
  console.error(`[realism] ${line}`);
};

async function perceiveAll(page: Page, urls: string[], label: string): Promise<Perception[]> {
  const out: Perception[] = [];
  for (let i = 0; i < urls.length; i += BATCH) {
    const batch = urls.slice(i, i + BATCH).map((url) => ({ url }));
    out.push(...(await callModule<Perception[]>(page, PERCEIVE, 'perceive', batch)));
    log(`${label}: perceived ${out.length}/${urls.length}`);
  }
  return out;
}

function tile(url: string, image: GeneratedImage, p: Perception): SheetTile {
  const predicted = p.detected
    ? `${p.boxScore.toFixed(2)} ${p.gender?.[0]?.toUpperCase() ?? '?'}${Math.round(p.age ?? 0)} ${topEmotion(p) ?? '?'}`
    : 'no face';
  return {
    url,
    box: p.box,
    lines: [`gen ${image.gender}${image.age} ${image.ethn} ${image.emo}`, predicted],
    ok: p.detected && genderAgrees(image, p) && emotionAgrees(image, p),
  };
}

/** The generator settings that shape what the model sees, from the spec the images were made with. */
function specSummary(spec: GeneratorSpec): Record<string, unknown> {
  const { faceModelVersion, renderScale, cameraDistance, hair, addBackground, genders, ethnicities, emotions } = spec;
  return {
    faceModelVersion,
    ranges: Object.entries(spec.ranges)
      .map(([name, r]) => `${name} ${r.min}..${r.max}`)
      .join(', '),
    age: `${spec.age.min}..${spec.age.max}`,
    genders,
    ethnicities,
    emotions,
    addBackground,
    renderScale,
    cameraDistance,
    hair,
  };
}

async function writeSheet(page: Page, name: string, tiles: SheetTile[]): Promise<string> {
  const columns = Math.min(SHEET.columns, tiles.length);
  const png = await callModule<string>(page, PERCEIVE, 'contactSheet', tiles, columns, SHEET.thumb);
  const file = `realism-${name}.png`;
  writeFileSync(join(ARTIFACTS, file), Buffer.from(png, 'base64'));
  return `e2e-artifacts/${file}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(ARTIFACTS, { recursive: true });
  const backend = args.backend;
  if (backend !== 'wasm' && backend !== 'webgl') throw new Error(`--backend must be wasm or webgl, got ${backend}`);
  const deps = ensureRealismDeps(log);
  const server = await startPerceptionServer(deps, join(HERE, 'browser', 'perceive.ts'));
  const browser = await launchChromium();
  const timing: Record<string, number | null> = {};
  try {
    // 1. Generate every face model's dataset through the app.
    const app = await GeneratorPage.open(browser, REPO_ROOT);
    const datasets: { name: string; images: GeneratedImage[]; generator: Record<string, unknown> }[] = [];
    // A model that fails to generate is reported as such; the others are still measured.
    const failed: Record<string, { error: string }> = {};
    for (const faceModel of FACE_MODEL_IDS) {
      log(`generating ${settings.identities} x ${settings.variationsPerIdentity} images with ${faceModel}`);
      const generated = await app.generate(faceModel, settings).catch((error: unknown) => {
        failed[faceModel] = { error: error instanceof Error ? error.message : String(error) };
        log(`${faceModel}: ${failed[faceModel].error}`);
      });
      if (!generated) continue;
      const { result, images } = generated;
      timing[`generate ${faceModel} (s)`] = round(result.ms / 1000, 1);
      images.forEach((image, i) => {
        server.putImage(`${faceModel}/${i}.png`, Buffer.from(image.pngBase64, 'base64'));
      });
      datasets.push({ name: faceModel, images, generator: specSummary(result.spec) });
    }
    await app.close();

    // 2. Perceive them, and the control photo, on the perception server's page.
    const page = await browser.newPage();
    page.on('pageerror', (error) => {
      log(`perception page: ${error.message}`);
    });
    await page.goto(`${server.origin}/`);
    const setup: PerceptionSetup = {
      humanUrl: '/human/human.esm.js',
      modelBasePath: '/models/',
      wasmPath: '/wasm/',
      backend,
    };
    const human = await callModule<{ version: string; backend: string; loadMs: number }>(
      page,
      PERCEIVE,
      'setup',
      setup,
    );
    timing['load perception model (s)'] = round(human.loadMs / 1000, 1);
    const models: Record<string, (DatasetSummary & { generator: Record<string, unknown> }) | { error: string }> = {
      ...failed,
    };
    const rows: ReturnType<typeof imageRows> = [];
    const sheets: string[] = [];
    for (const { name, images, generator } of datasets) {
      const urls = images.map((_, i) => `/images/${name}/${i}.png`);
      const start = performance.now();
      const perceptions = await perceiveAll(page, urls, name);
      timing[`perceive ${name} (s)`] = round((performance.now() - start) / 1000, 1);
      models[name] = { generator, ...summariseDataset(images, perceptions) };
      rows.push(...imageRows(name, images, perceptions));
      const shown = images.slice(0, SHEET.columns * SHEET.rows).flatMap((image, i) => {
        const p = perceptions[i];
        return p ? [tile(urls[i] ?? '', image, p)] : [];
      });
      sheets.push(await writeSheet(page, name, shown));
    }
    const faceWidths = Object.values(models).flatMap((m) =>
      'medianFaceWidth' in m && m.medianFaceWidth !== null ? [m.medianFaceWidth] : [],
    );
    const control = await measureControl(page, PERCEIVE, settings.resolution, median(faceWidths));
    sheets.push(await writeSheet(page, 'control', control.tiles));
    timing['total (s)'] = round((performance.now() - started) / 1000, 1);

    // 3. One JSON object.
    const report = {
      models,
      control: control.report,
      settings: {
        ...settings,
        imagesPerDataset: settings.identities * settings.variationsPerIdentity,
        goals: GOALS,
        agreementOver: 'images with a detected face',
        identity: 'ROC-AUC of descriptor cosine similarity: same identity (across variations) vs different identities',
      },
      perceptionModel: {
        package: '@vladmandic/human',
        version: human.version,
        packageVersion: NPM_PACKAGES['@vladmandic/human'],
        backend: human.backend,
        models: 'blazeface (detector), facemesh, emotion, faceres (age, gender, descriptor), antispoof, liveness',
      },
      timing,
      depsDiskMB: round(deps.diskBytes / 2 ** 20, 1),
      contactSheets: sheets,
    };
    const json = JSON.stringify(report, null, 2);
    writeFileSync(join(ARTIFACTS, 'realism.json'), `${json}\n`);
    writeFileSync(join(ARTIFACTS, 'realism-images.json'), `${JSON.stringify(rows)}\n`);
    console.log(json);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
