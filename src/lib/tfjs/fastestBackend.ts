/**
 * Training backend auto-selection, measured: every backend that initialises trains the same
 * small conv net for a few steps and the fastest wins. Backends differ by 100x on machines
 * without a GPU (WebGPU through SwiftShader is slower than wasm), so nothing is assumed.
 * A backend's timed steps stop once their total exceeds what the fastest so far took for all of
 * them: its mean could no longer be the smallest, so the winner is the same as with every step
 * timed (on this 2-core machine the measurement took ~25 s, mostly slow backends' steps).
 */
import * as tf from '@tensorflow/tfjs';
import { type BackendReport, TFJS_BACKENDS, type TfjsBackendName } from './backendKinds';
import { selectTfjsBackend } from './backends';
import { FusedAdamOptimizer } from './fusedAdam';

export interface BackendTiming {
  backend: TfjsBackendName;
  /**
   * Milliseconds per probe training step (the mean of its timed steps: fewer once it could no
   * longer be the fastest, which `reason` then says), or null when the backend failed or was too
   * slow to finish.
   */
  msPerStep: number | null;
  reason: string;
}

const PROBE_STEPS = 3;
/** A backend whose first (compiling) step takes longer than this is not a contender. */
const WARMUP_LIMIT_MS = 8000;

/** Timed steps of a probe: mean ms per step over those taken, and how many were. */
export interface StepTiming {
  msPerStep: number;
  steps: number;
}

/**
 * Times up to `steps` calls of `step`, one after another, and stops early once their total passes
 * `stopAfterMs` (then even steps of no time would leave a mean above stopAfterMs / steps).
 */
export async function timeSteps(
  step: () => Promise<void>,
  steps: number,
  stopAfterMs = Infinity,
  now: () => number = () => performance.now(),
): Promise<StepTiming> {
  const start = now();
  let taken = 0;
  while (taken < steps) {
    await step();
    taken++;
    if (now() - start > stopAfterMs) break;
  }
  return { msPerStep: (now() - start) / taken, steps: taken };
}

/** Probe order: wasm starts everywhere with a short first step, so slower backends can stop early. */
const PROBE_ORDER: readonly TfjsBackendName[] = ['wasm', ...TFJS_BACKENDS.filter((b) => b !== 'wasm')];

async function probeStep(bestMsPerStep: number): Promise<StepTiming | null> {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [32, 32, 3],
        filters: 32,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.batchNormalization({ momentum: 0.5 }),
      tf.layers.reLU(),
      tf.layers.conv2d({
        filters: 64,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({
        units: 8,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
    ],
  });
  const optimizer = new FusedAdamOptimizer(1e-3);
  const x = tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 1);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: 16 }, (_, i) => i % 8),
      'int32',
    ),
    8,
  );
  const step = async () => {
    const cost = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor),
      true,
    );
    await cost?.data();
    cost?.dispose();
  };
  try {
    const warm = performance.now();
    await step();
    if (performance.now() - warm > WARMUP_LIMIT_MS) return null;
    return await timeSteps(step, PROBE_STEPS, PROBE_STEPS * bestMsPerStep);
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
}

/** Measures each backend, leaves the fastest selected, and returns its report with every timing. */
export async function measureTrainingBackends(): Promise<{ report: BackendReport; timings: BackendTiming[] }> {
  const timings: BackendTiming[] = [];
  const best = () => Math.min(...timings.map((t) => t.msPerStep ?? Infinity));
  for (const backend of PROBE_ORDER) {
    try {
      const report = await selectTfjsBackend(backend);
      if (report.backend !== backend) {
        timings.push({
          backend,
          msPerStep: null,
          reason: report.attempts.find((a) => a.backend === backend)?.reason ?? 'unavailable',
        });
        continue;
      }
      const timed = await probeStep(best());
      timings.push(
        timed === null
          ? { backend, msPerStep: null, reason: `first step over ${WARMUP_LIMIT_MS / 1000} s` }
          : {
              backend,
              msPerStep: timed.msPerStep,
              reason:
                timed.steps < PROBE_STEPS
                  ? `${timed.steps} of ${PROBE_STEPS} steps timed: it could no longer be the fastest`
                  : '',
            },
      );
    } catch (error) {
      timings.push({ backend, msPerStep: null, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const ranked = timings.filter((t) => t.msPerStep !== null).sort((a, b) => (a.msPerStep ?? 0) - (b.msPerStep ?? 0));
  const report = await selectTfjsBackend(ranked[0]?.backend ?? 'cpu');
  // Listed in the usual order (Settings shows them so), whatever order they were probed in.
  return { report, timings: TFJS_BACKENDS.flatMap((b) => timings.filter((t) => t.backend === b)) };
}
