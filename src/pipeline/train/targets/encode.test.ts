import { describe, expect, it } from 'vitest';
import { encodeTarget, encodeTargets } from './encode';
import { buildTargetSpecs } from './targetSpecs';
import { makeRecord } from '../../../../test/support/trainTestRecords';

const TEX = [0, 1, 2, 3, 4].map((b) => [b + 0.1, b + 0.2, b + 0.3]);
const RECORDS = [
  makeRecord({
    id: 5,
    gender: 'F',
    emo: 'fear',
    bg: 2,
    pose: { xr: -30, xt: 12.5, yl: 90 },
    shape: [1, 2, 3],
    tex: TEX,
  }),
  makeRecord({
    id: 1,
    gender: 'M',
    emo: 'happy',
    bg: 0,
    pose: { xr: 15, xt: -100, yl: -45 },
    shape: [4, 5, 6],
    tex: TEX,
  }),
];

describe('encodeTargets', () => {
  it('one-hot encodes categories by their vocabulary index', () => {
    const [id, gender, emo, bg] = encodeTargets(
      buildTargetSpecs({ targets: ['id', 'gender', 'emo', 'bg'] }, RECORDS),
      RECORDS,
    );
    expect(id).toMatchObject({ name: 'id', rows: 2, units: 2 });
    expect(Array.from(id?.values ?? [])).toEqual([0, 1, 1, 0]); // classes ['1', '5']
    expect(Array.from(gender?.values ?? [])).toEqual([0, 1, 1, 0]); // ['M', 'F']
    expect(Array.from(emo?.values ?? [])).toEqual([0, 1, 1, 0]); // ['happy', 'fear']
    expect(Array.from(bg?.values ?? [])).toEqual([0, 1, 1, 0]); // ['0', '2']
  });

  it('takes the leading scaled shape coefficients', () => {
    const [shape] = encodeTargets(buildTargetSpecs({ targets: ['shape'], shapeComponents: 2 }, RECORDS), RECORDS);
    expect(Array.from(shape?.values ?? [])).toEqual([1, 2, 4, 5]);
  });

  it('interleaves tex component-major (unit c * 5 + b), as the original flattened bands x components transposed', () => {
    const [tex] = encodeTargets(buildTargetSpecs({ targets: ['tex'], texComponents: 2 }, RECORDS), RECORDS);
    const row = Array.from(tex?.values.subarray(0, 10) ?? []);
    const expected = [0.1, 1.1, 2.1, 3.1, 4.1, 0.2, 1.2, 2.2, 3.2, 4.2];
    row.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] ?? NaN, 6);
    });
    expect(tex?.values.length).toBe(20);
  });

  it('keeps angles in degrees and translations in millimetres', () => {
    const encoded = encodeTargets(buildTargetSpecs({ targets: ['xr', 'xt', 'yl'] }, RECORDS), RECORDS);
    expect(encoded.map((e) => Array.from(e.values))).toEqual([
      [-30, 15],
      [12.5, -100],
      [90, -45],
    ]);
  });

  it('rejects a class outside the vocabulary and records with too few coefficients', () => {
    const [idSpec, shapeSpec] = buildTargetSpecs({ targets: ['id', 'shape'], shapeComponents: 3 }, RECORDS);
    if (idSpec === undefined || shapeSpec === undefined) throw new Error('specs missing');
    expect(() => encodeTarget(idSpec, [makeRecord({ id: 7 })])).toThrow(/id 7, which is not among the 2 classes/);
    expect(() => encodeTarget(shapeSpec, [makeRecord({ id: 1, shape: [1, 2] })])).toThrow(/fewer shape coefficients/);
  });
});
