/**
 * Times training steps of an architecture on the current tfjs backend: random images and labels
 * of the given size, Adam, softmax cross-entropy on one identity head. The first (compiling)
 * step is timed apart. Used by the training-speed probe (the guided experiment sizes itself
 * from it) and by `npm run bench:train`.
 */
import * as tf from '@tensorflow/tfjs';
import { FusedAdamOptimizer } from '../../lib/tfjs/fusedAdam';
import { type ArchitectureId, buildModel } from './architectures';

export interface StepSpeedInput {
  architecture: ArchitectureId;
  /** Image width and height. */
  size: number;
  batch: number;
  classes: number;
  /** Steps to time after the first, unless `budgetMs` runs out (at least one is timed). */
  steps: number;
  budgetMs: number;
  /** Untimed steps before the timed ones (default 1: the compiling step); the first is `warmupMs`. */
  warmupSteps?: number;
}

export interface StepSpeed {
  /** Milliseconds per step after the first. */
  msPerStep: number;
  /** The first step, with its kernel compilation. */
  warmupMs: number;
  measuredSteps: number;
}

export async function measureStepSpeed(input: StepSpeedInput): Promise<StepSpeed> {
  const { architecture, size, batch, classes, steps, budgetMs, warmupSteps = 1 } = input;
  const model = buildModel({
    architecture,
    inputShape: [size, size, 3],
    targets: [{ name: 'id', units: classes, activation: 'softmax' }],
  });
  const optimizer = new FusedAdamOptimizer(1e-3);
  const x = tf.randomUniform([batch, size, size, 3], 0, 1, 'float32', 1);
  const y = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        Array.from({ length: batch }, (_, i) => i % classes),
        'int32',
      ),
      classes,
    ),
  );
  try {
    const step = async () => {
      const cost = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor),
        true,
      );
      await cost?.data();
      cost?.dispose();
    };
    const warm = performance.now();
    await step();
    const warmupMs = performance.now() - warm;
    for (let i = 1; i < warmupSteps; i++) await step();
    let measured = 0;
    const start = performance.now();
    while (measured < steps && (measured === 0 || performance.now() - start < budgetMs)) {
      await step();
      measured++;
    }
    return { msPerStep: (performance.now() - start) / measured, warmupMs, measuredSteps: measured };
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
}
