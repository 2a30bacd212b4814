import { describe, expect, it } from 'vitest';
import { DEFAULT_FACE_STATE, type FaceState, identityOf } from './faceState';
import { lerp, MorphError, morphFaces, type PinnedFace } from './morph';

const SHAPES = 12;
const TEXTURES = 4;

function pinned(state: FaceState): PinnedFace {
  return { state, identity: identityOf(state, SHAPES, TEXTURES) };
}

const A = pinned({
  ...DEFAULT_FACE_STATE,
  identity: 3,
  gender: 'F',
  age: 24,
  shape: [1, 0, -1, 0, 0.5, 0],
  emo: 'happy',
  intensity: 0.8,
  actionUnits: { AU12: 0.4 },
  pose: { xr: 5, yr: -30, zr: 0, xt: 0, yt: 10, zt: 0 },
  light: { xl: -20, yl: 20, zl: 0 },
  hair: 'none',
});
const B = pinned({
  ...DEFAULT_FACE_STATE,
  identity: 9,
  gender: 'M',
  ethn: 'EA',
  age: 70,
  shape: [-1, 2, 0, 0, 0, 1],
  emo: 'sad',
  intensity: 0.2,
  actionUnits: { AU4: 1 },
  gaze: { x: 0.5, y: -0.5 },
  pose: { xr: -5, yr: 30, zr: 10, xt: 4, yt: 0, zt: -20 },
  light: { xl: 40, yl: -20, zl: 10 },
  hair: 'short',
});

describe('morphFaces', () => {
  it('gives A exactly at t = 0 and B exactly at t = 1', () => {
    expect(morphFaces(A, B, 0)).toEqual({
      state: A.state,
      identity: { ...A.identity, shape: Array.from(A.identity.shape), tex: A.identity.tex.map((b) => Array.from(b)) },
    });
    expect(morphFaces(A, B, 1)).toEqual({
      state: B.state,
      identity: { ...B.identity, shape: Array.from(B.identity.shape), tex: B.identity.tex.map((b) => Array.from(b)) },
    });
  });

  it('gives the mean of every continuous parameter at t = 0.5, and B’s categorical ones', () => {
    const { state, identity } = morphFaces(A, B, 0.5);
    const mean = (a: number, b: number) => (a + b) / 2;
    for (let i = 0; i < SHAPES; i++)
      expect(identity.shape[i]).toBeCloseTo(mean(A.identity.shape[i] ?? NaN, B.identity.shape[i] ?? NaN), 12);
    for (let band = 0; band < A.identity.tex.length; band++)
      for (let i = 0; i < TEXTURES; i++)
        expect(identity.tex[band]?.[i]).toBeCloseTo(
          mean(A.identity.tex[band]?.[i] ?? NaN, B.identity.tex[band]?.[i] ?? NaN),
          12,
        );
    expect(identity.age).toBe(47);
    expect(state.age).toBe(47);
    expect(state.intensity).toBeCloseTo(0.5, 12);
    expect(state.pose).toEqual({ xr: 0, yr: 0, zr: 5, xt: 2, yt: 5, zt: -10 });
    expect(state.light).toEqual({ xl: 10, yl: 0, zl: 5 });
    expect(state.gaze).toEqual({ x: 0.25, y: -0.25 });
    // An AU only one face uses is 0 on the other.
    expect(state.actionUnits).toEqual({ AU12: 0.2, AU4: 0.5 });
    expect(state.shape).toEqual([0, 1, -0.5, 0, 0.25, 0.5]);
    // Categorical settings switch to B at t = 0.5 (A's just below).
    expect([state.gender, state.ethn, state.emo, state.hair, identity.gender]).toEqual([
      'M',
      'EA',
      'sad',
      'short',
      'M',
    ]);
    const before = morphFaces(A, B, 0.49);
    expect([before.state.gender, before.state.emo, before.state.hair, before.identity.gender]).toEqual([
      'F',
      'happy',
      'none',
      'F',
    ]);
  });

  it('is linear in t', () => {
    const quarter = morphFaces(A, B, 0.25);
    expect(quarter.state.pose.yr).toBeCloseTo(lerp(-30, 30, 0.25), 12);
    expect(quarter.identity.shape[7]).toBeCloseTo(
      0.75 * (A.identity.shape[7] ?? NaN) + 0.25 * (B.identity.shape[7] ?? NaN),
      12,
    );
  });

  it('refuses t outside 0..1 and faces of two models', () => {
    expect(() => morphFaces(A, B, 1.5)).toThrow(MorphError);
    const other = { ...B, state: { ...B.state, model: 'gmf-procedural' as const } };
    expect(() => morphFaces({ ...A, state: { ...A.state, model: 'ict-facekit' } }, other, 0.5)).toThrow(
      /different face models/,
    );
  });
});
