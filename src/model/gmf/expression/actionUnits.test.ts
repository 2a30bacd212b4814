import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { ACTION_UNITS, applyActionUnits, buildActionUnits, ExpressionError } from './actionUnits';
import { vertexAt } from './contours';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const basis = buildActionUnits(mesh);
const displacementOf = (field: Float32Array, v: number): [number, number, number] => [
  field[3 * v] ?? 0,
  field[3 * v + 1] ?? 0,
  field[3 * v + 2] ?? 0,
];
const p = mesh.positions;
const dy = (au: (typeof ACTION_UNITS)[number], v: number): number => displacementOf(basis.fields[au], v)[1];
const dx = (au: (typeof ACTION_UNITS)[number], v: number): number => displacementOf(basis.fields[au], v)[0];
const gap = (positions: Float32Array, a: number, b: number): number =>
  Math.hypot(...vertexAt(positions, a).map((c, k) => c - (vertexAt(positions, b)[k] ?? 0)));

describe('action unit fields', () => {
  it.each(ACTION_UNITS)('%s moves only its region, and visibly', (au) => {
    const mask = basis.regions[basis.regionOf[au]];
    let inside = 0;
    let outside = 0;
    for (let v = 0; v < basis.vertexCount; v++) {
      const d = Math.hypot(...displacementOf(basis.fields[au], v));
      if ((mask[v] ?? 0) > 0) inside = Math.max(inside, d);
      else outside = Math.max(outside, d);
    }
    expect(outside).toBeLessThan(0.05);
    expect(inside).toBeGreaterThan(1);
  });

  it('brow raisers lift the brows; the lowerer drops them and pulls the inner brows together', () => {
    for (const v of [107, 336, 105, 334, 70, 300]) {
      expect(dy('AU1', v)).toBeGreaterThan(0);
      expect(dy('AU2', v)).toBeGreaterThan(0);
      expect(dy('AU4', v)).toBeLessThan(0);
    }
    expect(dy('AU1', 107)).toBeGreaterThan(dy('AU1', 70)); // inner raiser: inner more than outer
    expect(dy('AU2', 70)).toBeGreaterThan(dy('AU2', 107));
    expect(dx('AU4', 336)).toBeLessThan(-1); // left inner brow (+x) moves toward x = 0
    expect(dx('AU4', 107)).toBeGreaterThan(1);
  });

  it('lip corners: AU12 up and outward, AU15 down', () => {
    expect(p[3 * 291] ?? 0).toBeGreaterThan(0); // 291 is the subject's left corner (+x)
    expect(dy('AU12', 291)).toBeGreaterThan(1);
    expect(dx('AU12', 291)).toBeGreaterThan(1);
    expect(dx('AU12', 61)).toBeLessThan(-1);
    expect(dy('AU15', 61)).toBeLessThan(-1);
    expect(dy('AU15', 291)).toBeLessThan(-1);
  });

  it('jaw drop lowers the chin and lower lip, not the forehead; mouth stretch opens wider', () => {
    expect(dy('AU26', 152)).toBeLessThan(-8);
    const lowerLip = Math.hypot(...displacementOf(basis.fields.AU26, 14));
    expect(lowerLip).toBeGreaterThan(10);
    expect(lowerLip).toBeLessThan(15);
    expect(dy('AU26', 14)).toBeLessThan(-8);
    expect(Math.hypot(...displacementOf(basis.fields.AU26, 10))).toBe(0);
    expect(Math.abs(dy('AU26', 13))).toBeLessThan(0.5); // upper lip stays
    expect(dy('AU27', 14)).toBeLessThan(dy('AU26', 14));
  });

  it('AU43 closes the eyes: upper lid centres land on the lower lid centres', () => {
    const closed = applyActionUnits(basis, { AU43: 1 }, p);
    expect(gap(p, 159, 145)).toBeGreaterThan(5); // open to begin with
    expect(gap(closed, 159, 145)).toBeLessThan(1);
    expect(gap(closed, 386, 374)).toBeLessThan(1);
    expect(Math.hypot(...displacementOf(basis.fields.AU43, 145))).toBeLessThan(0.01);
  });

  it('AU25 parts the lips by more than 2 mm; AU5 widens and AU7 narrows the eye opening', () => {
    expect(gap(applyActionUnits(basis, { AU25: 1 }, p), 13, 14) - gap(p, 13, 14)).toBeGreaterThan(2);
    expect(gap(applyActionUnits(basis, { AU5: 1 }, p), 386, 374)).toBeGreaterThan(gap(p, 386, 374) + 1);
    expect(gap(applyActionUnits(basis, { AU7: 1 }, p), 386, 374)).toBeLessThan(gap(p, 386, 374) - 1);
  });

  it('every AU is mirror-symmetric (partners found independently; tolerance 1e-4 mm)', () => {
    for (let v = 0; v < basis.vertexCount; v++) {
      const [x, y, z] = vertexAt(p, v);
      let m = 0;
      for (let u = 0; u < basis.vertexCount; u++)
        if (gap(new Float32Array([-x, y, z, ...vertexAt(p, u)]), 0, 1) < 1e-3) m = u;
      expect(gap(new Float32Array([-x, y, z, ...vertexAt(p, m)]), 0, 1)).toBeLessThan(1e-3);
      for (const au of ACTION_UNITS) {
        const [a, b] = [displacementOf(basis.fields[au], v), displacementOf(basis.fields[au], m)];
        expect(Math.abs(a[0] + b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2])).toBeLessThan(1e-4);
      }
    }
  });
});

describe('applyActionUnits', () => {
  it('is linear and leaves its input alone', () => {
    const before = p.slice();
    const full = applyActionUnits(basis, { AU12: 1, AU26: 0.6 }, p);
    const half = applyActionUnits(
      basis,
      { AU12: 0.5, AU26: 0.3 },
      applyActionUnits(basis, { AU12: 0.5, AU26: 0.3 }, p),
    );
    expect(p).toEqual(before);
    for (let i = 0; i < full.length; i++) expect(Math.abs((full[i] ?? 0) - (half[i] ?? 0))).toBeLessThan(1e-4);
    expect(applyActionUnits(basis, {}, p)).toEqual(p);
    const out = new Float32Array(p.length);
    expect(applyActionUnits(basis, { AU12: 1 }, p, out)).toBe(out);
    const expected = full.map((value, i) => value - 0.6 * (basis.fields.AU26[i] ?? 0));
    for (let i = 0; i < out.length; i++) expect(Math.abs((out[i] ?? 0) - (expected[i] ?? 0))).toBeLessThan(1e-4);
  });

  it('rejects amplitudes outside 0..1, unknown AUs and wrong sizes', () => {
    expect(() => applyActionUnits(basis, { AU12: 1.5 }, p)).toThrow(ExpressionError);
    expect(() => applyActionUnits(basis, { AU12: Number.NaN }, p)).toThrow(/AU12/);
    expect(() => applyActionUnits(basis, JSON.parse('{"AU99": 1}') as Record<string, number>, p)).toThrow(/AU99/);
    expect(() => applyActionUnits(basis, { AU12: 1 }, p.subarray(3))).toThrow(/vertices/);
  });
});
