import { describe, expect, it } from 'vitest';
import { CAMERA } from '../render/camera';
import { effectiveTranslation, pipelineCamera } from '../render/pose';
import {
  assertValidGeneratorSpec,
  BINOCULAR_112_PRESET,
  DEFAULT_GENERATOR_SPEC,
  type GeneratorSpec,
  MIRROR_SYMMETRY_PRESET,
  TINY_PRESET,
  validateGeneratorSpec,
} from './generatorSpec';
import { CAMERA_GEOMETRY, FACE_DEPTH_MM, halfFrameAt, maxSideTranslation } from './plausibleRanges';
import { Vector3 } from 'three';

function specWith(patch: (s: GeneratorSpec) => void): GeneratorSpec {
  const spec = structuredClone(DEFAULT_GENERATOR_SPEC) as GeneratorSpec;
  patch(spec);
  return spec;
}

/** The issue of `spec` on `field` (and that it is the only field with one). */
function onlyIssue(spec: GeneratorSpec, field: string): string {
  const issues = validateGeneratorSpec(spec);
  expect(issues.map((i) => i.field)).toEqual([field]);
  return issues[0]?.message ?? '';
}

describe('plausible generator settings (issue 14 section 1)', () => {
  it('agrees with the render camera it restates', () => {
    expect(CAMERA_GEOMETRY).toEqual({ fovDegrees: CAMERA.fovDegrees, near: CAMERA.near, far: CAMERA.far });
    expect(FACE_DEPTH_MM).toEqual({ min: 220, max: 880 });
  });

  it('keeps every preset valid', () => {
    for (const p of [DEFAULT_GENERATOR_SPEC, BINOCULAR_112_PRESET, TINY_PRESET, MIRROR_SYMMETRY_PRESET])
      expect(validateGeneratorSpec(p)).toEqual([]);
  });

  it.each<[string, (s: GeneratorSpec) => void, string, RegExp]>([
    ['age max 100000', (s) => (s.age = { min: 25, max: 100000 }), 'age', /between 0 and 100 years.*got 25\.\.100000/],
    ['negative age', (s) => (s.age = { min: -5, max: 25 }), 'age', /between 0 and 100 years/],
    ['rotation 1e9', (s) => (s.ranges.yr = { min: -1e9, max: 1e9 }), 'ranges.yr', /within ±180°.*repeats a view/],
    ['light rotation 200', (s) => (s.ranges.xl = { min: 0, max: 200 }), 'ranges.xl', /within ±180°/],
    ['shape SD 1e308', (s) => (s.shape = { mu: 0, sd: 1e308 }), 'shape.sd', /between 0 and 5.*got 1e\+308/],
    ['texture SD 6', (s) => (s.texture = { mu: 0, sd: 6 }), 'texture.sd', /between 0 and 5/],
    ['shape mean 50', (s) => (s.shape = { mu: 50, sd: 1 }), 'shape.mu', /within ±5/],
    ['camera distance 1e12', (s) => (s.cameraDistance = 1e12), 'cameraDistance', /between 220 and 880 mm/],
    ['camera distance 150 (face in the near plane)', (s) => (s.cameraDistance = 150), 'cameraDistance', /nearer/],
    ['translation z 5000', (s) => (s.ranges.zt = { min: 0, max: 5000 }), 'ranges.zt', /z from -480 to 180 mm.*behind/],
    ['translation z -600 (beyond far)', (s) => (s.ranges.zt = { min: -600, max: 0 }), 'ranges.zt', /-480/],
    ['translation x 1000', (s) => (s.ranges.xt = { min: -1000, max: 0 }), 'ranges.xt', /inside the picture.*±186 mm/],
    ['translation y 300', (s) => (s.ranges.yt = { min: 0, max: 300 }), 'ranges.yt', /inside the picture/],
    ['identities 1e9', (s) => (s.identities = 1e9), 'identities', /At most 100,000 identities/],
    ['variations 1e6', (s) => (s.variationsPerIdentity = 1e6), 'variationsPerIdentity', /At most 100,000/],
    [
      '1000 x 2000 images',
      (s) => ((s.identities = 1000), (s.variationsPerIdentity = 2000)),
      'variationsPerIdentity',
      /2,000,000 images.*storage/,
    ],
    ['a 10,000-character name', (s) => (s.name = 'n'.repeat(10_000)), 'name', /at most 80 characters/],
  ])('refuses %s, saying why', (_label, patch, field, message) => {
    expect(onlyIssue(specWith(patch), field)).toMatch(message);
  });

  it('refuses NaN and Infinity everywhere a number goes', () => {
    expect(
      onlyIssue(
        specWith((s) => (s.shape = { mu: Number.NaN, sd: 1 })),
        'shape.mu',
      ),
    ).toMatch(/number/);
    expect(
      onlyIssue(
        specWith((s) => (s.texture = { mu: 0, sd: Infinity })),
        'texture.sd',
      ),
    ).toMatch(/SD/);
    expect(
      onlyIssue(
        specWith((s) => (s.cameraDistance = Number.NaN)),
        'cameraDistance',
      ),
    ).toMatch(/number/);
    expect(
      onlyIssue(
        specWith((s) => (s.ranges.zr = { min: -Infinity, max: 0 })),
        'ranges.zr',
      ),
    ).toMatch(/whole/);
    expect(
      onlyIssue(
        specWith((s) => (s.age = { min: 25, max: Number.NaN })),
        'age',
      ),
    ).toMatch(/whole/);
  });

  it('refuses a name already taken, offering a free one, only when the caller names the taken ones', () => {
    const spec = specWith((s) => (s.name = 'faces'));
    expect(validateGeneratorSpec(spec)).toEqual([]);
    expect(validateGeneratorSpec(spec, ['faces'])[0]?.message).toMatch(
      /already a dataset called 'faces'.*'faces \(2\)'/,
    );
  });

  it('lets a stored spec with an overlong legacy name still make images', () => {
    const legacy = specWith((s) => (s.name = 'n'.repeat(10_000)));
    expect(() => {
      assertValidGeneratorSpec(legacy);
    }).not.toThrow();
  });

  it('accepts the edges: age 0..100, rotations ±180, z up to the near limit', () => {
    const edges = specWith((s) => {
      s.age = { min: 0, max: 100 };
      s.ranges.xr = { min: -180, max: 180 };
      s.ranges.zt = { min: -480, max: 180 };
      s.ranges.xt = { min: -100, max: 100 };
      s.shape = { mu: -5, sd: 5 };
    });
    expect(validateGeneratorSpec(edges)).toEqual([]);
  });

  it('the side limit keeps the face centre inside the picture (checked with the real camera)', () => {
    for (const [distance, zt] of [
      [400, { min: -100, max: 100 }],
      [300, { min: 0, max: 50 }],
      [800, { min: -50, max: 300 }],
    ] as const) {
      const side = maxSideTranslation(distance, zt);
      for (const z of [zt.min, zt.max]) {
        const camera = pipelineCamera([0, 0, 0], 1, 0, distance);
        const [x, , tz] = effectiveTranslation({ xr: 0, yr: 0, zr: 0, xt: side, yt: 0, zt: z });
        const ndc = new Vector3(x, 0, tz).project(camera);
        expect(Math.abs(ndc.x)).toBeLessThanOrEqual(1);
        const beyond = effectiveTranslation({ xr: 0, yr: 0, zr: 0, xt: side + 2, yt: 0, zt: z });
        expect(halfFrameAt(distance - z)).toBeGreaterThan(0);
        // At the worse end of the z range one more step would leave the picture.
        if (maxSideTranslation(distance, { min: z, max: z }) === side)
          expect(Math.abs(new Vector3(beyond[0], 0, beyond[2]).project(camera).x)).toBeGreaterThan(1);
      }
    }
  });
});
