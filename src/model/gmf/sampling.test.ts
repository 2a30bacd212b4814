import { describe, expect, it } from 'vitest';
import { GmfError } from '../../lib/errors';
import type { GeneratorSpec } from './generatorSpec';
import { DEFAULT_GENERATOR_SPEC, MIRROR_SYMMETRY_PRESET, POSE_PARAMS, TINY_PRESET } from './generatorSpec';

const MAX_COMPONENTS = 394;
import type { ComponentSds } from './face/faceModel';
import { createRng } from '../../lib/random';
import { drawVariation, sampleIdentity, sampleVariation } from './sampling';

/** Decaying SDs like a real model's: component i has SD 1 / (1 + i / 10). */
function decaying(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => 1 / (1 + i / 10));
}
const MODEL: ComponentSds = {
  shapeSd: decaying(MAX_COMPONENTS),
  textureSd: Array.from({ length: 5 }, () => decaying(MAX_COMPONENTS)),
};

function withSpec(base: Readonly<GeneratorSpec>, patch: Partial<GeneratorSpec>): GeneratorSpec {
  return { ...structuredClone(base as GeneratorSpec), ...patch };
}

describe('sampleIdentity', () => {
  it('is reproducible: same spec and id give deep-equal records', () => {
    expect(sampleIdentity(TINY_PRESET, 3, MODEL)).toEqual(sampleIdentity(TINY_PRESET, 3, MODEL));
    expect(sampleIdentity(TINY_PRESET, 3, MODEL)).not.toEqual(sampleIdentity(TINY_PRESET, 4, MODEL));
  });

  it('stores scaled coefficients as raw x component SD, elementwise', () => {
    const p = sampleIdentity(TINY_PRESET, 0, MODEL);
    expect(p.shape).toHaveLength(TINY_PRESET.shapeComponents);
    for (let i = 0; i < p.shape.length; i++) {
      expect(p.shapeScaled[i]).toBe(Math.fround((p.shape[i] ?? NaN) * (MODEL.shapeSd[i] ?? NaN)));
    }
    expect(p.tex).toHaveLength(5);
    p.tex.forEach((band, b) => {
      expect(band).toHaveLength(TINY_PRESET.textureComponents);
      for (let i = 0; i < band.length; i++) {
        expect(p.texScaled[b]?.[i]).toBe(Math.fround((band[i] ?? NaN) * (MODEL.textureSd[b]?.[i] ?? NaN)));
      }
    });
    // Raw draws really are spread (sd 1), not constant.
    expect(new Set(p.shape).size).toBe(p.shape.length);
  });

  it('draws demographics from the spec: integer ages in range, allowed genders and ethnicities', () => {
    const spec = withSpec(TINY_PRESET, { genders: ['F'], ethnicities: ['BA', 'EA'], age: { min: 30, max: 33 } });
    const ages = new Set<number>();
    const ethns = new Set<string>();
    for (let id = 0; id < 60; id++) {
      const p = sampleIdentity(spec, id, MODEL);
      expect(Number.isInteger(p.age)).toBe(true);
      expect(p.age).toBeGreaterThanOrEqual(30);
      expect(p.age).toBeLessThanOrEqual(33);
      expect(p.gender).toBe('F');
      expect(p.id).toBe(id);
      ages.add(p.age);
      ethns.add(p.ethn);
    }
    expect([...ages].sort()).toEqual([30, 31, 32, 33]);
    expect([...ethns].sort()).toEqual(['BA', 'EA']);
  });

  it('changes when only the seed changes', () => {
    const other = withSpec(TINY_PRESET, { seed: TINY_PRESET.seed + 1 });
    expect(sampleIdentity(other, 0, MODEL).shape).not.toEqual(sampleIdentity(TINY_PRESET, 0, MODEL).shape);
  });

  it('throws a clear GmfError when the model has fewer components than asked for', () => {
    const small: ComponentSds = { ...MODEL, shapeSd: decaying(50) };
    expect(() => sampleIdentity(DEFAULT_GENERATOR_SPEC, 0, small)).toThrow(/50 shape components.*100/);
    const shortBand: ComponentSds = { ...MODEL, textureSd: [...MODEL.textureSd.slice(0, 4), decaying(10)] };
    expect(() => sampleIdentity(DEFAULT_GENERATOR_SPEC, 0, shortBand)).toThrow(GmfError);
    expect(() => sampleIdentity(DEFAULT_GENERATOR_SPEC, 0, { ...MODEL, textureSd: MODEL.textureSd.slice(1) })).toThrow(
      /4 texture bands/,
    );
  });
});

