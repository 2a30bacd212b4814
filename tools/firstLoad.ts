/**
 * `npm run -s measure:first-load [-- --runs 3 --warm --returning --block-sw --out-dir D --no-build]`:
 * how long a first visit takes, from the production build, in Debian's headless Chromium (WebGPU
 * on SwiftShader, as the e2e tests run). It builds into a folder of its own and serves it on port
 * 4199 (4173 is the e2e tests' server), opens Explore in a fresh profile per run and prints JSON:
 * ms to the shell (first contentful paint), to the app (the tab bar), to the first face drawn in
 * the 3D view (`data-face-drawn`, FaceView.tsx) and to the network view's image; requests and
 * bytes before that face, when each worker started, the slowest requests, the main thread's long
 * tasks and the loading notes the page showed. `--warm` adds a second visit in the same profile
 * (HTTP cache, and the offline copy once stored); `--block-sw` measures without the offline copy's
 * service worker; `--returning` as a visitor who chose a compute backend in Settings (the status
 * bar then checks it in the compute worker at startup); `--dev` measures the dev server right
 * after install instead (its dependencies pre-bundled afresh: the first run of `npm run dev`).
 * Absolute numbers on a shared machine are noise: compare medians of runs made back to back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page, type Request } from '@playwright/test';
import { build, createServer, preview } from 'vite';
import { CHROMIUM_PATH, QUIET_ARGS, WEBGPU_ARGS } from '../test/support/chromium.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '4199' },
    warm: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'out-dir': { type: 'string' },
    'block-sw': { type: 'boolean', default: false },
    returning: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '180000' },
    dev: { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const timeoutMs = Number(args.timeout);
const outDir = args['out-dir'] ?? mkdtempSync(join(tmpdir(), 'gmf-first-load-'));
const executablePath = CHROMIUM_PATH;
// The same flags as playwright.config.ts' webgpu project.
const browserArgs = [...QUIET_ARGS, ...WEBGPU_ARGS];

interface PageMarks {
  shell: number | null;
  app: number | null;
  firstFace: number | null;
  networkImage: number | null;
  notes: { at: number; text: string }[];
  longTasks: { start: number; duration: number }[];
}

/**
 * Runs in the page before any of its scripts: records when the app's milestones appear (a
 * MutationObserver, so the app needs no timing code) and the main thread's long tasks.
 */
