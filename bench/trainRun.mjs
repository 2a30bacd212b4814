// Node side of `npm run bench:train`: ResNet6, 64x64, batch 16, ms per training step on each
// tfjs backend in headless Chromium (in a worker, as the app trains), next to PyTorch (Debian's
// python3-torch, in the Python that test/support/python.mjs finds) training the same network on
// the same CPU in the same run, as a ratio; plus the streamed / stored step-time ratio per face
// model, with rendering in its own worker (the app) and in line in the training worker (its peer).
// BENCH_TRAIN_BACKENDS=wasm,webgl,... picks backends (default all; CPU and WebGPU-on-SwiftShader
// take minutes per step on a CPU-only machine).
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { pythonCommand } from '../test/support/python.mjs';

const SIZE = 64;
const BATCH = 16;
const CLASSES = 64;

const ratios = (sources, ratio) =>
  sources ? Object.fromEntries(Object.entries(sources).map(([model, s]) => [model, ratio(s)])) : null;

export async function trainBench({ url, executablePath, args, machine }) {
  const backends = (process.env.BENCH_TRAIN_BACKENDS ?? 'wasm,webgl,webgpu,cpu').split(',').filter(Boolean);
  const steps = Number(process.env.BENCH_TRAIN_STEPS ?? 10);
  // The peer runs before and after the browser (never beside it): on a shared machine one run of
  // either can be off by half; the ratio uses their mean and the range shows the spread.
  const peer = () =>
    JSON.parse(
      execFileSync(
        pythonCommand(['torch']),
        ['bench/trainPeer.py', String(SIZE), String(BATCH), String(CLASSES), String(steps)],
        { encoding: 'utf8' },
      ),
    );
  const torchBefore = peer();
  const browser = await chromium.launch({ executablePath, args });
  const results = {};
  let sources = null;
  try {
    const page = await browser.newPage();
    await page.goto(`${url}#/train`);
    for (const backend of backends) {
      results[backend] = await page.evaluate(
        async ([b, s, n, c, k]) => (await import('/bench/trainBench.ts')).benchSteps(b, s, n, c, k, 60_000),
        [backend, SIZE, BATCH, CLASSES, steps],
      );
    }
    const best = Object.values(results)
      .filter((r) => r.msPerStep !== null)
      .sort((a, b) => a.msPerStep - b.msPerStep)[0];
    if (best) {
      sources = {};
      // The default (scan-based) model and the procedural one, each in a fresh worker.
      for (const model of ['ict-facekit', 'gmf-procedural']) {
        sources[model] = await page.evaluate(
          async ([b, s, n, k, m]) => (await import('/bench/trainBench.ts')).benchSources(b, s, n, k, m),
          [best.backend, SIZE, BATCH, Math.min(steps, 8), model], // 8 timed steps per pass, after 3 untimed
        );
      }
    }
  } finally {
    await browser.close();
  }
  const torchAfter = peer();
  const torchMs = (torchBefore.ms_per_step + torchAfter.ms_per_step) / 2;
  const measured = Object.values(results).filter((r) => r.msPerStep !== null);
  const best = measured.sort((a, b) => a.msPerStep - b.msPerStep)[0] ?? null;
  return {
    bench: 'train',
    machine,
    model: `ResNet6 ${SIZE}x${SIZE}, batch ${BATCH}, ${CLASSES} classes, Adam`,
    backends: results,
    pytorch: {
      ...torchAfter,
      ms_per_step: torchMs,
      runs_ms_per_step: [torchBefore.ms_per_step, torchAfter.ms_per_step],
    },
    best_backend: best?.backend ?? null,
    best_over_pytorch: best ? best.msPerStep / torchMs : null,
    best_over_pytorch_range: best
      ? [torchBefore.ms_per_step, torchAfter.ms_per_step].map((ms) => best.msPerStep / ms).sort((a, b) => a - b)
      : null,
    goal_over_pytorch: 4,
    bar: 'best browser backend within 10x of PyTorch (issue 16 goal: 4x)',
    // Streamed (rendered by the stream render worker beside training) over stored step time, per
    // face model; and the same with rendering in line in the training worker (the peer path).
    streamed_over_stored: ratios(sources, (s) => s.streamedMsPerStep / s.storedMsPerStep),
    streamed_distinct_identities_over_stored: ratios(
      sources,
      (s) => s.streamedDistinctIdentitiesMsPerStep / s.storedMsPerStep,
    ),
    in_thread_streamed_over_stored: ratios(sources, (s) => s.inThreadStreamedMsPerStep / s.storedMsPerStep),
    streamed_goal: 1.2,
    sources,
  };
}
