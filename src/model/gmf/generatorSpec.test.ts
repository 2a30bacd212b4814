import { describe, expect, it } from 'vitest';
import type { GeneratorSpec } from './generatorSpec';
import {
  faceModelOf,
  BINOCULAR_112_PRESET,
  DEFAULT_GENERATOR_SPEC,
  EMOTIONS,
  GeneratorSpecError,
  MIRROR_SYMMETRY_PRESET,
  POSE_PARAMS,
  TINY_PRESET,
  assertValidGeneratorSpec,
  validateGeneratorSpec,
  yawGridAngle,
} from './generatorSpec';

/** A mutable copy of the defaults with some fields changed. */
function specWith(patch: (s: GeneratorSpec) => void): GeneratorSpec {
  const spec = structuredClone(DEFAULT_GENERATOR_SPEC) as GeneratorSpec;
  patch(spec);
  return spec;
}

function fieldsOf(spec: GeneratorSpec): string[] {
  return validateGeneratorSpec(spec).map((i) => i.field);
}

describe('generator spec defaults (DESIGN.md section 6)', () => {
  it('matches the original generator', () => {
    const d = DEFAULT_GENERATOR_SPEC;
    expect([d.identities, d.variationsPerIdentity, d.addBackground, d.resolution, d.format]).toEqual([
      256,
      1,
      false,
      256,
      'png',
    ]);
    expect(d.genders).toEqual(['M', 'F']);
    expect(d.ethnicities).toEqual(['WC', 'EA']);
    expect(d.age).toEqual({ min: 25, max: 25 });
    expect(d.shape).toEqual({ mu: 0, sd: 1 });
    expect(d.texture).toEqual({ mu: 0, sd: 1 });
    for (const p of POSE_PARAMS) expect(d.ranges[p]).toEqual({ min: 0, max: 0 });
    expect([d.cameraDistance, d.renderScale, d.binocular]).toEqual([400, 4, false]);
    expect(d.emotions).toEqual(['happy', 'surprise', 'fear', 'disgust', 'anger', 'sad', 'neutral']);
    expect([d.shapeComponents, d.textureComponents]).toEqual([100, 100]);
  });

  it('sets the worked example as the binocular 112 preset', () => {
    const p = BINOCULAR_112_PRESET;
    expect([p.identities, p.variationsPerIdentity, p.resolution, p.format]).toEqual([1, 256, 112, 'jpg']);
    expect([p.addBackground, p.binocular]).toEqual([true, true]);
    expect(p.age).toEqual({ min: 25, max: 50 });
    for (const k of ['xr', 'yr', 'zr'] as const) expect(p.ranges[k]).toEqual({ min: -30, max: 30 });
    for (const k of ['xt', 'yt', 'zt'] as const) expect(p.ranges[k]).toEqual({ min: -100, max: 100 });
    for (const k of ['xl', 'yl'] as const) expect(p.ranges[k]).toEqual({ min: -90, max: 90 });
    expect(p.ranges.zl).toEqual({ min: 0, max: 0 });
  });

  it('validates the defaults and both presets clean', () => {
    expect(validateGeneratorSpec(DEFAULT_GENERATOR_SPEC)).toEqual([]);
    expect(validateGeneratorSpec(BINOCULAR_112_PRESET)).toEqual([]);
    expect(validateGeneratorSpec(TINY_PRESET)).toEqual([]);
    expect([TINY_PRESET.identities, TINY_PRESET.variationsPerIdentity, TINY_PRESET.resolution]).toEqual([12, 4, 64]);
  });

  it('freezes presets so shared arrays cannot be edited by accident', () => {
    expect(() => (DEFAULT_GENERATOR_SPEC.genders as string[]).push('X')).toThrow(TypeError);
    expect(DEFAULT_GENERATOR_SPEC.genders).toEqual(['M', 'F']);
  });
});

