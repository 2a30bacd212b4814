/**
 * Browser-side half of the "trains on every backend" e2e: the same ResNet6 (same seed, same
 * data) takes three Adam steps with the app's training loop on WebGPU, WebGL, WASM and CPU;
 * the losses must agree across backends (they compute the same function) and fall.
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../src/pipeline/train/architectures';
import { TFJS_BACKENDS, type TfjsBackendName } from '../../src/lib/tfjs/backendKinds';
import { initTfjsRuntime, selectBackend } from '../../src/lib/tfjs/runtime';
import type { Batch, BatchSource } from '../../src/pipeline/train/data/batchSource';
import { trainLoop } from '../../src/pipeline/train/loop';
import { DEFAULT_TRAIN_CONFIG } from '../../src/pipeline/train/runConfig';
import type { TargetSpec } from '../../src/pipeline/train/targets';

const SIDE = 16;
const target: TargetSpec = {
  kind: 'categorical',
  name: 'gender',
  classes: ['F', 'M'],
  units: 2,
  activation: 'softmax',
  loss: 'categoricalCrossentropy',
  metric: 'accuracy',
  lossWeight: 1,
};

const source: BatchSource = {
  load(indices): Promise<Batch> {
    const items = Array.from(indices);
    const pixels = new Float32Array(items.length * SIDE * SIDE * 3);
    items.forEach((item, n) => {
      for (let p = 0; p < SIDE * SIDE * 3; p++)
        pixels[n * SIDE * SIDE * 3 + p] = ((item * 7 + p * 13) % 17) / 17 + (item % 2) * 0.3;
    });
    const values = new Float32Array(items.length * 2);
    items.forEach((item, n) => (values[n * 2 + (item % 2)] = 1));
    return Promise.resolve({
      inputs: [pixels],
      size: items.length,
      targets: [{ name: 'gender', rows: items.length, units: 2, values }],
    });
  },
};

export interface BackendTrainResult {
  backend: TfjsBackendName;
  selected: string;
  losses: number[];
  tensorsBefore: number;
  tensorsAfter: number;
}

export async function trainOnEveryBackend(): Promise<BackendTrainResult[]> {
  initTfjsRuntime();
  const results: BackendTrainResult[] = [];
  for (const backend of TFJS_BACKENDS) {
    const report = await selectBackend(backend);
    const model = buildModel({ architecture: 'ResNet6', inputShape: [SIDE, SIDE, 3], targets: [target], seed: 9 });
    const losses: number[] = [];
    const tensorsBefore = tf.memory().numTensors;
    await trainLoop({
      model,
      targets: [target],
      resume: null,
      signal: new AbortController().signal,
      config: { ...DEFAULT_TRAIN_CONFIG, targets: ['gender'], batchSize: 4, epochs: 1, learningRate: 1e-4, seed: 2 },
      training: { source, count: 12 },
      validation: { source, count: 4 },
      events: {
        batch: (p) => losses.push(p.values.loss ?? NaN),
        epoch: () => undefined,
        checkpoint: () => Promise.resolve(),
        progress: () => undefined,
      },
    });
    const tensorsAfter = tf.memory().numTensors;
    model.dispose();
    results.push({ backend, selected: report.backend, losses, tensorsBefore, tensorsAfter });
  }
  return results;
}
