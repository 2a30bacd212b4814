/**
 * StandardScaler as scikit-learn 1.2 has it: fitted on the training split, population standard
 * deviation (ddof 0), and columns it deems constant are scaled by 1 instead of their tiny std.
 */
import { GmfError } from '../../lib/errors';
import { type Matrix, columnMeans, columnStd, createMatrix } from '../../lib/linalg/matrix';

export interface Scaler {
  readonly mean: Float64Array;
  /** Divisor per column; 1 for constant columns. */
  readonly scale: Float64Array;
}

export function fitStandardScaler(x: Matrix): Scaler {
  if (x.rows === 0) throw new GmfError('SCALER_EMPTY', 'Cannot standardise features from zero samples.');
  const mean = columnMeans(x);
  const std = columnStd(x, mean);
  const eps = Number.EPSILON;
  const n = x.rows;
  // sklearn's _is_constant_feature: var <= n·eps·var + (n·mean·eps)², which tolerates the
  // rounding error of the variance of a column that is constant but not exactly representable.
  const scale = std.map((s, j) => {
    const v = s * s;
    const m = mean[j] ?? 0;
    return v <= n * eps * v + (n * m * eps) ** 2 ? 1 : s;
  });
  return { mean, scale };
}

export function applyScaler(scaler: Scaler, x: Matrix): Matrix {
  const p = scaler.mean.length;
  if (x.cols !== p) throw new GmfError('SCALER_SHAPE', `The scaler was fitted on ${p} features but got ${x.cols}.`);
  const out = createMatrix(x.rows, p);
  const { mean, scale } = scaler;
  const src = x.data;
  const dst = out.data;
  for (let i = 0; i < x.rows; i++) {
    const o = i * p;
    for (let j = 0; j < p; j++) dst[o + j] = ((src[o + j] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1);
  }
  return out;
}

/** Fits on `train` and returns the scaled copies of every matrix given, in order. */
export function standardize<T extends readonly Matrix[]>(
  train: Matrix,
  ...others: T
): { scaler: Scaler; train: Matrix; others: { [K in keyof T]: Matrix } } {
  const scaler = fitStandardScaler(train);
  return {
    scaler,
    train: applyScaler(scaler, train),
    others: others.map((m) => applyScaler(scaler, m)) as { [K in keyof T]: Matrix },
  };
}
