/**
 * The two browser pages of the realism check: the app's origin (Vite dev server), where the
 * real generator runs, and the perception server's origin, where human runs. One Chromium,
 * launched as playwright.config.ts launches it (Debian's, WebGPU through SwiftShader).
 */
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import type { FaceModelId } from '../../src/model/gmf/face/faceModel';
import type { DatasetSettings, GeneratedImage, GenerationResult } from './types';
import { CHROMIUM_PATH, QUIET_ARGS, WEBGPU_ARGS } from '../../test/support/chromium.mjs';

const CHROMIUM_ARGS = [...QUIET_ARGS, ...WEBGPU_ARGS];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Calls export `name` of the ES module at `moduleUrl` inside `page`. The call is sent as a
 * string, so no Node-side function (with its transpiler's helpers) is serialised.
 */
export function callModule<T>(page: Page, moduleUrl: string, name: string, ...args: unknown[]): Promise<T> {
  const call = `import(${JSON.stringify(moduleUrl)}).then((m) => m[${JSON.stringify(name)}](...${JSON.stringify(args)}))`;
  return page.evaluate(call);
}

const HARNESS = '/tools/realism/browser/generateHarness.ts';

export class GeneratorPage {
  private constructor(
    private readonly vite: ViteDevServer,
    private readonly page: Page,
  ) {}

  /** Starts the app's dev server (its own vite.config.ts) and opens a blank page on it. */
  static async open(browser: Browser, repoRoot: string): Promise<GeneratorPage> {
    const vite = await createServer({
      root: repoRoot,
      configFile: resolve(repoRoot, 'vite.config.ts'),
      logLevel: 'error',
      // No HMR and no watcher: others' edits must not reload the page in the middle of a dataset.
      server: { port: 5273, strictPort: false, hmr: false, watch: null },
    });
    await vite.listen();
    const origin = vite.resolvedUrls?.local[0];
    if (!origin) throw new Error('the Vite dev server reported no local URL');
    const page = await browser.newPage();
    page.on('pageerror', (error) => {
      console.error(`generator page: ${error.message}`);
    });
    // A page without the app, so nothing but the generator competes for the two cores.
    await page.goto(new URL('/tools/realism/browser/generate.html', origin).href);
    return new GeneratorPage(vite, page);
  }

  async generate(
    faceModel: FaceModelId,
    settings: DatasetSettings,
  ): Promise<{ result: GenerationResult; images: GeneratedImage[] }> {
    const result = await callModule<GenerationResult>(
      this.page,
      HARNESS,
      'generateRealismDataset',
      faceModel,
      settings,
    );
    const images: GeneratedImage[] = [];
    // In chunks of identities, so no single message carries every image.
    for (let from = 0; from < settings.identities; from += 10) {
      const chunk = await callModule<GeneratedImage[]>(
        this.page,
        HARNESS,
        'readRealismImages',
        result.datasetId,
        from,
        from + 10,
      );
      images.push(...chunk);
    }
    return { result, images };
  }

  async close(): Promise<void> {
    await this.page.close();
    await this.vite.close();
  }
}