describe('validateGeneratorSpec', () => {
  it.each<[string, (s: GeneratorSpec) => void, string]>([
    ['min above max in a range', (s) => (s.ranges.yr = { min: 10, max: -10 }), 'ranges.yr'],
    ['min above max in age', (s) => (s.age = { min: 50, max: 25 }), 'age'],
    ['a non-integer range end', (s) => (s.ranges.xt = { min: -1.5, max: 2 }), 'ranges.xt'],
    ['zero identities', (s) => (s.identities = 0), 'identities'],
    ['fractional identities', (s) => (s.identities = 2.5), 'identities'],
    ['negative variations', (s) => (s.variationsPerIdentity = -1), 'variationsPerIdentity'],
    ['resolution below 16', (s) => (s.resolution = 8), 'resolution'],
    ['resolution above 1024', (s) => (s.resolution = 2048), 'resolution'],
    ['no genders', (s) => (s.genders = []), 'genders'],
    ['no ethnicities', (s) => (s.ethnicities = []), 'ethnicities'],
    ['no emotions', (s) => (s.emotions = []), 'emotions'],
    ['zero shape components', (s) => (s.shapeComponents = 0), 'shapeComponents'],
    ['too many texture components', (s) => (s.textureComponents = 395), 'textureComponents'],
    ['negative texture sd', (s) => (s.texture = { mu: 0, sd: -1 }), 'texture.sd'],
    ['non-integer seed', (s) => (s.seed = 0.5), 'seed'],
    ['zero camera distance', (s) => (s.cameraDistance = 0), 'cameraDistance'],
  ])('reports %s on its field', (_label, patch, field) => {
    const issues = validateGeneratorSpec(specWith(patch));
    expect(issues.map((i) => i.field)).toEqual([field]);
    expect(issues[0]?.message.length).toBeGreaterThan(10);
  });

  it('allows 256 variations with backgrounds but not 257 (one background each)', () => {
    const ok = specWith((s) => ((s.addBackground = true), (s.variationsPerIdentity = 256)));
    expect(fieldsOf(ok)).toEqual([]);
    const tooMany = specWith((s) => ((s.addBackground = true), (s.variationsPerIdentity = 257)));
    const issues = validateGeneratorSpec(tooMany);
    expect(issues.map((i) => i.field)).toEqual(['variationsPerIdentity']);
    expect(issues[0]?.message).toMatch(/at most 256 variations/);
    expect(fieldsOf(specWith((s) => (s.variationsPerIdentity = 257)))).toEqual([]);
  });

  it('catches values from saved JSON that the types rule out', () => {
    const bad = specWith((s) => {
      Object.assign(s, { format: 'gif', genders: ['M', 'X'] });
      s.emotions = [...EMOTIONS, 'happy'];
    });
    expect(fieldsOf(bad)).toEqual(['format', 'genders', 'emotions']);
  });

  it('assertValidGeneratorSpec throws a GeneratorSpecError carrying every issue', () => {
    const spec = specWith((s) => ((s.identities = 0), (s.resolution = 4)));
    expect(() => {
      assertValidGeneratorSpec(spec);
    }).toThrow(GeneratorSpecError);
    try {
      assertValidGeneratorSpec(spec);
    } catch (e) {
      expect((e as GeneratorSpecError).issues.map((i) => i.field)).toEqual(['identities', 'resolution']);
      expect((e as GeneratorSpecError).code).toBe('INVALID_GENERATOR_SPEC');
    }
  });

  it('names the face model: the scan-based one by default, its own component limits, the procedural one for old specs', () => {
    expect(faceModelOf(DEFAULT_GENERATOR_SPEC)).toEqual({ id: 'ict-facekit', version: 1 });
    const old = specWith((s) => {
      delete s.faceModel;
      delete s.faceModelVersion;
    });
    expect(faceModelOf(old)).toEqual({ id: 'gmf-procedural', version: 1 });
    expect(fieldsOf(specWith((s) => (s.shapeComponents = 101)))).toEqual(['shapeComponents']);
    expect(validateGeneratorSpec(specWith((s) => (s.shapeComponents = 101)))[0]?.message).toContain('has 100');
    expect(
      fieldsOf(
        specWith((s) => ((s.faceModel = 'gmf-procedural'), (s.faceModelVersion = 1), (s.shapeComponents = 394))),
      ),
    ).toEqual([]);
    expect(fieldsOf(specWith((s) => Object.assign(s, { faceModel: 'basel' })))).toEqual(['faceModel']);
    expect(validateGeneratorSpec(specWith((s) => (s.faceModelVersion = 9)))[0]?.message).toMatch(
      /version 9 .* this app has version 1/,
    );
    expect(fieldsOf(specWith((s) => Object.assign(s, { hair: 'long' })))).toEqual(['hair']);
  });
});

