import { describe, expect, it } from 'vitest';
import type { SymmetryResult } from '../../../pipeline/beyond/records';
import { symmetryIndexPlot, viewRdmPlot, yawLabel } from './symmetryTraces';

const RESULT: SymmetryResult = {
  kind: 'symmetry',
  views: [-90, -45, 0, 45, 90],
  identities: 12,
  rows: [
    {
      layer: 'conv1',
      index: 0.1,
      sem: 0.02,
      nullMean: -0.05,
      pValue: 0.3,
      rdm: Array.from({ length: 25 }, (_, k) => k),
    },
    {
      layer: 'fc7',
      index: 0.8,
      sem: 0.05,
      nullMean: -0.04,
      pValue: NaN,
      rdm: Array.from({ length: 25 }, (_, k) => 100 + k),
    },
  ],
};

describe('symmetry traces', () => {
  it('plots index ± SEM per layer with p in the hover, and the null mean dashed', () => {
    const { data } = symmetryIndexPlot(RESULT);
    const [index, nullMean] = data;
    expect(index?.x).toEqual(['conv1', 'fc7']);
    expect(index?.y).toEqual([0.1, 0.8]);
    expect(index?.error_y?.array).toEqual([0.02, 0.05]);
    expect(index?.text).toEqual([
      '± 0.020 (SEM)<br>p = 0.30<br>null mean -0.050',
      '± 0.050 (SEM)<br>no permutation test<br>null mean -0.040',
    ]);
    expect(nullMean?.y).toEqual([-0.05, -0.04]);
    expect(nullMean?.line?.dash).toBe('dash');
  });

  it('lays the row-major RDM out as heatmap rows labelled by yaw', () => {
    const row = RESULT.rows[1];
    if (!row) throw new Error('no row');
    const [heat] = viewRdmPlot(RESULT, row).data;
    expect(heat?.x).toEqual(['−90°', '−45°', '0°', '45°', '90°']);
    expect(heat?.z?.[1]).toEqual([105, 106, 107, 108, 109]);
    expect(heat?.z).toHaveLength(5);
    expect(yawLabel(-67.5)).toBe('−67.5°');
  });
});
