import { describe, expect, it } from 'vitest';
import type { FactorPrediction } from '../../pipeline/decode/decodeLayer';
import { predictionView } from './predictionView';

const matrix = (rows: number, cols: number, values: number[]) => ({ rows, cols, data: Float64Array.from(values) });

describe('predictionView', () => {
  it('takes the chosen component of a continuous factor and scores it by R²', () => {
    // 3 samples x 2 components; component 2: true 1, 2, 3, predicted 1, 2, 4
    const p: FactorPrediction = {
      factor: 'shape',
      kind: 'continuous',
      true: matrix(3, 2, [9, 1, 9, 2, 9, 3]),
      predicted: matrix(3, 2, [0, 1, 0, 2, 0, 4]),
      alphas: new Float64Array(2),
    };
    const v = predictionView(p, 2);
    if (v.kind !== 'scatter') throw new Error('expected a scatter');
    expect(v.x).toEqual([1, 2, 3]);
    expect(v.y).toEqual([1, 2, 4]);
    expect(v.range).toEqual([1, 4]);
    expect(v.r2).toBeCloseTo(0.5, 12); // SS_res 1, SS_tot 2
    expect(v.components).toBe(2);
  });

  it('thins the points but scores every sample', () => {
    const p: FactorPrediction = {
      factor: 'age',
      kind: 'continuous',
      true: matrix(10, 1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      predicted: matrix(10, 1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      alphas: new Float64Array(1),
    };
    const v = predictionView(p, 1, 4);
    if (v.kind !== 'scatter') throw new Error('expected a scatter');
    expect(v.x).toEqual([0, 3, 6, 9]);
    expect(v.r2).toBe(1);
    expect(v.n).toBe(10);
  });

  it('builds a row-normalised confusion matrix with accuracy and mean p(true class)', () => {
    const p: FactorPrediction = {
      factor: 'gender',
      kind: 'categorical',
      classes: ['F', 'M'],
      true: Int32Array.from([0, 0, 0, 1]),
      predicted: Int32Array.from([0, 0, 1, 1]),
      proba: matrix(4, 2, [0.9, 0.1, 0.8, 0.2, 0.4, 0.6, 0.3, 0.7]),
      pTrue: Float64Array.from([0.9, 0.8, 0.4, 0.7]),
    };
    const v = predictionView(p);
    if (v.kind !== 'confusion') throw new Error('expected a confusion matrix');
    expect(v.classes).toEqual(['F', 'M']);
    expect(v.z[0]?.[0]).toBeCloseTo(2 / 3, 12);
    expect(v.z[0]?.[1]).toBeCloseTo(1 / 3, 12);
    expect(v.z[1]).toEqual([0, 1]);
    expect(v.accuracy).toBe(0.75);
    expect(v.meanPTrue).toBeCloseTo(0.7, 12);
    expect(v.chance).toBe(0.5);
  });

  it('shows mean p(true class) per class when there are too many classes for a matrix', () => {
    const k = 61;
    const truth = Int32Array.from({ length: 2 * k }, (_, i) => i % k);
    const p: FactorPrediction = {
      factor: 'id',
      kind: 'identity',
      classes: Array.from({ length: k }, (_, i) => i),
      true: truth,
      predicted: truth,
      proba: matrix(0, 0, []),
      pTrue: Float64Array.from(truth, (t) => t / 100),
    };
    const v = predictionView(p);
    expect(v.kind).toBe('pTrue');
    if (v.kind === 'scatter') return;
    expect(v.z).toHaveLength(1);
    expect(v.z[0]?.[5]).toBeCloseTo(0.05, 12);
    expect(v.accuracy).toBe(1);
  });
});
