/**
 * Most specs open the app as a returning researcher whose browser has already measured its tfjs
 * backends ("Automatic" in Settings): the measurement takes ~25 s on this machine's 2 cores, and
 * every fresh context that starts a compute job paid it again. `measuredBrowser.setup.ts` measures
 * once per test run, through Settings, in the same Chromium; the webgpu project starts every
 * context from its localStorage. Specs about a first visit (the measurement itself, the status
 * bar before it) start from FIRST_VISIT instead.
 */
import { join } from 'node:path';

/** Playwright's outputDir: emptied when a run starts, before the setup project writes this. */
export const MEASURED_BROWSER_STATE = join('test-results', 'measured-browser.json');

/** What the app keeps of a measurement (src/app/compute.ts); nothing else is carried over. */
export const MEASUREMENT_KEY = 'gmf-workbench:backend-measurement';

export const FIRST_VISIT = { cookies: [], origins: [] };