describe('yaw views on a grid', () => {
  it('the mirror-symmetry preset: 64 identities x 9 views over -90..90, nothing else varying', () => {
    const p = MIRROR_SYMMETRY_PRESET;
    expect(validateGeneratorSpec(p)).toEqual([]);
    expect([p.identities, p.variationsPerIdentity, p.yawViews, p.resolution]).toEqual([64, 9, 9, 64]);
    expect(p.ranges.yr).toEqual({ min: -90, max: 90 });
    for (const k of POSE_PARAMS) if (k !== 'yr') expect(p.ranges[k]).toEqual({ min: 0, max: 0 });
    expect(p.emotions).toEqual(['neutral']);
    expect([p.addBackground, p.binocular]).toEqual([false, false]);
  });

  it('spaces views evenly with both ends included, exactly mirrored for a symmetric range', () => {
    expect(Array.from({ length: 5 }, (_, v) => yawGridAngle({ min: -40, max: 80 }, 5, v))).toEqual([
      -40, -10, 20, 50, 80,
    ]);
    for (const views of [2, 3, 7, 9, 11, 13]) {
      const angle = (v: number) => yawGridAngle({ min: -50, max: 50 }, views, v);
      for (let v = 0; v < views; v++) expect(angle(v) + angle(views - 1 - v)).toBe(0);
    }
    expect(yawGridAngle({ min: -90, max: 90 }, 9, 12)).toBe(-22.5);
  });

  it.each<[string, (s: GeneratorSpec) => void, RegExp]>([
    ['one view', (s) => ((s.yawViews = 1), (s.variationsPerIdentity = 9)), /2 or more/],
    ['a fractional count', (s) => ((s.yawViews = 2.5), (s.variationsPerIdentity = 9)), /whole number/],
    [
      'zero (the form sends absent instead)',
      (s) => ((s.yawViews = 0), (s.variationsPerIdentity = 9)),
      /0 for random yaw/,
    ],
    [
      'more views than variations',
      (s) => ((s.yawViews = 9), (s.variationsPerIdentity = 8)),
      /at least 9 variations per identity/,
    ],
    [
      'no yaw range to spread them over',
      (s) => ((s.yawViews = 3), (s.variationsPerIdentity = 3), (s.ranges.yr = { min: 10, max: 10 })),
      /minimum below its maximum/,
    ],
  ])('reports %s on yawViews', (_label, patch, message) => {
    const issues = validateGeneratorSpec(
      specWith((s) => {
        s.ranges.yr = { min: -30, max: 30 };
        patch(s);
      }),
    );
    expect(issues.map((i) => i.field)).toEqual(['yawViews']);
    expect(issues[0]?.message).toMatch(message);
  });

  it('accepts a spec without the field and one with a valid grid', () => {
    expect(
      fieldsOf(
        specWith((s) => ((s.yawViews = 4), (s.variationsPerIdentity = 8), (s.ranges.yr = { min: -45, max: 45 }))),
      ),
    ).toEqual([]);
    expect('yawViews' in DEFAULT_GENERATOR_SPEC).toBe(false);
  });
});
