/**
 * The production build away from `vite preview`: offline after one visit (the service worker's
 * precache), and on a static host that sends none of our headers (CSP from the <meta>, no
 * isolation, WASM on one thread, said in the status bar).
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { expectEvalRefused } from './csp';
import { expect, test } from './fixtures';
import { generateSmallDataset } from './smallDataset';

const TABS = ['Explore', 'Dataset', 'Train', 'Analyze', 'Results'];
const DIST = join(process.cwd(), 'dist');

test.describe('offline after one visit', () => {
  test.use({ serviceWorkers: 'allow' });

  test('the whole build is precached; offline, a reload loads the app and a dataset is generated', async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000);
    await page.goto('/#/dataset');
    await expect(page.getByLabel('offline copy')).toHaveText('saved for offline use', { timeout: 60_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Every file the app is built of, workers, wasm and the face model included, is in the cache.
    const built = ['index.html', ...readdirSync(join(DIST, 'assets')).map((f) => `assets/${f}`)];
    const cached = await page.evaluate(async () => {
      const paths: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys())
          paths.push(new URL(request.url).pathname.slice(1));
      return paths;
    });
    expect(built.filter((f) => !cached.includes(f))).toEqual([]);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('tablist', { name: 'Workbench sections' })).toBeVisible();
    await expect(page.getByLabel('network')).toHaveText('offline');
    // Served from the cache with the headers it was stored with: still cross-origin isolated.
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    for (const name of TABS) {
      await page.getByRole('tab', { name }).click();
      await expect(page.getByRole('tabpanel', { name })).toBeVisible();
    }
    // A job whose worker this page has not loaded yet (this reload started none).
    await generateSmallDataset(page, { name: 'offline', identities: 3, variations: 2, split: [1, 1, 1] });
    await context.setOffline(false);
    await expect(page.getByLabel('network')).toHaveText('online');
  });
});

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/** dist/ as a plain static host serves it: files and content types, no other header. */
const withPlainHost = test.extend<object, { plainHost: string }>({
  plainHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const server = createServer((req, res) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
        const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
        if (!file.startsWith(DIST + sep)) {
          res.writeHead(403).end();
          return;
        }
        readFile(file).then(
          (body) => {
            res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
          },
          () => {
            res.writeHead(404).end();
          },
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ plainHost }, use) => {
    await use(plainHost);
  },
});

withPlainHost(
  'a static host without headers: the CSP still holds, the page says it is not isolated, WASM runs on one thread',
  async ({ page, guard }) => {
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toBeUndefined();
    await expect(page.getByRole('tablist', { name: 'Workbench sections' })).toBeVisible();
    const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
    await expect(meta).toHaveAttribute(
      'content',
      /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';.*connect-src 'self'/,
    );

    // The meta's policy refuses a string compiled later in the page's own task.
    await expectEvalRefused(page, guard);

    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
    await expect(page.getByLabel('cross-origin isolation')).toHaveText(
      'not cross-origin isolated: WASM runs single-threaded; serve with COOP/COEP — see README',
    );
    // WASM forced in Settings: the compute worker starts it, on one thread, and it passes its smoke test.
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog
      .getByRole('group', { name: 'Compute backend (tfjs)' })
      .getByRole('radio', { name: 'WASM', exact: true })
      .check();
    await expect(page.getByLabel('tfjs backend')).toHaveText('WASM (1 thread)');
    await expect(dialog.getByRole('list', { name: 'Backend attempts' })).toContainText('WASM: in use');
  },
);
