import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATOR_SPEC, EMOTIONS, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { FaceRenderParams } from '../../model/render/facePipeline';
import { AuditOptionsError, resolveAuditOptions } from './auditOptions';
import { DEFAULT_AUDIT_RANGES, auditBase, buildAuditSet } from './auditSets';
import { estimateFactorAudit } from './estimateAudit';
import { normalQuantile, stratifiedUniforms } from './stratifiedDraws';
import { createRng } from '../../lib/random';
import { AUDIT_FACTORS, auditFactor } from './record/auditFactors';

const spec = (patch: Partial<GeneratorSpec> = {}): GeneratorSpec => ({
  ...structuredClone(DEFAULT_GENERATOR_SPEC as GeneratorSpec),
  ...patch,
});

/** Every parameter of a face as plain numbers and strings, one key per scalar. */
function flatten(params: FaceRenderParams): Map<string, string | number | null> {
  const out = new Map<string, string | number | null>();
  const { identity, expression, pose, light, background } = params;
  out.set('gender', identity.gender);
  out.set('ethn', identity.ethn);
  out.set('age', identity.age);
  Array.from(identity.shape).forEach((v, i) => out.set(`shape${i + 1}`, v));
  identity.tex.forEach((band, b) => {
    Array.from(band).forEach((v, i) => out.set(b === 0 ? `tex${i + 1}` : `tex-band${b}-${i + 1}`, v));
  });
  out.set('emo', expression.emo);
  out.set('intensity', expression.intensity ?? 1);
  out.set('actionUnits', JSON.stringify(expression.actionUnits ?? {}));
  for (const [k, v] of Object.entries(pose)) out.set(k, v as number);
  for (const [k, v] of Object.entries(light)) out.set(k, v as number);
  out.set('background', background);
  return out;
}

