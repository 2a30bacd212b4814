import { describe, expect, it } from 'vitest';
import type { UnitAucRow } from '../../../pipeline/reproductions/parde';
import { unitAucPlot } from './reproductionsTraces';

describe('unit AUC plot data', () => {
  it('plots our rows with SD bars (none from one draw) and the published points as their own markers', () => {
    const rows: UnitAucRow[] = [
      { units: 1, meanAuc: 0.55, sdAuc: NaN, published: null },
      { units: 2, meanAuc: 0.6, sdAuc: 0.02, published: 0.72 },
      { units: 3, meanAuc: 0.7, sdAuc: 0, published: null },
    ];
    const { data, layout } = unitAucPlot(rows, 'layer06_globalpool');
    const [ours, published] = data;
    expect(ours?.x).toEqual([1, 2, 3]);
    expect(ours?.y).toEqual([0.55, 0.6, 0.7]);
    expect(ours?.error_y?.array).toEqual([0, 0.02, 0]);
    expect(ours?.text).toEqual(['−|a − b| (one unit)', 'cosine', 'cosine']);
    expect(published?.name).toBe('Parde et al. 2020');
    expect(published?.x).toEqual([2, 4, 16, 512]);
    expect(published?.y).toEqual([0.72, 0.8, 0.95, 1]);
    expect(layout.xaxis).toMatchObject({ type: 'log', tickvals: [1, 2, 3, 4, 16, 512] });
  });
});
