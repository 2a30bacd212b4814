import { defineConfig } from '@playwright/test';

import { CHROMIUM_PATH, QUIET_ARGS, WEBGPU_ARGS } from './test/support/chromium.mjs';
import { MEASURED_BROWSER_STATE } from './e2e/measuredBrowser';

/** Debian's Chromium; never a Playwright-downloaded browser (see ENVIRONMENT.md). */
const executablePath = CHROMIUM_PATH;
const quietArgs = [...QUIET_ARGS];
const webgpuArgs = [...WEBGPU_ARGS];
const port = 4173;
const devPort = 5173;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // Two cores: tests run one at a time so timings and GPU emulation do not fight.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    headless: true,
    viewport: { width: 1200, height: 800 },
    // The offline copy (a service worker storing ~36 MB) is tested in e2e/offline.spec.ts, which
    // allows it; elsewhere it would only add that download to every test.
    serviceWorkers: 'block',
  },
  webServer: [
    {
      // The production build (npm run test:e2e builds it first), as a user would deploy it.
      command: `npx vite preview --port ${port} --strictPort`,
      url: `http://localhost:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The dev server of the README's quick start, with its own CSP (nonce for React refresh).
      command: `npx vite --port ${devPort} --strictPort`,
      url: `http://localhost:${devPort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
  projects: [
    {
      // Measures the compute backends once (e2e/measuredBrowser.ts); the webgpu project starts from it.
      name: 'measured-browser',
      testMatch: /measuredBrowser\.setup\.ts$/,
      use: { launchOptions: { executablePath, args: [...quietArgs, ...webgpuArgs] } },
    },
    {
      name: 'webgpu',
      grepInvert: /@no-webgpu|@dev/,
      dependencies: ['measured-browser'],
      use: {
        storageState: MEASURED_BROWSER_STATE,
        launchOptions: { executablePath, args: [...quietArgs, ...webgpuArgs] },
      },
    },
    {
      name: 'no-webgpu',
      grep: /@no-webgpu/,
      use: { launchOptions: { executablePath, args: quietArgs } },
    },
    {
      name: 'dev-server',
      grep: /@dev/,
      use: {
        baseURL: `http://localhost:${devPort}`,
        launchOptions: { executablePath, args: [...quietArgs, ...webgpuArgs] },
      },
    },
  ],
});
