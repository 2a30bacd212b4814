import { describe, expect, it } from 'vitest';
import { MIB, planCompression, tapsFromSummary } from './plan';

const TAPS = [
  { name: 'layer00_input', features: 12_288 },
  { name: 'layer01_conv', features: 65_536 },
  { name: 'layer02_conv', features: 32_768 },
  { name: 'layer06_globalpool', features: 256 },
];
const OPTIONS = { nComponents: 128, nBatches: 8, batchSize: 256, maxFeatures: 4096 };

describe('compression plan', () => {
  it('sketches nothing when the fit holds in the budget, and counts memory and work by the stated model', () => {
    const plan = planCompression(TAPS, { ...OPTIONS, memoryBudgetMb: 4096 }, 600, 1000);
    expect(plan.layers.map((l) => l.sketchedTo)).toEqual([null, null, null, null]);
    expect(plan.batches).toBe(2); // 600 training images hold 2 batches of 256
    // Held: (k + 2) w 8 per layer; the update of the widest layer: (k + 2b + 1) w 8; raw batch: b Σw 4.
    const sum = TAPS.reduce((s, t) => s + t.features, 0);
    const held = TAPS.reduce((s, t) => s + (Math.min(128, t.features) + 2) * t.features * 8, 0);
    expect(plan.peakBytes).toBe(held + (128 + 513) * 65_536 * 8 + 256 * sum * 4);
    const m = 128 + 256 + 1;
    const input = plan.layers[0];
    expect(input?.fitWork).toBe(2 * ((m * m) / 2 + 128 * m) * 12_288);
    expect(input?.projectWork).toBe(1000 * 128 * 12_288);
    // The global pool keeps all its 256 features as components at most 128.
    expect(plan.layers[3]?.components).toBe(128);
    expect(plan.fits).toBe(true);
  });

  it('sketches the widest layers first, only as many as the budget needs', () => {
    const unsketched = planCompression(TAPS, { ...OPTIONS, memoryBudgetMb: 16_384 }, 600, 1000).peakBytes;
    const budgetMb = Math.floor(unsketched / MIB) - 1;
    const plan = planCompression(TAPS, { ...OPTIONS, memoryBudgetMb: budgetMb }, 600, 1000);
    expect(plan.layers.map((l) => l.sketchedTo)).toEqual([null, 4096, null, null]);
    expect(plan.peakBytes).toBeLessThanOrEqual(budgetMb * MIB);
    const tight = planCompression(TAPS, { ...OPTIONS, memoryBudgetMb: 64 }, 600, 1000);
    expect(tight.layers.map((l) => l.sketchedTo)).toEqual([4096, 4096, 4096, null]);
    expect(tight.fits).toBe(tight.peakBytes <= 64 * MIB);
  });

  it('says when even a fully sketched fit is over the budget', () => {
    const plan = planCompression(
      TAPS,
      { ...OPTIONS, nComponents: 2048, batchSize: 2048, memoryBudgetMb: 64 },
      4096,
      5000,
    );
    expect(plan.fits).toBe(false);
    expect(plan.peakBytes).toBeGreaterThan(64 * MIB);
  });

  it('keeps the rule of analyses made before the budget: every layer wider than maxFeatures sketched', () => {
    const plan = planCompression(TAPS, { ...OPTIONS, maxFeatures: 2048 }, 600, 1000);
    expect(plan.layers.map((l) => l.sketchedTo)).toEqual([2048, 2048, 2048, null]);
    expect(plan.budgetBytes).toBeNull();
  });

  it('refuses when not one batch fits in the training images', () => {
    expect(() => planCompression(TAPS, OPTIONS, 255, 400)).toThrow(
      /at least one batch of 256 training images; there are 255/,
    );
  });

  it("reads the analysed layers' widths from a run's model summary", () => {
    expect(
      tapsFromSummary([
        { name: 'layer00_input', outputShape: [null, 64, 64, 3], analysed: true },
        { name: 'layer01_bn', outputShape: [null, 32, 32, 64], analysed: false },
        { name: 'layer06_globalpool', outputShape: [null, 256], analysed: true },
      ]),
    ).toEqual([
      { name: 'layer00_input', features: 12_288 },
      { name: 'layer06_globalpool', features: 256 },
    ]);
  });
});
