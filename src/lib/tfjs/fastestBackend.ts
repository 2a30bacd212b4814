/**
 * Training backend auto-selection, measured: every backend that initialises trains the same
 * small conv net for a few steps and the fastest wins. Backends differ by 100x on machines
 * without a GPU (WebGPU through SwiftShader is slower than wasm), so nothing is assumed.
 */
import * as tf from '@tensorflow/tfjs';
import { type BackendReport, TFJS_BACKENDS, type TfjsBackendName } from './backendKinds';
import { selectTfjsBackend } from './backends';

export interface BackendTiming {
  backend: TfjsBackendName;
  /** Milliseconds per probe training step, or null when the backend failed or was too slow to finish. */
  msPerStep: number | null;
  reason: string;
}

const PROBE_STEPS = 3;
/** A backend whose first (compiling) step takes longer than this is not a contender. */
const WARMUP_LIMIT_MS = 8000;

async function probeStep(): Promise<number> {
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
  const optimizer = tf.train.adam(1e-3);
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
    if (performance.now() - warm > WARMUP_LIMIT_MS) return Infinity;
    const start = performance.now();
    for (let i = 0; i < PROBE_STEPS; i++) await step();
    return (performance.now() - start) / PROBE_STEPS;
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
}

/** Measures each backend, leaves the fastest selected, and returns its report with every timing. */
export async function measureTrainingBackends(): Promise<{ report: BackendReport; timings: BackendTiming[] }> {
  const timings: BackendTiming[] = [];
  for (const backend of TFJS_BACKENDS) {
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
      const ms = await probeStep();
      timings.push({
        backend,
        msPerStep: Number.isFinite(ms) ? ms : null,
        reason: Number.isFinite(ms) ? '' : `first step over ${WARMUP_LIMIT_MS / 1000} s`,
      });
    } catch (error) {
      timings.push({ backend, msPerStep: null, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const ranked = timings.filter((t) => t.msPerStep !== null).sort((a, b) => (a.msPerStep ?? 0) - (b.msPerStep ?? 0));
  const best = ranked[0]?.backend ?? 'cpu';
  const report = await selectTfjsBackend(best);
  return { report, timings };
}
