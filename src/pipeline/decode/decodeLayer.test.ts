import { describe, expect, it } from 'vitest';
import { type DecodeLayerInput, decodeLayer } from './decodeLayer';
import { createMatrix } from '../../lib/linalg/matrix';
import { parseLayerName, performanceTableTsv } from './performanceTable';
import {
  type SyntheticSpec,
  generateSyntheticDecomposition,
  syntheticDecodeInput,
} from '../../../bench/support/synthetic';

// Layer 0 carries age, gender, yr and identity linearly; layer 1 only noise.
const spec: SyntheticSpec = {
  seed: 3,
  identities: { training: 40, validation: 12, testing: 12 },
  imagesPerIdentity: 8,
  components: 16,
  shapeComponents: 3,
  texComponents: 2,
  noise: 0.3,
  layers: [
    { name: 'layer01_conv', gains: { age: 2, gender: 2, rotation: 2, id: 2 } },
    { name: 'layer02_globalpool', gains: {} },
  ],
};
const set = generateSyntheticDecomposition(spec);

function scores(input: DecodeLayerInput): Map<string, number> {
  const result = decodeLayer(input);
  return new Map(result.rows.filter((r) => r.feature_nr === 1).map((r) => [r.factor, r.corr]));
}

describe('decodeLayer on a planted signal', () => {
  it('decodes factors embedded in a layer near 1 and the same factors from a noise layer near 0', () => {
    const present = scores(syntheticDecodeInput(set, 0));
    const absent = scores(syntheticDecodeInput(set, 1));
    for (const factor of ['age', 'yr', 'gender', 'id']) {
      expect(present.get(factor), factor).toBeGreaterThan(0.9);
      expect(Math.abs(absent.get(factor) ?? Number.NaN), factor).toBeLessThan(0.3);
    }
    // Factors never planted stay near chance even in layer 0.
    for (const factor of ['xt', 'zl', 'emo', 'bg'])
      expect(Math.abs(present.get(factor) ?? Number.NaN), factor).toBeLessThan(0.3);
  });

  it('writes the original table rows, predictions and p(true class), and skips what cannot be scored', () => {
    const input = syntheticDecodeInput(set, 0);
    const constant = {
      name: 'const',
      data: {
        kind: 'continuous' as const,
        values: { training: createMatrix(320, 1), validation: createMatrix(96, 1), testing: createMatrix(96, 1) },
      },
    };
    const result = decodeLayer({ ...input, factors: [...input.factors, constant] });
    expect(result.skipped).toEqual([{ factor: 'const', reason: 'it takes a single value in the testing split' }]);
    expect(result.inference).toBeNull();
    // id, bg, ethn, gender, 10 scalars, emo, then 3 shape and 2 tex columns.
    expect(result.rows.map((r) => r.factor).slice(0, 6)).toEqual(['id', 'bg', 'ethn', 'gender', 'age', 'xr']);
    expect(result.rows).toHaveLength(15 + 3 + 2);
    expect(result.rows.filter((r) => r.factor === 'shape').map((r) => r.feature_nr)).toEqual([1, 2, 3]);
    expect(result.rows[0]).toMatchObject({
      factor: 'id',
      layername: 'layer01_conv',
      layer: '01',
      operation: 'conv',
      op_nr: 0,
    });
    const gender = result.predictions.find((p) => p.factor === 'gender');
    if (gender?.kind !== 'categorical') throw new Error('gender should be categorical');
    expect(gender.proba.cols).toBe(2);
    gender.true.forEach((c, i) => {
      expect(gender.pTrue[i]).toBe(gender.proba.data[i * 2 + c]);
    });
    const shape = result.predictions.find((p) => p.factor === 'shape');
    if (shape?.kind !== 'continuous') throw new Error('shape should be continuous');
    expect(shape.predicted.cols).toBe(3);
    expect(shape.alphas).toHaveLength(3);
  });

  it('skips id with the reason when no identity has enough test images for 4 folds', () => {
    const input = syntheticDecodeInput(set, 0);
    const twoPerId = Array.from({ length: 96 }, (_, i) => Math.floor(i / 2));
    const result = decodeLayer({ ...input, testIds: twoPerId, factors: input.factors.filter((f) => f.name === 'id') });
    expect(result.rows).toEqual([]);
    expect(result.skipped).toEqual([
      { factor: 'id', reason: expect.stringContaining('4-fold cross-validation needs at least 4 samples') as string },
    ]);
  });

  it('adds permutation p-values and bootstrap intervals aligned with the rows when asked', () => {
    const result = decodeLayer(syntheticDecodeInput(set, 0), { permutations: 99, bootstraps: 200, seed: 1 });
    const inference = result.inference ?? [];
    expect(inference).toHaveLength(result.rows.length);
    const at = (factor: string): { corr: number; pValue: number; ciLow: number; ciHigh: number } => {
      const i = result.rows.findIndex((r) => r.factor === factor);
      return {
        corr: result.rows[i]?.corr ?? Number.NaN,
        ...(inference[i] ?? { pValue: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN }),
      };
    };
    for (const factor of ['age', 'gender', 'yr']) {
      const r = at(factor);
      expect(r.pValue, factor).toBe(1 / 100);
      expect(r.ciLow, factor).toBeLessThanOrEqual(r.corr);
      expect(r.ciHigh, factor).toBeGreaterThanOrEqual(r.corr);
    }
    expect(at('xt').pValue).toBeGreaterThan(0.05);
  });
});

describe('performance table', () => {
  it('parses layer names as the original and writes pandas-style TSV', () => {
    expect(parseLayerName('layer06_globalpool')).toEqual({ layer: '06', operation: 'globalpool' });
    expect(parseLayerName('layer12_conv_bn')).toEqual({ layer: '12', operation: 'bn' });
    const tsv = performanceTableTsv([
      { corr: 0.5, factor: 'age', feature_nr: 1, layername: 'layer01_conv', layer: '01', operation: 'conv', op_nr: 0 },
      {
        corr: Number.NaN,
        factor: 'id',
        feature_nr: 1,
        layername: 'layer01_conv',
        layer: '01',
        operation: 'conv',
        op_nr: 0,
      },
    ]);
    expect(tsv).toBe(
      'corr\tfactor\tfeature_nr\tlayername\tlayer\toperation\top_nr\n0.5\tage\t1\tlayer01_conv\t01\tconv\t0\n\tid\t1\tlayer01_conv\t01\tconv\t0\n',
    );
  });
});
