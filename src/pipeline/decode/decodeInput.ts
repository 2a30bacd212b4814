/**
 * The decoder's input for one layer: its features per split and every factor in the original's
 * order; shape and tex as the original's decomposed.h5 holds them (at most 100 components, tex
 * flattened component-major), so feature_nr means what it means in the original's perf.tsv.
 */
import type { Matrix } from '../../lib/linalg/matrix';
import { type FactorMatrix, originalShape, originalTex, type SplitFactorsRecord } from '../decompose/factors';
import { type DecodeLayerInput, type FactorInput, ORIGINAL_FACTOR_ORDER, type Splits } from './decodeLayer';

const CONTINUOUS = ['age', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'] as const;

const column = (values: Float64Array): Matrix => ({ rows: values.length, cols: 1, data: values });
const block = ({ data, cols }: FactorMatrix, rows: number): Matrix => ({
  rows,
  cols,
  data: Float64Array.from(data),
});

/** Every factor, in the original's order, for one layer's features. */
export function decodeInput(
  layerName: string,
  opNr: number,
  features: Splits<Matrix>,
  factors: Splits<SplitFactorsRecord>,
): DecodeLayerInput {
  const each = <T>(fn: (f: SplitFactorsRecord) => T): Splits<T> => ({
    training: fn(factors.training),
    validation: fn(factors.validation),
    testing: fn(factors.testing),
  });
  const inputs: FactorInput[] = [];
  for (const name of ORIGINAL_FACTOR_ORDER) {
    if (name === 'id') inputs.push({ name, data: { kind: 'identity' } });
    else if (name === 'gender' || name === 'ethn' || name === 'emo')
      inputs.push({ name, data: { kind: 'categorical', labels: each((f) => f.labels[name]) } });
    else if (name === 'bg') inputs.push({ name, data: { kind: 'categorical', labels: each((f) => f.numbers.bg) } });
    else if (name === 'shape')
      inputs.push({
        name,
        data: { kind: 'continuous', values: each((f) => block(originalShape(f), f.samples)) },
      });
    else if (name === 'tex')
      inputs.push({
        name,
        data: { kind: 'continuous', values: each((f) => block(originalTex(f), f.samples)) },
      });
    else if ((CONTINUOUS as readonly string[]).includes(name)) {
      const key = name;
      inputs.push({ name, data: { kind: 'continuous', values: each((f) => column(f.numbers[key])) } });
    }
  }
  return { layerName, opNr, features, testIds: factors.testing.numbers.id, factors: inputs };
}
