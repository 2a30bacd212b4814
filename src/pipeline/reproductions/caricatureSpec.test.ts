import { describe, expect, it } from 'vitest';
import { TINY_SDS, tinySpec } from '../../../test/support/tinyDataset';
import { createRng } from '../../lib/random';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../../model/gmf/sampling';
import {
  caricatureDatasetId,
  caricatureDatasetName,
  caricatureSpec,
  checkCaricatureLevels,
  parseCaricatureLevels,
  sameCaricatureSettings,
} from './caricatureSpec';

const F32_EPS = 2 ** -23;

/**
 * Largest |caricature − (mu + s (veridical − mu))| over every raw coefficient, in units of the
 * float32 rounding allowed: each side is a float32 of a double within a few double ulps, so the
 * gap may be half a float32 ulp of the caricature plus s × half a float32 ulp of the veridical.
 */
function worstScaledGap(spec: GeneratorSpec, s: number, id: number): number {
  const veridical = sampleIdentity(spec, id, TINY_SDS);
  const caricature = sampleIdentity(caricatureSpec(spec, s), id, TINY_SDS);
  const pairs: [number, number, number][] = [];
  const add = (a: Float32Array, b: Float32Array, mu: number) => {
    expect(b.length).toBe(a.length);
    a.forEach((v, i) => pairs.push([v, b[i] ?? NaN, mu]));
  };
  add(veridical.shape, caricature.shape, spec.shape.mu);
  veridical.tex.forEach((band, b) => {
    add(band, caricature.tex[b] ?? new Float32Array(0), spec.texture.mu);
  });
  let worst = 0;
  for (const [v, c, mu] of pairs) {
    const allowed = F32_EPS * (Math.abs(c) + s * Math.abs(v)) + 1e-300;
    worst = Math.max(worst, Math.abs(c - (mu + s * (v - mu))) / allowed);
  }
  return worst;
}

describe('caricatureSpec', () => {
  const spec = { ...tinySpec('faces', false), identities: 6, variationsPerIdentity: 3 };

  it('draws identity i with its raw coefficients × s (mu = 0), within float32 rounding, and nothing else changed', () => {
    for (const s of [0.5, 1.5, 2, 3]) {
      for (let id = 0; id < spec.identities; id++) {
        expect(worstScaledGap(spec, s, id), `s = ${s}, identity ${id}`).toBeLessThanOrEqual(1);
        const v = sampleIdentity(spec, id, TINY_SDS);
        const c = sampleIdentity(caricatureSpec(spec, s), id, TINY_SDS);
        expect([c.gender, c.ethn, c.age]).toEqual([v.gender, v.ethn, v.age]);
        // Scaled coefficients (what the renderer reads) follow: raw × component SD.
        expect(Math.abs((c.shapeScaled[0] ?? 0) - s * (v.shapeScaled[0] ?? 0))).toBeLessThan(1e-6 * (1 + s));
        for (let k = 0; k < spec.variationsPerIdentity; k++)
          expect(sampleVariation(caricatureSpec(spec, s), id, k)).toEqual(sampleVariation(spec, id, k));
      }
    }
    // The check can fail: another identity's coefficients are not a scaled copy.
    const other = sampleIdentity(caricatureSpec(spec, 2), 1, TINY_SDS).shape;
    const mine = sampleIdentity(spec, 0, TINY_SDS).shape;
    expect(Math.max(...other.map((x, i) => Math.abs(x - 2 * (mine[i] ?? 0))))).toBeGreaterThan(0.1);
  });

  it('scales around mu when the spec draws around mu ≠ 0', () => {
    const shifted = { ...spec, shape: { mu: 0.7, sd: 0.8 }, texture: { mu: -0.3, sd: 1.1 } };
    for (const s of [0.5, 2])
      for (let id = 0; id < 4; id++) expect(worstScaledGap(shifted, s, id)).toBeLessThanOrEqual(1);
    // Scaling the raw value itself (around 0) is not what it does.
    const v = sampleIdentity(shifted, 0, TINY_SDS).shape[0] ?? NaN;
    const c = sampleIdentity(caricatureSpec(shifted, 2), 0, TINY_SDS).shape[0] ?? NaN;
    expect(Math.abs(c - 2 * v)).toBeGreaterThan(0.5);
  });

  it('names the level, keeps everything but the SDs, and refuses specs with no identity spread', () => {
    const c = caricatureSpec(spec, 1.5);
    expect(c.name).toBe('faces caricature ×1.5');
    expect(c.shape).toEqual({ mu: 0, sd: spec.shape.sd * 1.5 });
    expect(c.texture).toEqual({ mu: 0, sd: spec.texture.sd * 1.5 });
    expect({ ...c, name: '', shape: null, texture: null }).toEqual({ ...spec, name: '', shape: null, texture: null });
    expect(spec.shape.sd).toBe(1); // the input is not changed
    expect(sameCaricatureSettings({ ...c, name: 'renamed' }, c)).toBe(true);
    expect(sameCaricatureSettings(caricatureSpec(spec, 2), c)).toBe(false);
    expect(() => caricatureSpec({ ...spec, shape: { mu: 0, sd: 0 }, texture: { mu: 0, sd: 0 } }, 2)).toThrow(
      /nothing to caricature/,
    );
    expect(() => caricatureSpec({ ...spec, resolution: 0 }, 2)).toThrow(/cannot be rendered here/);
    expect(caricatureDatasetId('dataset-abc', 0.5)).toBe('dataset-abc-caricature-x0.5');
    expect(caricatureDatasetName('faces', 2)).toBe('faces caricature ×2');
  });
});

describe('caricature levels', () => {
  it('parses comma- or space-separated numbers, ascending', () => {
    expect(parseCaricatureLevels('0.5, 1, 1.5, 2')).toEqual([0.5, 1, 1.5, 2]);
    expect(parseCaricatureLevels(' 2,1 ')).toEqual([1, 2]);
    expect(parseCaricatureLevels('1 .75 3e0')).toEqual([0.75, 1, 3]);
  });

  it('says what is wrong: not a number, not above 0, repeated, too few or too many', () => {
    expect(() => parseCaricatureLevels('1, two')).toThrow("'two' is not");
    expect(() => parseCaricatureLevels('0, 1')).toThrow('numbers above 0');
    expect(() => parseCaricatureLevels('-1, 1')).toThrow("'-1' is not");
    expect(() => parseCaricatureLevels('1, 1, 2')).toThrow('given once');
    expect(() => parseCaricatureLevels('1')).toThrow('Give 2 to 6 caricature levels');
    expect(() => parseCaricatureLevels('')).toThrow('got 0');
    expect(() => parseCaricatureLevels('1,2,3,4,5,6,7')).toThrow('got 7');
    expect(() => checkCaricatureLevels([1, Number.NaN])).toThrow('numbers above 0');
    const rng = createRng(1, 'levels');
    const many = Array.from({ length: 6 }, () => 0.1 + rng.next() * 3);
    expect(checkCaricatureLevels(many)).toEqual([...many].sort((a, b) => a - b));
  });
});
