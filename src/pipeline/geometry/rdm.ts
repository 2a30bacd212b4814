/**
 * Representational dissimilarity matrices (issue 13 §4), stored condensed: the upper triangle
 * (i < j) row by row, as scipy.spatial.distance.pdist returns it; n conditions give n(n-1)/2.
 */
import { GmfError } from '../../lib/errors';
import type { Matrix } from '../../lib/linalg/matrix';

/** Entries of a condensed RDM over n conditions. */
export function condensedLength(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Conditions of a condensed RDM of `length` entries (throws when no whole n gives it). */
export function conditionsOf(length: number): number {
  const n = Math.round((1 + Math.sqrt(1 + 8 * length)) / 2);
  if (condensedLength(n) !== length)
    throw new GmfError('RDM_SHAPE', `${length} entries are not the upper triangle of a square matrix.`);
  return n;
}

/**
 * Correlation distance 1 - Pearson r between every pair of rows of `x` (conditions x features),
 * as pdist(x, 'correlation'). A constant row has no correlation: its distances are NaN.
 */
export function correlationRdm(x: Matrix): Float64Array {
  const { rows: n, cols: p } = x;
  const centred = new Float64Array(n * p);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let f = 0; f < p; f++) mean += x.data[i * p + f] ?? 0;
    mean /= p;
    let sq = 0;
    for (let f = 0; f < p; f++) {
      const v = (x.data[i * p + f] ?? 0) - mean;
      centred[i * p + f] = v;
      sq += v * v;
    }
    norms[i] = Math.sqrt(sq);
  }
  const out = new Float64Array(condensedLength(n));
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let dot = 0;
      for (let f = 0; f < p; f++) dot += (centred[i * p + f] ?? 0) * (centred[j * p + f] ?? 0);
      out[k++] = 1 - dot / ((norms[i] ?? 0) * (norms[j] ?? 0));
    }
  }
  return out;
}

/**
 * A model RDM of one generative factor: |a - b| for a continuous factor (Euclidean distance for
 * a vector, e.g. shape coefficients: values is conditions x dims), 0 for the same label and 1
 * otherwise for a categorical one.
 */
export function factorRdm(
  factor: { kind: 'continuous'; values: Matrix } | { kind: 'categorical'; labels: ArrayLike<number | string> },
): Float64Array {
  if (factor.kind === 'categorical') {
    const n = factor.labels.length;
    const out = new Float64Array(condensedLength(n));
    let k = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) out[k++] = factor.labels[i] === factor.labels[j] ? 0 : 1;
    return out;
  }
  const { rows: n, cols: d, data } = factor.values;
  const out = new Float64Array(condensedLength(n));
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let sq = 0;
      for (let c = 0; c < d; c++) sq += ((data[i * d + c] ?? 0) - (data[j * d + c] ?? 0)) ** 2;
      out[k++] = Math.sqrt(sq);
    }
  }
  return out;
}
