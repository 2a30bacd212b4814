#!/usr/bin/env node
// `npm run bench` / `npm run bench:render`: starts the dev server, runs the browser benchmark in
// Debian's headless Chromium with WebGPU (SwiftShader) and again on three's WebGL2 backend (the
// in-run peer), and prints JSON. Absolute numbers on shared machines are noise; compare ratios.
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_PATH, QUIET_ARGS, WEBGPU_ARGS } from '../test/support/chromium.mjs';
import { cpuBetween, descendantCpuMs } from './support/processCpu.mjs';

const which = process.argv[2] ?? 'all';
if (!['render', 'dataset', 'analysis', 'train', 'all'].includes(which)) {
  console.error(`unknown benchmark '${which}' (available: render, dataset, analysis, train, all)`);
  process.exit(2);
}
const faces = Number(process.env.BENCH_FACES ?? 256);
// The render bench's image side (the goal is stated at 112 px; other sizes show what scales with pixels).
const renderResolution = Number(process.env.BENCH_RENDER_RESOLUTION ?? 112);
const executablePath = CHROMIUM_PATH;
const quiet = [...QUIET_ARGS];
const webgpu = [...WEBGPU_ARGS];

// No HMR and no watcher: an edit elsewhere in the tree (or Vite re-optimising dependencies on a
// fresh install) must not reload the page in the middle of a measurement.
const server = await createServer({
  logLevel: 'error',
  server: { port: 5190, strictPort: false, hmr: false, watch: null },
});
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://localhost:5190/';

/**
 * Runs `fn` in a fresh browser's page. The page may call `__benchCpu('start' | 'end')` around
 * its timed part: the CPU time the browser's processes spent in between, per process type
 * (renderer, gpu-process, ...; Linux only), is returned beside the result as `processCpuMs`.
 */
async function inPage(args, fn, arg) {
  const browser = await chromium.launch({ executablePath, args });
  const marks = {};
  try {
    const page = await browser.newPage();
    await page.exposeFunction('__benchCpu', (phase) => {
      marks[phase] = descendantCpuMs();
    });
    await page.goto(`${url}#/explore`);
    const result = await page.evaluate(fn, arg);
    const processCpuMs = cpuBetween(marks.start, marks.end);
    return processCpuMs && result && typeof result === 'object' ? { ...result, processCpuMs } : result;
  } finally {
    await browser.close();
  }
}

const run = (args, variationsPerIdentity, model = 'ict-facekit', renderScale = 1, sequential = false) =>
  inPage(args, async ([n, k, m, s, r, p]) => (await import('/bench/renderBench.ts')).runRenderBench(n, k, r, s, m, p), [
    faces,
    variationsPerIdentity,
    model,
    renderScale,
    renderResolution,
    sequential,
  ]);

/** processCpuMs per face, rounded; null where the platform gives no process times. */
function cpuPerFace(result) {
  if (!result.processCpuMs) return null;
  const perFace = Object.entries(result.processCpuMs).map(([type, ms]) => [
    type,
    Math.round((10 * ms) / result.faces) / 10,
  ]);
  return Object.fromEntries(perFace.filter(([, ms]) => ms > 0));
}

// Dataset generation: render + encode + store, against rendering alone (same faces, same run).
async function datasetBench() {
  const identities = Math.max(1, Math.round(faces / 16));
  const out = {};
  for (const binocular of [false, true]) {
    for (const format of ['png', 'jpg']) {
      out[`${binocular ? 'binocular' : 'monocular'}_${format}`] = await inPage(
        [...quiet, ...webgpu],
        async ([i, b, f]) => (await import('/bench/datasetBench.ts')).runDatasetBench(i, 16, b, f),
        [identities, binocular, format],
      );
    }
  }
  const renderOnly = await run([...quiet, ...webgpu], 16);
  const mono = out.monocular_png;
  return {
    ...out,
    render_only_faces_per_second: renderOnly.facesPerSecond,
    generation_over_render_only: mono.imagesPerSecond / renderOnly.facesPerSecond,
  };
}

try {
  const machine = `${(await import('node:os')).cpus().length} cores, no GPU (SwiftShader)`;
  if (which === 'render' || which === 'all') {
    const results = {};
    // 16 or 1 variation per identity at render scale 1, and at the generator's default scale 4
    // (the original's default supersampling: what a researcher's dataset waits on).
    for (const [k, scale] of [
      [16, 1],
      [1, 1],
      [16, 4],
    ]) {
      // The default (scan-based) model on WebGPU and on three's WebGL2 backend, and the procedural
      // model on WebGPU: the scan-based model may cost at most 1.5x the procedural one per face.
      const gpu = await run([...quiet, ...webgpu], k, 'ict-facekit', scale);
      const gl = await run(quiet, k, 'ict-facekit', scale);
      const procedural = await run([...quiet, ...webgpu], k, 'gmf-procedural', scale);
      // The same faces drawn strictly one after the other (no next face on the GPU while one is read back).
      const sequential = await run([...quiet, ...webgpu], k, 'ict-facekit', scale, true);
      results[`${k}_variations_per_identity${scale === 1 ? '' : `_render_scale_${scale}`}`] = {
        webgpu: gpu,
        webgl2_peer: gl,
        procedural_webgpu: procedural,
        webgpu_sequential: sequential,
        webgpu_over_webgl2_faces_per_second: gpu.facesPerSecond / gl.facesPerSecond,
        pipelined_over_sequential_faces_per_second: gpu.facesPerSecond / sequential.facesPerSecond,
        scan_ms_per_face_over_procedural: procedural.facesPerSecond / gpu.facesPerSecond,
        scan_over_procedural_budget: 1.5,
        // CPU ms per face of each browser process type while the faces rendered: with no GPU the
        // GPU process is SwiftShader drawing; the renderer is the page and its face worker.
        cpu_ms_per_face: {
          webgpu: cpuPerFace(gpu),
          webgl2_peer: cpuPerFace(gl),
          procedural_webgpu: cpuPerFace(procedural),
        },
      };
    }
    // Single model stages against their budgets, in Node (where the unit tests once timed them), after the browsers closed.
    const modelStages = (await server.ssrLoadModule('/bench/renderBench.ts')).runModelStageBench();
    console.log(
      JSON.stringify(
        { bench: 'render', machine, target_faces_per_second: 150, ...results, model_stages: modelStages },
        null,
        2,
      ),
    );
  }
  if (which === 'dataset' || which === 'all') {
    console.log(JSON.stringify({ bench: 'dataset', machine, resolution: 112, ...(await datasetBench()) }, null, 2));
  }
  if (which === 'train' || which === 'all') {
    const { trainBench } = await import('./trainRun.mjs');
    console.log(
      JSON.stringify(await trainBench({ url, executablePath, args: [...quiet, ...webgpu], machine }), null, 2),
    );
  }
  // Analysis (decoding + incremental PCA against scikit-learn) runs only when named: it takes minutes.
  if (which === 'analysis') {
    const { analysisBench } = await import('./analysisRun.mjs');
    console.log(JSON.stringify(await analysisBench({ server, url, executablePath, args: quiet, machine }), null, 2));
  }
} finally {
  await server.close();
}
