import { describe, expect, it } from 'vitest';
import {
  bestComponent,
  bestPoint,
  convertSelection,
  decodingCurves,
  decodingMatrix,
  explainedVarianceBars,
  hasInference,
  layerAxis,
  meanPoint,
  mergeLayerAxes,
} from './curves';
import type { ResultRow } from '../analyze/records';
import type { AnalysedLayerInfo } from '../compress/compressLayers';

const LAYERS = ['layer00_input', 'layer01_conv', 'layer06_globalpool'];

function row(factor: string, layer: number, corr: number, extra: Partial<ResultRow> = {}): ResultRow {
  const layername = LAYERS[layer] ?? `layer0${layer}_x`;
  return {
    corr,
    factor,
    feature_nr: 1,
    layername,
    layer: layername.slice(5, 7),
    operation: layername.split('_')[1] ?? '',
    op_nr: layer + 1,
    p_value: NaN,
    ci_low: NaN,
    ci_high: NaN,
    ...extra,
  };
}

function info(name: string, opNr: number, explainedVariance: number): AnalysedLayerInfo {
  return {
    name,
    opNr,
    operation: name.split('_')[1] ?? '',
    features: 100 * opNr,
    sketchedTo: opNr === 1 ? 50 : null,
    components: 8,
    explainedVariance,
    explainedVarianceRatio: [],
  };
}

// Deliberately out of order: the axis must follow opNr.
const layers = [info('layer06_globalpool', 3, 0.9), info('layer00_input', 1, 0.5), info('layer01_conv', 2, 0.7)];

const corrs = (curves: ReturnType<typeof decodingCurves>, key: string) =>
  curves.series.find((s) => s.key === key)?.points.map((p) => p.corr);

describe('layerAxis', () => {
  it('orders the analysed layers by op_nr and adds layers only the rows name', () => {
    const axis = layerAxis(
      [row('age', 0, 0.1), row('age', 4, 0.2, { layername: 'layer07_softmax', op_nr: 4 })],
      layers,
    );
    expect(axis).toEqual([
      { name: 'layer00_input', opNr: 1 },
      { name: 'layer01_conv', opNr: 2 },
      { name: 'layer06_globalpool', opNr: 3 },
      { name: 'layer07_softmax', opNr: 4 },
    ]);
  });
});

describe('decodingCurves', () => {
  const rows = [
    // rows arrive in no particular order
    row('xr', 2, 0.9),
    row('xr', 0, 0.3),
    row('xr', 1, 0.6),
    row('yr', 0, 0.0),
    row('yr', 1, 0.3),
    row('yr', 2, 0.6),
    row('zr', 0, 0.6),
    row('zr', 1, NaN),
    row('zr', 2, 0.3),
    row('age', 1, 0.4),
    row('age', 0, 0.2),
    row('id', 0, 0.1),
    row('id', 1, 0.5),
    row('id', 2, 0.8),
    row('shape', 0, 0.2, { feature_nr: 1 }),
    row('shape', 0, 0.4, { feature_nr: 2 }),
    row('shape', 0, 0.0, { feature_nr: 3 }),
    row('shape', 1, 0.5, { feature_nr: 1 }),
    row('shape', 1, 0.1, { feature_nr: 2 }),
    row('shape', 1, NaN, { feature_nr: 3 }),
  ];

  it('aligns each factor with the layer axis, NaN where a layer has no row', () => {
    const c = decodingCurves(rows, layers, { averageAxes: false });
    expect(c.layers.map((l) => l.name)).toEqual(['layer00_input', 'layer01_conv', 'layer06_globalpool']);
    expect(corrs(c, 'xr')).toEqual([0.3, 0.6, 0.9]);
    expect(corrs(c, 'age')).toEqual([0.2, 0.4, NaN]);
    expect(corrs(c, 'zr')).toEqual([0.6, NaN, 0.3]);
  });

  it('orders series id first, then age, the axes, shape best and mean', () => {
    const c = decodingCurves(rows, layers, { averageAxes: false });
    expect(c.series.map((s) => s.key)).toEqual(['id', 'age', 'xr', 'yr', 'zr', 'shape:best', 'shape:mean']);
    expect(c.series.map((s) => s.label)).toContain('shape (best component)');
  });

  it('averages rotation over xr, yr, zr, leaving NaN scores out', () => {
    const c = decodingCurves(rows, layers, { averageAxes: true });
    expect(c.series.map((s) => s.key)).toEqual(['id', 'age', 'rotation', 'shape:best', 'shape:mean']);
    const rotation = corrs(c, 'rotation') ?? [];
    // layer 0: (0.3 + 0 + 0.6) / 3; layer 1: (0.6 + 0.3) / 2, zr NaN left out; layer 2: (0.9 + 0.6 + 0.3) / 3
    expect(rotation[0]).toBeCloseTo(0.3, 12);
    expect(rotation[1]).toBeCloseTo(0.45, 12);
    expect(rotation[2]).toBeCloseTo(0.6, 12);
  });

  it('summarises shape as the best component (with its number) and the mean component', () => {
    const c = decodingCurves(rows, layers, { averageAxes: true });
    const best = c.series.find((s) => s.key === 'shape:best')?.points ?? [];
    expect(best.map((p) => p.corr)).toEqual([0.4, 0.5, NaN]);
    expect(best.map((p) => p.component)).toEqual([2, 1, null]);
    const meanCurve = corrs(c, 'shape:mean') ?? [];
    expect(meanCurve[0]).toBeCloseTo(0.2, 12); // (0.2 + 0.4 + 0) / 3
    expect(meanCurve[1]).toBeCloseTo(0.3, 12); // (0.5 + 0.1) / 2, NaN left out
    expect(meanCurve[2]).toBeNaN();
  });

  it('treats any factor with several components as multi-component', () => {
    const c = decodingCurves([row('emo', 0, 0.2, { feature_nr: 1 }), row('emo', 0, 0.6, { feature_nr: 2 })], layers, {
      averageAxes: false,
    });
    expect(c.series.map((s) => s.key)).toEqual(['emo:best', 'emo:mean']);
  });
});