describe('sampleVariation', () => {
  it('is reproducible and independent of other variations', () => {
    const a = sampleVariation(TINY_PRESET, 2, 3);
    for (let v = 0; v < 3; v++) sampleVariation(TINY_PRESET, 2, v);
    expect(sampleVariation(TINY_PRESET, 2, 3)).toEqual(a);
  });

  it('draws integer angles within their ranges, emotions from the spec, bg = variation index', () => {
    const spec = withSpec(TINY_PRESET, { identities: 4, variationsPerIdentity: 50, emotions: ['sad', 'fear'] });
    const emos = new Set<string>();
    for (let id = 0; id < 4; id++) {
      for (let v = 0; v < 50; v++) {
        const p = sampleVariation(spec, id, v);
        expect(p.bg).toBe(v);
        emos.add(p.emo);
        for (const k of POSE_PARAMS) {
          expect(Number.isInteger(p[k])).toBe(true);
          expect(p[k]).toBeGreaterThanOrEqual(spec.ranges[k].min);
          expect(p[k]).toBeLessThanOrEqual(spec.ranges[k].max);
        }
      }
    }
    expect([...emos].sort()).toEqual(['fear', 'sad']);
  });

  it('gives an all-zero pose when every range is 0..0', () => {
    const spec = withSpec(DEFAULT_GENERATOR_SPEC, { variationsPerIdentity: 5 });
    for (let v = 0; v < 5; v++) {
      const p = sampleVariation(spec, 1, v);
      for (const k of POSE_PARAMS) expect(p[k]).toBe(0);
    }
  });

  it('changes when only the seed changes', () => {
    const other = withSpec(TINY_PRESET, { seed: 7 });
    expect(sampleVariation(other, 0, 0)).not.toEqual(sampleVariation(TINY_PRESET, 0, 0));
  });

  it('rejects a variation index past the spec and an invalid spec', () => {
    expect(() => sampleVariation(TINY_PRESET, 0, TINY_PRESET.variationsPerIdentity)).toThrow(GmfError);
    expect(() => sampleVariation(withSpec(TINY_PRESET, { emotions: [] }), 0, 0)).toThrow(/emotion/);
  });
});

describe('yaw on a grid (yawViews)', () => {
  it('leaves draws unchanged without the field (existing datasets stay byte-identical)', () => {
    // Recorded from the generator before yawViews existed.
    expect(sampleVariation(TINY_PRESET, 2, 3)).toEqual({
      xr: 18,
      yr: -3,
      zr: -3,
      xt: -88,
      yt: 10,
      zt: -56,
      xl: 54,
      yl: 4,
      zl: 0,
      emo: 'fear',
      bg: 3,
    });
    expect(sampleVariation(TINY_PRESET, 0, 0)).toMatchObject({ xr: -23, yr: 2, xl: 15, yl: 48, emo: 'fear' });
  });

  it('puts variation v of every identity at view v mod yawViews, evenly spaced over the yaw range', () => {
    const spec = withSpec(TINY_PRESET, {
      variationsPerIdentity: 10,
      yawViews: 4,
      ranges: { ...TINY_PRESET.ranges, yr: { min: -30, max: 30 } },
    });
    for (let id = 0; id < 3; id++) {
      const yaws = Array.from({ length: 10 }, (_, v) => sampleVariation(spec, id, v).yr);
      expect(yaws).toEqual([-30, -10, 10, 30, -30, -10, 10, 30, -30, -10]);
    }
  });

  it('changes yaw only: every other value is the one drawn without the grid', () => {
    const grid = withSpec(TINY_PRESET, { yawViews: 3 });
    for (let v = 0; v < TINY_PRESET.variationsPerIdentity; v++) {
      const { yr: gridYaw, ...rest } = sampleVariation(grid, 5, v);
      const { yr: drawnYaw, ...drawn } = sampleVariation(TINY_PRESET, 5, v);
      expect(rest).toEqual(drawn);
      expect(gridYaw).toBe([-30, 0, 30][v % 3]);
      expect(Number.isInteger(drawnYaw)).toBe(true);
    }
  });

  it('gives the mirror-symmetry preset exactly mirrored views: -90..90 in 22.5° steps for every identity', () => {
    const spec = MIRROR_SYMMETRY_PRESET;
    for (const id of [0, 17, 63]) {
      const yaws = Array.from({ length: 9 }, (_, v) => sampleVariation(spec, id, v).yr);
      expect(yaws).toEqual([-90, -67.5, -45, -22.5, 0, 22.5, 45, 67.5, 90]);
      for (let v = 0; v < 9; v++) expect((yaws[v] ?? NaN) + (yaws[8 - v] ?? NaN)).toBe(0);
      for (let v = 0; v < 9; v++) {
        const p = sampleVariation(spec, id, v);
        for (const k of POSE_PARAMS) if (k !== 'yr') expect(p[k]).toBe(0);
        expect(p.emo).toBe('neutral');
      }
    }
  });

  it('keeps streamed variations (drawn at a random variation index) on the grid', () => {
    const rng = createRng(1, 'stream-test');
    for (let i = 0; i < 20; i++) {
      const v = rng.int(0, 8);
      expect(drawVariation(MIRROR_SYMMETRY_PRESET, rng, v).yr).toBe(-90 + 22.5 * v);
    }
  });
});
