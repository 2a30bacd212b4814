import { describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../pipeline/beyond/records';
import { invariancePlot, partitionFactors, variancePlot } from './tuningTraces';

const RESULT: TuningResult = {
  kind: 'tuning',
  partitions: [
    { layer: 'conv1', factors: ['bg', 'yr'], full: 0.5, unique: [0.1, 0.3], alone: [0.15, 0.35] },
    // A layer whose partition lacks bg and adds emo: bars must stay aligned by name.
    { layer: 'fc7', factors: ['yr', 'emo'], full: 0.2, unique: [-0.05, 0.12], alone: [0, 0.14] },
  ],
  invariance: [
    { layer: 'conv1', negToPos: 0.2, posToNeg: 0.4, across: 0.3, within: 0.9, chance: 0.25, identities: 4 },
    { layer: 'fc7', negToPos: 0.8, posToNeg: 0.9, across: 0.85, within: NaN, chance: 0.25, identities: 4 },
  ],
};

describe('tuning traces', () => {
  it('stack one bar per factor of its unique R², aligned by layer, under the full R² line', () => {
    expect(partitionFactors(RESULT)).toEqual(['bg', 'yr', 'emo']);
    const { data, layout } = variancePlot(RESULT);
    expect(layout.barmode).toBe('relative');
    expect(data.map((t) => [t.type, t.name])).toEqual([
      ['bar', 'bg'],
      ['bar', 'yr'],
      ['bar', 'emo'],
      ['scatter', 'full R² (all factors)'],
    ]);
    expect(data.every((t) => JSON.stringify(t.x) === '["conv1","fc7"]')).toBe(true);
    expect(data[0]?.y).toEqual([0.1, NaN]);
    expect(data[1]?.y).toEqual([0.3, -0.05]);
    expect(data[2]?.y).toEqual([NaN, 0.12]);
    expect(data[2]?.text).toEqual(['alone –', 'alone 0.140']);
    expect(data[3]?.y).toEqual([0.5, 0.2]);
    expect(new Set(data.slice(0, 3).map((t) => t.marker?.color)).size).toBe(3);
  });

  it('plot identity accuracy across views, both directions, within a side, and chance dashed', () => {
    const { data, layout } = invariancePlot(RESULT);
    expect(data.map((t) => t.name)).toEqual([
      'across views (mean)',
      'yaw < 0 → yaw > 0',
      'yaw > 0 → yaw < 0',
      'within one side',
      'chance',
    ]);
    expect(data.map((t) => t.y)).toEqual([
      [0.3, 0.85],
      [0.2, 0.8],
      [0.4, 0.9],
      [0.9, NaN],
      [0.25, 0.25],
    ]);
    expect(data[4]?.line?.dash).toBe('dash');
    expect(data[4]?.text).toEqual(['1 / 4 identities', '1 / 4 identities']);
    expect(data.slice(0, 4).every((t) => t.line?.dash !== 'dash')).toBe(true);
    expect(layout.yaxis).toMatchObject({ range: [0, 1.05] });
  });
});
