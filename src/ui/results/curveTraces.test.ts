import { describe, expect, it } from 'vitest';
import type { AnalysisRecord, ResultRow } from '../../pipeline/analyze/records';
import type { AnalysisGroup } from '../../pipeline/results/runGroups';
import { curveTraces, plotSets, setsAxis, setsNote } from './curveTraces';

function row(factor: string, layername: string, opNr: number, corr: number): ResultRow {
  return {
    corr,
    factor,
    feature_nr: 1,
    layername,
    layer: layername.slice(5, 7),
    operation: layername.split('_')[1] ?? '',
    op_nr: opNr,
    p_value: NaN,
    ci_low: NaN,
    ci_high: NaN,
  };
}

const analysis = (id: string, perf: ResultRow[]) =>
  ({ id, name: `${id} analysis`, perf, layers: [] }) as unknown as AnalysisRecord;

const group = (label: string, members: AnalysisRecord[], seeds: (number | null)[]): AnalysisGroup => ({
  key: label,
  label,
  members,
  seeds,
});

const seed1 = analysis('s1', [row('age', 'layer00_input', 0, 0.1), row('age', 'layer01_conv', 1, 0.5)]);
const seed2 = analysis('s2', [row('age', 'layer00_input', 0, 0.3), row('age', 'layer01_conv', 1, 0.9)]);
const other = analysis('alex', [row('age', 'layer00_input', 0, 0.2), row('age', 'layer02_pool', 2, 0.4)]);
const colours = new Map([['age', '#123456']]);

describe('plot sets and traces', () => {
  const groups = [group('net', [seed1, seed2], [1, 2]), group('alex analysis', [other], [null])];
  const sets = plotSets(groups, true);

  it('draws a group of seeds as its mean with ± sd bars and a single analysis as its own line', () => {
    const traces = curveTraces(sets, new Set(['age']), colours);
    expect(traces.map((t) => [t.name, t.line?.dash])).toEqual([
      ['age · net (2 seeds)', 'solid'],
      ['age · alex analysis', 'dash'],
    ]);
    const [mean, single] = traces;
    // (0.1 + 0.3) / 2, (0.5 + 0.9) / 2; sd |a − b| / √2
    expect(mean?.x).toEqual([0, 1]);
    expect(mean?.y?.[0]).toBeCloseTo(0.2, 15);
    expect(mean?.y?.[1]).toBeCloseTo(0.7, 15);
    expect(mean?.error_y?.array?.[0]).toBeCloseTo(0.2 / Math.SQRT2, 15);
    expect(mean?.error_y?.array?.[1]).toBeCloseTo(0.4 / Math.SQRT2, 15);
    expect(single?.y).toEqual([0.2, 0.4]);
    expect(single?.error_y).toBeUndefined();
    expect(curveTraces(sets, new Set(), colours)).toEqual([]);
  });

  it('puts every set on one axis and says which line is which', () => {
    expect(setsAxis(sets).map((t) => t.name)).toEqual(['layer00_input', 'layer01_conv', 'layer02_pool']);
    expect(setsNote(groups, sets)).toBe(
      ' Solid: net (2 seeds), seeds 1, 2; dashed: alex analysis. Squares: the mean over seeds, bars ± 1 sd across seeds (n − 1; none where one seed scored).',
    );
  });

  it('keeps one analysis as before: plain factor names, no note', () => {
    const one = plotSets([group('s1 analysis', [seed1], [1])], false);
    expect(curveTraces(one, new Set(['age']), colours).map((t) => t.name)).toEqual(['age']);
    expect(setsNote([group('s1 analysis', [seed1], [1])], one)).toBe('');
  });
});
