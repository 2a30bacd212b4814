import { describe, expect, it } from 'vitest';
import type { CaricatureLevelResult } from '../../../pipeline/reproductions/caricatureRun';
import { caricaturePlot } from './caricatureTraces';

const level = (
  scale: number,
  correct: number,
  probes: number,
  ciLow: number,
  ciHigh: number,
): CaricatureLevelResult => ({
  scale,
  kind: scale < 1 ? 'anti-caricature' : scale === 1 ? 'veridical' : 'caricature',
  probes,
  correct,
  accuracy: probes > 0 ? correct / probes : NaN,
  ciLow,
  ciHigh,
  datasetId: `d${scale}`,
  datasetName: `d ×${scale}`,
});

describe('caricature plot data', () => {
  it('plots accuracy per level with asymmetric Wilson bars and chance as a dashed line over the levels', () => {
    const levels = [level(0.5, 2, 8, 0.07, 0.59), level(1, 4, 8, 0.22, 0.78), level(2, 8, 8, 0.68, 1)];
    const { data, layout } = caricaturePlot({ layer: 'layer06_globalpool', levels, chance: 0.25, identities: 4 });
    const [ours, chance] = data;
    expect(ours?.x).toEqual([0.5, 1, 2]);
    expect(ours?.y).toEqual([0.25, 0.5, 1]);
    const [up, down] = [ours?.error_y?.array ?? [], ours?.error_y?.arrayminus ?? []];
    const worst = (got: readonly number[], want: readonly number[]) =>
      Math.max(...want.map((v, i) => Math.abs((got[i] ?? NaN) - v)));
    expect(worst(up, [0.34, 0.28, 0])).toBeLessThan(1e-12);
    expect(worst(down, [0.18, 0.28, 0.32])).toBeLessThan(1e-12);
    expect(ours?.text?.[2]).toBe('caricature, 8 of 8 probes');
    expect(chance).toMatchObject({
      x: [0.5, 2],
      y: [0.25, 0.25],
      line: { dash: 'dash' },
      name: 'chance (1 / 4 identities)',
    });
    expect(layout.xaxis).toMatchObject({ tickvals: [0.5, 1, 2], ticktext: ['×0.5', '×1', '×2'] });
  });

  it('draws no bar for a level without probes', () => {
    const { data } = caricaturePlot({
      layer: 'l',
      levels: [level(1, 0, 0, NaN, NaN), level(2, 1, 2, 0.1, 0.9)],
      chance: 0.5,
      identities: 2,
    });
    expect(data[0]?.error_y?.array?.[0]).toBe(0);
    expect(data[0]?.error_y?.arrayminus?.[0]).toBe(0);
  });
});
