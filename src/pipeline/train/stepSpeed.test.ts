import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureStepSpeed } from './stepSpeed';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('measureStepSpeed', () => {
  it('times real ResNet6 steps apart from the first (at least one), and leaves no tensor behind', async () => {
    const input = { architecture: 'ResNet6', size: 16, batch: 1, classes: 3 } as const;
    // A spent budget still times one step. (This first model also leaves tfjs's own few scalars.)
    expect((await measureStepSpeed({ ...input, steps: 5, budgetMs: 0 })).measuredSteps).toBe(1);
    const before = tf.memory().numTensors;
    const speed = await measureStepSpeed({ ...input, steps: 2, budgetMs: 60_000 });
    expect(speed.measuredSteps).toBe(2);
    expect(speed.msPerStep).toBeGreaterThan(0);
    expect(speed.warmupMs).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs the untimed warm-up steps it is asked for (the bench matches its PyTorch peer: 3)', async () => {
    const input = { architecture: 'ResNet6', size: 16, batch: 1, classes: 3, steps: 2, budgetMs: 60_000 } as const;
    const convs = async (warmupSteps?: number) => {
      const info = await tf.profile(async () => {
        const speed = await measureStepSpeed({ ...input, ...(warmupSteps === undefined ? {} : { warmupSteps }) });
        expect(speed.measuredSteps).toBe(2);
      });
      return info.kernels.filter((k) => k.name === 'FusedConv2D').length;
    };
    const perStep = (await convs()) / 3;
    expect(perStep).toBeGreaterThan(0);
    expect(await convs(3)).toBe(5 * perStep);
  });
});