function recordMarks(): void {
  const marks: PageMarks = { shell: null, app: null, firstFace: null, networkImage: null, notes: [], longTasks: [] };
  (window as unknown as { __firstLoad: PageMarks }).__firstLoad = marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') marks.shell = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  let lastNote = '';
  const check = () => {
    const now = performance.now();
    if (marks.app === null && document.querySelector('[role="tablist"]')) marks.app = now;
    if (marks.firstFace === null && document.querySelector('canvas[data-face-drawn]')) marks.firstFace = now;
    if (marks.networkImage === null && document.querySelector('.network-view canvas')) marks.networkImage = now;
    // What the page says is loading (the shell's note, then Explore's own), each change once.
    const note = [...document.querySelectorAll('[role="status"]')]
      .map((e) => e.textContent.trim())
      .filter((t) => /load|render|draw/i.test(t))
      .join(' | ');
    if (note !== lastNote) marks.notes.push({ at: Math.round(now), text: note.slice(0, 120) });
    lastNote = note;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

interface RequestRecord {
  url: string;
  start: number;
  end: number | null;
  bytes: number;
  failed: boolean;
}

const shortName = (url: string): string => new URL(url).pathname.replace(/^\/assets\//, '');

/** Every request of `context` (workers' too), with its start and end in ms since `origin()`. */
function recordRequests(context: BrowserContext, origin: () => number): RequestRecord[] {
  const records: RequestRecord[] = [];
  const byRequest = new Map<Request, RequestRecord>();
  context.on('request', (request) => {
    const record: RequestRecord = {
      url: request.url(),
      start: Date.now() - origin(),
      end: null,
      bytes: 0,
      failed: false,
    };
    byRequest.set(request, record);
    records.push(record);
  });
  const finish = async (request: Request, failed: boolean) => {
    const record = byRequest.get(request);
    if (!record) return;
    const timing = request.timing();
    if (timing.startTime > 0) {
      record.start = timing.startTime - origin();
      if (timing.responseEnd >= 0) record.end = record.start + timing.responseEnd;
    }
    record.end ??= Date.now() - origin();
    record.failed = failed;
    // A response from the HTTP cache or the offline copy reports -1: nothing crossed the network.
    if (!failed)
      record.bytes = Math.max(0, (await request.sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize);
  };
  context.on('requestfinished', (r) => void finish(r, false));
  context.on('requestfailed', (r) => void finish(r, true));
  return records;
}

const round = (x: number | null): number | null => (x === null ? null : Math.round(x));

/** One visit of `url` in `context`: waits for the first drawn face, then reports. */
async function visit(context: BrowserContext, url: string) {
  let timeOrigin = Date.now();
  const requests = recordRequests(context, () => timeOrigin);
  const page: Page = await context.newPage();
  const workers: { name: string; at: number }[] = [];
  page.on('worker', (w) => workers.push({ name: shortName(w.url()), at: Date.now() - timeOrigin }));
  page.on('pageerror', (e) => {
    console.error(`page error: ${e.message}`);
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  timeOrigin = await page.evaluate(() => performance.timeOrigin);
  // Requests seen before the time origin was known were timed from `started`.
  for (const r of requests) if (r.end === null) r.start -= timeOrigin - started;
  await page.locator('canvas[data-face-drawn]').waitFor({ state: 'attached', timeout: timeoutMs });
  await page.locator('.network-view canvas').first().waitFor({ state: 'attached', timeout: timeoutMs });
  const marks = await page.evaluate(() => (window as unknown as { __firstLoad: PageMarks }).__firstLoad);
  const firstFace = marks.firstFace ?? Infinity;
  const before = requests.filter((r) => r.start <= firstFace);
  const slowest = [...before]
    .sort((a, b) => (b.end ?? 0) - b.start - ((a.end ?? 0) - a.start))
    .slice(0, 8)
    .map((r) => ({ file: shortName(r.url), start: round(r.start), end: round(r.end), kB: Math.round(r.bytes / 1024) }));
  const longTasks = marks.longTasks.filter((t) => t.start <= firstFace);
  return {
    page,
    result: {
      shellMs: round(marks.shell),
      appMs: round(marks.app),
      firstFaceMs: round(marks.firstFace),
      networkImageMs: round(marks.networkImage),
      requests: before.length,
      kB: Math.round(before.reduce((s, r) => s + r.bytes, 0) / 1024),
      workers,
      slowestRequests: slowest,
      longTasks: {
        count: longTasks.length,
        totalMs: Math.round(longTasks.reduce((s, t) => s + t.duration, 0)),
        longest: longTasks
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 5)
          .map((t) => ({ start: Math.round(t.start), ms: Math.round(t.duration) })),
      },
      notes: marks.notes,
    },
  };
}

const median = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] ?? null) : ((v[mid - 1] ?? 0) + (v[mid] ?? 0)) / 2;
};

/** `--dev`: the dev server as right after install (dependencies pre-bundled afresh, nothing transformed yet). */
async function startServer() {
  if (args.dev)
    return createServer({
      logLevel: 'error',
      optimizeDeps: { force: true },
      server: { port: Number(args.port), strictPort: true },
    }).then((dev) => dev.listen());
  if (!args['no-build']) {
    console.error(`building into ${outDir} …`);
    await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
  }
  return preview({
    logLevel: 'error',
    build: { outDir },
    preview: { port: Number(args.port), strictPort: true },
  });
}
const server = await startServer();
const url = `${server.resolvedUrls?.local[0] ?? `http://localhost:${args.port}/`}#/explore`;

const cold = [];
const warm = [];
try {
  for (let i = 0; i < runs; i++) {
    const browser = await chromium.launch({ executablePath, args: browserArgs });
    try {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        serviceWorkers: args['block-sw'] ? 'block' : 'allow',
      });
      // As source text: tsx's transform names functions with a `__name` helper the page lacks.
      await context.addInitScript({ content: `var __name = (f) => f; (${recordMarks.toString()})();` });
      if (args.returning)
        await context.addInitScript(() => {
          const key = 'gmf-workbench:preferences';
          localStorage.setItem(key, localStorage.getItem(key) ?? '{"backend":"webgpu"}');
        });
      const first = await visit(context, url);
      cold.push(first.result);
      console.error(`run ${i + 1} cold: first face at ${first.result.firstFaceMs} ms`);
      if (args.warm) {
        // The second visit finds what the first one cached; the offline copy first finishes storing.
        await first.page
          .evaluate(() => ('serviceWorker' in navigator ? navigator.serviceWorker.ready.then(() => true) : false))
          .catch(() => false);
        await first.page.close();
        const second = await visit(context, url);
        warm.push(second.result);
        console.error(`run ${i + 1} warm: first face at ${second.result.firstFaceMs} ms`);
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  // The server's own close shuts its HTTP server too (closing that first made this throw, losing the JSON).
  await server.close();
  // A build of its own (~36 MB) is not left behind; one in a named --out-dir is kept for --no-build.
  if (!args['out-dir']) rmSync(outDir, { recursive: true, force: true });
}

type Result = (typeof cold)[number];
const summary = (results: Result[]) => ({
  shellMs: median(results.map((r) => r.shellMs)),
  appMs: median(results.map((r) => r.appMs)),
  firstFaceMs: median(results.map((r) => r.firstFaceMs)),
  networkImageMs: median(results.map((r) => r.networkImageMs)),
  requests: median(results.map((r) => r.requests)),
  kB: median(results.map((r) => r.kB)),
});
console.log(
  JSON.stringify(
    {
      command: `npm run -s measure:first-load -- ${process.argv.slice(2).join(' ')}`.trim(),
      serviceWorker: args['block-sw'] ? 'blocked' : 'allowed',
      median: { cold: summary(cold), ...(warm.length ? { warm: summary(warm) } : {}) },
      cold,
      ...(warm.length ? { warm } : {}),
    },
    null,
    2,
  ),
);
