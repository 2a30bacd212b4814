import { describe, expect, it } from 'vitest';
import type { ErrorCurve, PsychophysicsResult } from '../../../pipeline/beyond/records';
import {
  confusionFactors,
  confusionLayers,
  confusionPlot,
  confusionSummary,
  curveFactors,
  errorCurvePlot,
} from './psychophysicsTraces';

function curve(layer: string, factor: string, ci: boolean): ErrorCurve {
  return {
    layer,
    factor,
    edges: [-30, -10, 10, 30],
    centres: [-20, 0, 20],
    n: [4, 0, 6],
    meanAbsError: [5, NaN, 7],
    meanError: [1, NaN, -1],
    ciLow: ci ? [4, NaN, 6.5] : [NaN, NaN, NaN],
    ciHigh: ci ? [6.5, NaN, 8] : [NaN, NaN, NaN],
  };
}

const RESULT: PsychophysicsResult = {
  kind: 'psychophysics',
  curves: [curve('layer01_conv', 'yr', true), curve('layer01_conv', 'age', false), curve('layer05_conv', 'yr', true)],
  confusions: [
    {
      layer: 'layer01_conv',
      factor: 'gender',
      classes: ['F', 'M'],
      counts: [
        [3, 1],
        [0, 0],
      ],
    },
    {
      layer: 'layer05_conv',
      factor: 'gender',
      classes: ['F', 'M'],
      counts: [
        [4, 0],
        [1, 5],
      ],
    },
    {
      layer: 'layer05_conv',
      factor: 'bg',
      classes: ['1', '4', '8'],
      counts: [
        [1, 1, 0],
        [0, 2, 0],
        [0, 0, 3],
      ],
    },
  ],
};

describe('psychophysics traces', () => {
  it('lists the factors and layers on offer, in order', () => {
    expect(curveFactors(RESULT)).toEqual(['yr', 'age']);
    expect(confusionFactors(RESULT)).toEqual(['gender', 'bg']);
    expect(confusionLayers(RESULT, 'gender')).toEqual(['layer01_conv', 'layer05_conv']);
    expect(confusionLayers(RESULT, 'bg')).toEqual(['layer05_conv']);
  });

  it('draws one line per layer: mean |error| at the bin centres, the interval as error bars, n on hover', () => {
    const { data, layout } = errorCurvePlot(RESULT, 'yr');
    expect(data.map((t) => t.name)).toEqual(['layer01_conv', 'layer05_conv']);
    const [first] = data;
    expect(first?.x).toEqual([-20, 0, 20]);
    expect(first?.y).toEqual([5, NaN, 7]);
    expect(first?.error_y?.array).toEqual([1.5, NaN, 1]);
    expect(first?.error_y?.arrayminus).toEqual([1, NaN, 0.5]);
    expect(first?.text?.[0]).toContain('n = 4');
    expect(first?.text?.[2]).toContain('CI 6.50 … 8.00');
    expect(first?.hovertemplate).toContain('%{text}');
    expect(layout.xaxis).toMatchObject({ title: { text: 'true yr (bin centre)' } });
    // Colours follow the layer, not the factor's trace order.
    expect(data[1]?.line?.color).not.toBe(first?.line?.color);
    expect(errorCurvePlot(RESULT, 'age').data[0]?.line?.color).toBe(first?.line?.color);
  });

  it('leaves out error bars where there are no intervals', () => {
    const [age] = errorCurvePlot(RESULT, 'age').data;
    expect(age?.error_y).toBeUndefined();
    expect(age?.text?.[0]).not.toContain('CI');
  });

  it('shades the confusion matrix by share of the row and shows counts on hover', () => {
    const [first, , bg] = RESULT.confusions;
    if (!first || !bg) throw new Error('fixture');
    const { data } = confusionPlot(first);
    expect(data[0]?.z).toEqual([
      [0.75, 0.25],
      [NaN, NaN],
    ]);
    expect(data[0]?.text).toEqual([
      ['3', '1'],
      ['0', '0'],
    ]);
    expect(data[0]?.hovertemplate).toContain('%{text} images');
    expect(confusionPlot(bg).data[0]?.z?.[0]).toEqual([0.5, 0.5, 0]);
    expect(confusionSummary(bg)).toContain('7 testing images; accuracy 85.7 % (chance 33.3 %)');
  });
});
