import { describe, expect, it } from 'vitest';
import type { GeometryResult } from '../../../pipeline/beyond/records';
import { orderBy, orderedSquareRdm, rsaHeatmap } from './geometryTraces';

describe('geometry plot data', () => {
  it('puts each rho at its factor row and layer column, with the p-value as hover text', () => {
    const result: GeometryResult = {
      kind: 'geometry',
      samples: [0, 1, 2],
      layers: ['l0', 'l1'],
      cka: [1, 0.5, 0.5, 1],
      rdms: [],
      rsa: [
        { layer: 'l0', factor: 'yr', rho: 0.1, pValue: 0.5 },
        { layer: 'l0', factor: 'id', rho: NaN, pValue: NaN },
        { layer: 'l1', factor: 'yr', rho: 0.9, pValue: 0.005 },
        { layer: 'l1', factor: 'id', rho: 0.3, pValue: 0.01 },
      ],
    };
    const h = rsaHeatmap(result);
    expect(h.y).toEqual(['yr', 'id']);
    expect(h.z).toEqual([
      [0.1, 0.9],
      [NaN, 0.3],
    ]);
    expect(h.text[0]?.[1]).toBe('p = 0.00500');
    expect(h.text[1]?.[0]).toBe('no permutation test');
  });

  it('expands a condensed RDM (scipy squareform order) and reorders its conditions', () => {
    // Conditions 0..3; d(i, j) = 10 i + j for i < j, stored row by row.
    const condensed = [1, 2, 3, 12, 13, 23];
    const identity = orderedSquareRdm(condensed, 4, [0, 1, 2, 3]);
    expect(identity[0]).toEqual([0, 1, 2, 3]);
    expect(identity[3]).toEqual([3, 13, 23, 0]);
    const reordered = orderedSquareRdm(condensed, 4, [3, 1]);
    expect(reordered).toEqual([
      [0, 13],
      [13, 0],
    ]);
    expect(orderBy([3, 1, 2, 1])).toEqual([1, 3, 2, 0]);
    expect(orderBy(['M', 'F', 'M'])).toEqual([1, 0, 2]);
  });
});
