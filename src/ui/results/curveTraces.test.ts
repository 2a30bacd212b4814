import { describe, expect, it } from 'vitest';
import type { AnalysisRecord, ResultRow } from '../../pipeline/analyze/records';
import type { AnalysisGroup } from '../../pipeline/results/runGroups';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { curveTraces, curveYRange, plotSets, setsAxis, setsNote, Y_FLOOR } from './curveTraces';

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

describe('curveYRange', () => {
  const trace = (y: number[], bars?: { array: number[]; arrayminus?: number[] }): PlotTrace =>
    ({
      type: 'scatter',
      y,
      ...(bars ? { error_y: { type: 'data', symmetric: bars.arrayminus === undefined, ...bars } } : {}),
    }) as PlotTrace;

  it('shows chance to 1 with a margin when every score and bar lies within', () => {
    const y = curveYRange([trace([0.2, 0.9], { array: [0.05, 0.1], arrayminus: [0.1, 0.1] })]);
    expect(y.hidden).toBe(0);
    expect(y.range[0]).toBeCloseTo(-0.05, 12);
    // 0.9 + 0.1 = 1.0 at the top, plus the margin.
    expect(y.range[1]).toBeCloseTo(1.05, 12);
  });

  it('follows scores a little below chance, down to the floor', () => {
    expect(curveYRange([trace([-0.1, 0.5])]).range[0]).toBeCloseTo(-0.15, 12);
  });

  it('clips at the floor and counts what reaches below it: an age curve at R² −2.5 no longer squashes the rest', () => {
    // Age: one score at −2.5, another whose lower bar (0.1 − 0.5) reaches −0.4; symmetric bars on a seed mean.
    const age = trace([-2.5, 0.1, 0.3], { array: [0.2, 0.1, 0.1], arrayminus: [0.2, 0.5, 0.1] });
    const seeds = trace([0.4, -0.2], { array: [0.01, 0.1] }); // −0.2 − 0.1 = −0.3 < floor
    const y = curveYRange([age, seeds]);
    expect(y.range[0]).toBe(Y_FLOOR);
    expect(y.hidden).toBe(3);
  });

  it('ignores missing scores (NaN) and missing bars', () => {
    const y = curveYRange([trace([Number.NaN, 0.5], { array: [Number.NaN, Number.NaN] })]);
    expect(y).toEqual({ range: [-0.05, 1.05], hidden: 0 });
  });
});