describe('audit sets', () => {
  const s = spec();
  const options = resolveAuditOptions(s, { imagesPerFactor: 32 });

  it('vary the audited factor only: every other parameter is the same in every image', () => {
    for (const factor of options.factors) {
      const set = buildAuditSet(s, factor, options);
      expect(set.params).toHaveLength(32);
      const flat = set.params.map(flatten);
      const first = flat[0];
      if (!first) throw new Error('empty set');
      for (const key of first.keys()) {
        const values = new Set(flat.map((f) => f.get(key)));
        if (key === factor.name) expect(values.size, `${factor.name} varies`).toBeGreaterThan(1);
        else expect(values.size, `${key} is fixed while auditing ${factor.name}`).toBe(1);
      }
    }
  });

  it('start from the mean face in a neutral, frontal pose without background', () => {
    const base = auditBase(s, options);
    expect(base.expression).toEqual({ emo: 'neutral' });
    expect(base.pose).toEqual({ xr: 0, yr: 0, zr: 0, xt: 0, yt: 0, zt: 0 });
    expect(base.light).toEqual({ xl: 0, yl: 0, zl: 0 });
    expect(base.background).toBeNull();
    expect(Array.from(base.identity.shape).every((v) => v === 0)).toBe(true);
    expect(base.identity.tex.every((band) => Array.from(band).every((v) => v === 0))).toBe(true);
    expect(base.identity).toMatchObject({ gender: 'M', ethn: 'WC', age: 25 });
    const sample = auditBase(s, { base: 'sample', background: true });
    expect(sample.background).toBe(0);
    expect(Array.from(sample.identity.shape).some((v) => v !== 0)).toBe(true);
  });

  it('use the documented defaults where the dataset fixes a factor, else the dataset range', () => {
    const set = (name: string, within: GeneratorSpec = s) => {
      const factor = auditFactor(name);
      if (!factor) throw new Error(name);
      return buildAuditSet(within, factor, resolveAuditOptions(within, { imagesPerFactor: 64 }));
    };
    const expectUniform = (name: string, min: number, max: number, source: string, within?: GeneratorSpec) => {
      const { range, targets } = set(name, within);
      expect(range, name).toEqual({ kind: 'uniform', min, max, source });
      if (targets.kind !== 'continuous') throw new Error(name);
      expect(Math.min(...targets.values), name).toBeGreaterThanOrEqual(min);
      expect(Math.max(...targets.values), name).toBeLessThanOrEqual(max);
    };
    for (const p of ['xr', 'yr', 'zr']) expectUniform(p, -30, 30, 'default');
    for (const p of ['xt', 'yt']) expectUniform(p, -40, 40, 'default');
    expectUniform('zt', -100, 100, 'default');
    for (const p of ['xl', 'yl', 'zl']) expectUniform(p, -60, 60, 'default');
    expectUniform('age', DEFAULT_AUDIT_RANGES.age.min, DEFAULT_AUDIT_RANGES.age.max, 'default');
    const wide = spec({ ranges: { ...s.ranges, yr: { min: -10, max: 10 } }, age: { min: 30, max: 40 } });
    expectUniform('yr', -10, 10, 'spec', wide);
    expectUniform('age', 30, 40, 'spec', wide);
    expect(set('shape3').range).toEqual({ kind: 'normal', mu: 0, sd: 1, source: 'spec' });
    expect(set('tex1', spec({ texture: { mu: 0, sd: 0 } })).range).toEqual({
      kind: 'normal',
      mu: 0,
      sd: 1,
      source: 'default',
    });
    expect(set('emo').range).toEqual({ kind: 'levels', levels: [...EMOTIONS], source: 'default' });
    expect(set('ethn').range).toMatchObject({ levels: ['WC', 'EA', 'BA'] });
  });

  it('balance categorical levels within each split', () => {
    const factor = auditFactor('emo');
    if (!factor) throw new Error('emo');
    const o = resolveAuditOptions(s, { imagesPerFactor: 96 });
    const { targets } = buildAuditSet(s, factor, o);
    if (targets.kind !== 'categorical') throw new Error('emo is categorical');
    const splits = [targets.labels.slice(0, 48), targets.labels.slice(48, 72), targets.labels.slice(72)];
    for (const labels of splits) {
      const counts = [...new Set(labels)].map((l) => labels.filter((x) => x === l).length);
      expect(counts).toHaveLength(7);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });

  it('are the same for the same seed', () => {
    const factor = auditFactor('yr');
    if (!factor) throw new Error('yr');
    const a = buildAuditSet(s, factor, options);
    const b = buildAuditSet(s, factor, options);
    expect(a.targets).toEqual(b.targets);
  });
});

describe('audit options', () => {
  it('split 2:1:1, keep at most half as many components as training images and skip components the dataset lacks', () => {
    const o = resolveAuditOptions(spec({ shapeComponents: 4, textureComponents: 12 }), { imagesPerFactor: 16 });
    expect(o.split).toEqual({ training: 8, validation: 4, testing: 4 });
    expect(o.components).toBe(4);
    expect(o.factors.map((f) => f.name)).toContain('shape4');
    expect(o.factors.map((f) => f.name)).not.toContain('shape5');
    expect(o.factors.map((f) => f.name)).toContain('tex10');
    const all = resolveAuditOptions(spec());
    expect(all.factors).toEqual(AUDIT_FACTORS);
    expect(all).toMatchObject({ resolution: 112, renderScale: 4, imagesPerFactor: 64, components: 16, pixelSide: 56 });
    expect(all.split).toEqual({ training: 32, validation: 16, testing: 16 });
  });

  it('refuse what cannot be audited, in plain words', () => {
    expect(() => resolveAuditOptions(spec(), { imagesPerFactor: 8 })).toThrow(AuditOptionsError);
    expect(() => resolveAuditOptions(spec(), { imagesPerFactor: 8 })).toThrow(/Images per factor must be/);
    expect(() => resolveAuditOptions(spec(), { factors: ['nose'] })).toThrow(/cannot measure nose/);
    expect(() => resolveAuditOptions(spec(), { resolution: 8 })).toThrow(/Audit resolution/);
  });
});

describe('audit estimate', () => {
  it('counts every image and grows with the pixels drawn', () => {
    const quick = estimateFactorAudit(spec(), { renderScale: 1 });
    const fine = estimateFactorAudit(spec());
    expect(quick.images).toBe(AUDIT_FACTORS.length * 64);
    expect(fine.images).toBe(quick.images);
    expect(fine.seconds).toBeGreaterThan(2 * quick.seconds);
    // Measured: 0.151 s per image at 112 px, render scale 4.
    expect(fine.seconds / fine.images).toBeCloseTo(0.151, 2);
    expect(() => estimateFactorAudit(spec(), { renderScale: 9 })).toThrow(/Audit render scale/);
  });
});

describe('stratified draws', () => {
  it('invert the normal CDF (Acklam) to within 5e-8 of tabulated quantiles', () => {
    const table: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.001, -3.090232306167813],
      [0.8413447460685429, 1],
      [1e-6, -4.753424308822899],
    ];
    for (const [p, z] of table) expect(normalQuantile(p)).toBeCloseTo(z, 7);
  });

  it('put one value in each stratum of each split', () => {
    const s = spec();
    const o = resolveAuditOptions(s, { imagesPerFactor: 64 });
    const factor = auditFactor('yr');
    if (!factor) throw new Error('yr');
    const { targets } = buildAuditSet(s, factor, o);
    if (targets.kind !== 'continuous') throw new Error('yr is continuous');
    let start = 0;
    for (const m of [o.split.training, o.split.validation, o.split.testing]) {
      const values = Array.from(targets.values.subarray(start, start + m));
      values.forEach((v, j) => {
        expect(v).toBeGreaterThanOrEqual(-30 + (60 * j) / m);
        expect(v).toBeLessThan(-30 + (60 * (j + 1)) / m);
      });
      start += m;
    }
    const rng = createRng(1, 'strata');
    expect(stratifiedUniforms(4, rng).map((u) => Math.floor(u * 4))).toEqual([0, 1, 2, 3]);
  });
});
