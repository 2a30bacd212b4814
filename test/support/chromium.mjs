// The one way this repository starts a browser (e2e, benches, tools): Debian's Chromium, never a
// Playwright-downloaded one (ENVIRONMENT.md), quiet (no background traffic), and WebGPU through
// SwiftShader where a run needs it. Plain JavaScript, so the .mjs benches can import it;
// chromium.d.mts types it for TypeScript.

/** $CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (containers), no background networking, updates, sync, first-run UI or QUIC. */
export const QUIET_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

/** WebGPU on SwiftShader: works headless without a GPU. */
export const WEBGPU_ARGS = Object.freeze(['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader']);