describe('points', () => {
  it('keeps the p-value and interval of a single row', () => {
    expect(meanPoint([row('age', 0, 0.5, { p_value: 0.01, ci_low: 0.4, ci_high: 0.6 })])).toEqual({
      corr: 0.5,
      ciLow: 0.4,
      ciHigh: 0.6,
      pValue: 0.01,
      component: null,
    });
  });

  it('averages interval bounds, drops the p-value of a mean, and gives NaN bounds when one row has none', () => {
    const a = row('xr', 0, 0.2, { p_value: 0.01, ci_low: 0.1, ci_high: 0.3 });
    const b = row('yr', 0, 0.4, { p_value: 0.02, ci_low: 0.2, ci_high: 0.8 });
    const p = meanPoint([a, b]);
    expect(p.corr).toBeCloseTo(0.3, 12);
    expect(p.ciLow).toBeCloseTo(0.15, 12);
    expect(p.ciHigh).toBeCloseTo(0.55, 12);
    expect(p.pValue).toBeNaN();
    expect(meanPoint([a, row('zr', 0, 0.1)]).ciLow).toBeNaN();
    // A NaN score is left out of the bounds too.
    expect(meanPoint([a, row('zr', 0, NaN)]).ciHigh).toBeCloseTo(0.3, 12);
  });

  it('gives an empty point when no row has a finite score', () => {
    expect(meanPoint([row('age', 0, NaN)]).corr).toBeNaN();
    expect(bestPoint([]).component).toBeNull();
  });

  it('best component keeps its own interval and p-value', () => {
    const p = bestPoint([
      row('tex', 0, 0.1, { feature_nr: 1, p_value: 0.5 }),
      row('tex', 0, 0.7, { feature_nr: 9, p_value: 0.001, ci_low: 0.6, ci_high: 0.75 }),
    ]);
    expect(p).toEqual({ corr: 0.7, ciLow: 0.6, ciHigh: 0.75, pValue: 0.001, component: 9 });
  });
});

describe('decodingMatrix', () => {
  it('lays scores out as layers x series', () => {
    const c = decodingCurves([row('id', 0, 0.1), row('id', 2, 0.8), row('age', 1, 0.4)], layers, { averageAxes: true });
    const m = decodingMatrix(c);
    expect(m.layers).toEqual(['layer00_input', 'layer01_conv', 'layer06_globalpool']);
    expect(m.factors).toEqual(['id', 'age']);
    expect(m.z).toEqual([
      [0.1, NaN],
      [NaN, 0.4],
      [0.8, NaN],
    ]);
  });
});

describe('helpers', () => {
  it('converts a selection between axes and their groups', () => {
    expect([...convertSelection(new Set(['id', 'xr', 'yr', 'lights']), true)].sort()).toEqual([
      'id',
      'lights',
      'rotation',
    ]);
    expect([...convertSelection(new Set(['id', 'rotation', 'lights']), false)].sort()).toEqual([
      'id',
      'xl',
      'xr',
      'yl',
      'yr',
      'zr',
    ]);
  });

  it('merges two layer axes by op_nr, joining differing names', () => {
    const a = [
      { opNr: 1, name: 'layer00_input' },
      { opNr: 2, name: 'layer01_conv' },
    ];
    const b = [
      { opNr: 1, name: 'layer00_input' },
      { opNr: 2, name: 'layer01_pool' },
      { opNr: 3, name: 'layer02_conv' },
    ];
    expect(mergeLayerAxes(a, b)).toEqual([
      { opNr: 1, name: 'layer00_input' },
      { opNr: 2, name: 'layer01_conv / layer01_pool' },
      { opNr: 3, name: 'layer02_conv' },
    ]);
  });

  it('says whether p-values or intervals exist', () => {
    expect(hasInference([row('age', 0, 0.1)])).toEqual({ pValues: false, intervals: false });
    expect(hasInference([row('age', 0, 0.1), row('id', 0, 0.2, { p_value: 0.3 })])).toEqual({
      pValues: true,
      intervals: false,
    });
    expect(hasInference([row('age', 0, 0.1, { ci_low: 0, ci_high: 0.2 })])).toEqual({
      pValues: false,
      intervals: true,
    });
  });

  it('finds the best component of a factor in a layer', () => {
    const rows = [
      row('tex', 0, 0.1, { feature_nr: 1 }),
      row('tex', 0, 0.3, { feature_nr: 2 }),
      row('tex', 1, 0.9, { feature_nr: 1 }),
    ];
    expect(bestComponent(rows, 'layer00_input', 'tex')).toBe(2);
    expect(bestComponent(rows, 'layer06_globalpool', 'tex')).toBeNull();
  });

  it('lists explained variance in op_nr order, with the sketched width where there is one', () => {
    expect(explainedVarianceBars(layers)).toEqual({
      names: ['layer00_input', 'layer01_conv', 'layer06_globalpool'],
      explained: [0.5, 0.7, 0.9],
      components: [8, 8, 8],
      features: [50, 200, 300],
    });
  });
});
