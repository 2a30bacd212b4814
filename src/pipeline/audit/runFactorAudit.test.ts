import { describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../lib/errors';
import { DEFAULT_GENERATOR_SPEC, EMOTIONS, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { FaceRenderParams } from '../../model/render/facePipeline';
import { AUDIT_FACTORS } from './record/auditFactors';
import { parseFactorAudit } from './record/auditRecord';
import { type AuditRenderer, runFactorAudit } from './runFactorAudit';

const spec: GeneratorSpec = { ...structuredClone(DEFAULT_GENERATOR_SPEC as GeneratorSpec), seed: 3 };
const SIDE = 16;

/** An RGBA image whose grey level at (x, y) is `value(x, y)` (clamped to 0..255). */
function image(value: (x: number, y: number) => number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(SIDE * SIDE * 4);
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) out.fill(value(x, y), 4 * (y * SIDE + x), 4 * (y * SIDE + x) + 3);
  return out;
}

/**
 * By construction: yaw shifts the left half's brightness linearly (visible); each emotion lights
 * its own column (distinct patterns); shape component 1 changes a single pixel by a fraction of a
 * grey level (invisible); everything else leaves the image unchanged.
 */
function fakeImage(p: FaceRenderParams): Uint8ClampedArray {
  return image((x, y) => {
    let v = 100 + (x < SIDE / 2 ? 2 * p.pose.yr : -p.pose.yr);
    if (x === EMOTIONS.indexOf(p.expression.emo) && y < 4) v += 60;
    if (x === 15 && y === 15) v += 0.1 * (p.identity.shape[0] ?? 0);
    return v;
  });
}

/** Renders the faces one by one with `draw`, as the face worker's sequence hands them over. */
const sequence =
  (draw: (p: FaceRenderParams) => Uint8ClampedArray): AuditRenderer =>
  async (faces, onImage) => {
    for (const [i, p] of faces.entries()) {
      await Promise.resolve();
      onImage(draw(p), i);
    }
  };
const fake = sequence(fakeImage);

const run = (options: Parameters<typeof runFactorAudit>[2], signal = new AbortController().signal) =>
  runFactorAudit(fake, spec, { resolution: SIDE, imagesPerFactor: 48, ...options }, signal, () => undefined);

describe('runFactorAudit', () => {
  it('finds a factor drawn into the pixels (R² ≈ 1) and none in one the renderer ignores', async () => {
    const audit = await run({ factors: ['yr', 'xr', 'shape1'] });
    const row = (name: string) => audit.rows.find((r) => r.factor === name);
    expect(row('yr')?.value).toBeGreaterThan(0.99);
    expect(row('yr')?.effect).toBeGreaterThan(10);
    // Ignored factors: the images differ only by the ±½ grey-level noise, so nothing generalises.
    expect(row('xr')?.value).toBeLessThan(0.2);
    expect(row('xr')?.effect).toBe(0);
    expect(row('shape1')?.value).toBeLessThan(0.2);
    expect(row('shape1')?.effect).toBe(0);
  });

  it('separates categorical levels drawn as distinct patterns (AUC ≈ 1, 7-way accuracy 1)', async () => {
    const audit = await run({ factors: ['emo', 'gender'] });
    const [emo, gender] = audit.rows;
    expect(emo).toMatchObject({ factor: 'emo', kind: 'categorical', metric: 'auc' });
    expect(emo?.value).toBeGreaterThan(0.99);
    expect(emo?.accuracy).toBe(1);
    // Gender is not drawn: chance-level accuracy, AUC near 0.
    expect(gender?.accuracy).toBeLessThan(0.85);
    expect(Math.abs(gender?.value ?? 1)).toBeLessThan(0.6);
  });

  it('reports every factor in report order with finite values, the ranges used, and a valid record', async () => {
    let last = { done: 0, total: 0 };
    const audit = await runFactorAudit(
      fake,
      spec,
      { resolution: SIDE, imagesPerFactor: 16 },
      new AbortController().signal,
      (done, total) => {
        last = { done, total };
      },
    );
    expect(audit.rows.map((r) => r.factor)).toEqual(AUDIT_FACTORS.map((f) => f.name));
    for (const r of audit.rows) {
      expect(Number.isFinite(r.value), r.factor).toBe(true);
      expect(r.images).toBe(16);
    }
    expect(last).toEqual({ done: 16 * AUDIT_FACTORS.length, total: 16 * AUDIT_FACTORS.length });
    expect(audit).toMatchObject({ resolution: SIDE, components: 4, pixelSide: SIDE, background: false, base: 'mean' });
    expect(audit.rows.find((r) => r.factor === 'yr')?.range).toEqual({
      kind: 'uniform',
      min: -30,
      max: 30,
      source: 'default',
    });
    expect(parseFactorAudit(JSON.parse(JSON.stringify(audit)))).toEqual(audit);
  });

  it('stops at once when cancelled, with JobCancelledError', async () => {
    const controller = new AbortController();
    let rendered = 0;
    const counting = sequence((p) => {
      rendered++;
      if (rendered === 5) controller.abort(new JobCancelledError());
      return fakeImage(p);
    });
    const attempt = runFactorAudit(counting, spec, { resolution: SIDE }, controller.signal, () => undefined);
    await expect(attempt).rejects.toThrow(JobCancelledError);
    expect(rendered).toBe(5);
  });

  it('refuses images of the wrong size', async () => {
    await expect(run({ resolution: 32, factors: ['yr'] })).rejects.toThrow(/1024 bytes; a 32 × 32 RGBA image/);
  });
});
