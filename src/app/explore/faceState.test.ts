import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FACE_STATE,
  decodeFaceState,
  decodeFaceStateChecked,
  encodeFaceState,
  type FaceState,
  identityOf,
  randomIdentityState,
} from './faceState';

const custom: FaceState = {
  ...DEFAULT_FACE_STATE,
  identity: 17,
  gender: 'M',
  ethn: 'BA',
  age: 61,
  shape: [1.25, -0.5, 0, 0, 2, 0],
  tex: [0.5, 0, 0, -1, 0],
  emo: 'surprise',
  intensity: 0.7,
  actionUnits: { AU12: 0.4, AU43: 1 },
  pose: { xr: -10, yr: 25, zr: 3, xt: 40, yt: -20, zt: 60 },
  light: { xl: -45, yl: 90, zl: 0 },
  lightLevels: { ambient: 0.2, directional: 3.5 },
  background: false,
  backgroundIndex: 200,
  binocular: true,
  resolution: 64,
  renderScale: 2,
};

describe('Explore face state in the URL', () => {
  it('round-trips every field', () => {
    const text = encodeFaceState(custom);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeFaceState(text)).toEqual(custom);
  });

  it('falls back to defaults for garbage, and per field for malformed values', () => {
    expect(decodeFaceState('%%%not base64')).toEqual(DEFAULT_FACE_STATE);
    expect(decodeFaceState(btoa('[1,2,3]'))).toEqual(DEFAULT_FACE_STATE);
    const hostile = btoa(
      JSON.stringify({
        gender: 'X',
        age: 1e9,
        emo: '__proto__',
        shape: ['a', 99],
        pose: { xr: 'NaN', yr: -1e6 },
        resolution: 5000,
        actionUnits: { AU12: 5, AU99: 1 },
        identity: -3,
      }),
    );
    const state = decodeFaceState(hostile);
    expect(state.gender).toBe(DEFAULT_FACE_STATE.gender);
    expect(state.age).toBe(90);
    expect(state.emo).toBe('neutral');
    expect(state.shape.slice(0, 2)).toEqual([0, 10]);
    expect(state.pose.xr).toBe(0);
    expect(state.pose.yr).toBe(-200);
    expect(state.resolution).toBe(DEFAULT_FACE_STATE.resolution);
    expect(state.actionUnits).toEqual({ AU12: 1 });
    expect(state.identity).toBeNull();
  });

  it('reads a link made before models were named as the procedural model, and keeps a named model', () => {
    const old = decodeFaceState(btoa(JSON.stringify({ gender: 'M', age: 40 })));
    expect(old.model).toBe('gmf-procedural');
    expect(DEFAULT_FACE_STATE.model).toBe('ict-facekit');
    expect(
      decodeFaceState(encodeFaceState({ ...DEFAULT_FACE_STATE, model: 'ict-facekit', hair: 'short' })),
    ).toMatchObject({ model: 'ict-facekit', hair: 'short' });
    expect(decodeFaceState(btoa(JSON.stringify({ model: 'nope' }))).model).toBe('gmf-procedural');
  });
});

describe('a crafted Explore URL', () => {
  const draw = {
    seed: 3,
    id: 1,
    shapeComponents: 50,
    textureComponents: 10,
    shape: { mu: 0, sd: 1 },
    texture: { mu: 0, sd: 1 },
    age: { min: 20, max: 60 },
    genders: ['F', 'M'],
    ethnicities: ['WC'],
  };
  const link = (value: object) => btoa(JSON.stringify({ ...DEFAULT_FACE_STATE, ...value }));

  it('drops a dataset draw with age minimum 90 above maximum 10, says so, and the face still draws', () => {
    const { state, ignored } = decodeFaceStateChecked(link({ draw: { ...draw, age: { min: 90, max: 10 } } }));
    expect(state.draw).toBeNull();
    expect(ignored).toEqual(['the dataset draw (its age minimum 90 is above its maximum 10)']);
    expect(() => identityOf(state, 50, 10)).not.toThrow();
  });

  it('drops draws the generator would refuse (ages beyond 0..100, SD 1e308) and keeps a plausible one', () => {
    expect(decodeFaceStateChecked(link({ draw: { ...draw, age: { min: 20, max: 500 } } })).ignored[0]).toMatch(
      /^the dataset draw \(its ages 20\.\.500 are not whole years within 0\.\.100\)$/,
    );
    expect(decodeFaceStateChecked(link({ draw: { ...draw, shape: { mu: 0, sd: 1e308 } } })).state.draw).toBeNull();
    const kept = decodeFaceStateChecked(link({ draw }));
    expect(kept.ignored).toEqual([]);
    expect(kept.state.draw).toEqual(draw);
  });

  it('names every other field not taken as written, and nothing for an app-made link', () => {
    expect(decodeFaceStateChecked(encodeFaceState(custom)).ignored).toEqual([]);
    expect(decodeFaceStateChecked(link({ age: 1e9, gender: 'X' })).ignored).toEqual([
      'gender ("X")',
      'age (1000000000)',
    ]);
    // Camera distances the generator refuses (the head would be cut off) are not taken either.
    expect(decodeFaceStateChecked(link({ cameraDistance: 880 })).ignored).toEqual([]);
    expect(decodeFaceStateChecked(link({ cameraDistance: 150 })).ignored).toEqual(['cameraDistance (150)']);
    expect(decodeFaceStateChecked(link({ cameraDistance: 950 })).state.cameraDistance).toBe(880);
    expect(decodeFaceStateChecked('%%%').ignored).toEqual([
      'the whole face (the link’s f= value is not a readable face)',
    ]);
  });
});

describe('identity composition', () => {
  it('is the mean face (all zeros) with sliders at zero and no identity', () => {
    const id = identityOf(DEFAULT_FACE_STATE, 50, 10);
    expect(Array.from(id.shape).every((v) => v === 0)).toBe(true);
    expect(id.tex.every((band) => Array.from(band).every((v) => v === 0))).toBe(true);
  });

  it('puts slider values in the first components and a seeded draw after them', () => {
    const a = identityOf(custom, 50, 10);
    const b = identityOf(custom, 50, 10);
    expect(Array.from(a.shape).slice(0, 6)).toEqual(custom.shape.map(Math.fround));
    expect(a.tex.map((band) => band[0])).toEqual(custom.tex);
    expect(Array.from(a.shape)).toEqual(Array.from(b.shape));
    expect(a.shape[10]).not.toBe(0);
    expect(identityOf({ ...custom, identity: 18 }, 50, 10).shape[10]).not.toBe(a.shape[10]);
  });

  it('starts a random identity from its own first components', () => {
    const next = randomIdentityState(DEFAULT_FACE_STATE, 5, 50, 10);
    const full = identityOf({ ...next, shape: [], tex: [] }, 50, 10);
    next.shape.forEach((v, i) => {
      expect(v).toBeCloseTo(full.shape[i] ?? NaN, 2);
    });
    expect(randomIdentityState(DEFAULT_FACE_STATE, 5, 50, 10)).toEqual(next);
  });
});
