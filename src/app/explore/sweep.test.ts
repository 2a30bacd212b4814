import { describe, expect, it } from 'vitest';
import { DEFAULT_FACE_STATE } from './faceState';
import {
  formatSweepValue,
  SWEEP_FACTORS,
  SweepError,
  sweepFaces,
  sweepFactor,
  sweepRangeProblem,
  sweepValues,
} from './sweep';

describe('sweepValues', () => {
  it('matches the closed form from + (to − from)·i/(count − 1), endpoints included', () => {
    for (const [from, to, count] of [
      [-30, 30, 7],
      [0, 1, 5],
      [0.1, 0.7, 4],
      [2, -3, 9],
    ] as const) {
      const values = sweepValues(from, to, count);
      expect(values).toHaveLength(count);
      values.forEach((v, i) => {
        expect(v).toBeCloseTo(from + ((to - from) * i) / (count - 1), 12);
      });
      // The ends are the given numbers exactly, not within rounding.
      expect(values[0]).toBe(from);
      expect(values[count - 1]).toBe(to);
    }
    expect(sweepValues(-30, 30, 7)).toEqual([-30, -20, -10, 0, 10, 20, 30]);
  });

  it('refuses counts outside 2..15 and non-finite ends', () => {
    expect(() => sweepValues(0, 1, 1)).toThrow(SweepError);
    expect(() => sweepValues(0, 1, 16)).toThrow(/2 to 15/);
    expect(() => sweepValues(0, 1, 2.5)).toThrow(SweepError);
    expect(() => sweepValues(0, Number.NaN, 3)).toThrow(/finite/);
  });
});

describe('sweep factors', () => {
  it('set one factor and leave every other field of the face as it was', () => {
    const face = { ...DEFAULT_FACE_STATE, age: 44, actionUnits: { AU4: 0.3 } };
    for (const factor of SWEEP_FACTORS) {
      const value = (factor.from + factor.to) / 2 + 0.125;
      const changed = factor.set(face, value);
      expect(factor.get(changed)).toBe(value);
      // Setting it back gives the face again, field for field.
      expect(factor.set(changed, factor.get(face))).toEqual(
        factor.id.startsWith('au.') && !(factor.id.slice(3) in face.actionUnits)
          ? { ...face, actionUnits: { ...face.actionUnits, [factor.id.slice(3)]: 0 } }
          : face,
      );
      expect(factor.from).toBeGreaterThanOrEqual(factor.min);
      expect(factor.to).toBeLessThanOrEqual(factor.max);
    }
  });

  it('cover pose, light, age, identity components, emotion intensity, gaze and action units', () => {
    const ids = SWEEP_FACTORS.map((f) => f.id);
    for (const id of ['pose.yr', 'pose.xt', 'light.xl', 'age', 'shape.0', 'tex.4', 'intensity', 'gaze.x', 'au.AU12'])
      expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(() => sweepFactor('nope')).toThrow(SweepError);
  });

  it('sweepFaces makes one face per value, differing only in that factor', () => {
    const yaw = sweepFactor('pose.yr');
    const faces = sweepFaces(DEFAULT_FACE_STATE, yaw, sweepValues(-30, 30, 3));
    expect(faces.map((f) => f.pose.yr)).toEqual([-30, 0, 30]);
    expect(faces.map((f) => ({ ...f.pose, yr: 0 }))).toEqual([0, 1, 2].map(() => DEFAULT_FACE_STATE.pose));
  });

  it('sweepRangeProblem names a range outside the slider and an empty one', () => {
    const au = sweepFactor('au.AU12');
    expect(sweepRangeProblem(au, 0, 1)).toBeNull();
    expect(sweepRangeProblem(au, 0, 2)).toMatch(/runs from 0 to 1; 2 is outside/);
    expect(sweepRangeProblem(au, 0.5, 0.5)).toMatch(/same/);
  });
});

it('formatSweepValue rounds to two decimals with a real minus sign', () => {
  expect(formatSweepValue(-30, '°')).toBe('−30°');
  expect(formatSweepValue(1 / 3)).toBe('0.33');
  expect(formatSweepValue(0.5)).toBe('0.5');
  expect(formatSweepValue(-0.001)).toBe('0');
});
