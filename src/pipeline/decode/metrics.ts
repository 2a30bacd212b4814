/**
 * R² per target column as sklearn's r2_score(multioutput='raw_values', force_finite=True), with
 * optional sample weights (a bootstrap resample is a weighting by multiplicity).
 */
import { type Matrix, MatrixShapeError } from '../../lib/linalg/matrix';

export function r2Columns(yTrue: Matrix, yPred: Matrix, weights?: ArrayLike<number>): Float64Array {
  if (yTrue.rows !== yPred.rows || yTrue.cols !== yPred.cols) {
    throw new MatrixShapeError(
      `R² needs predictions shaped like the targets: ${yTrue.rows} × ${yTrue.cols} against ${yPred.rows} × ${yPred.cols}.`,
    );
  }
  const t = yTrue.cols;
  const mean = new Float64Array(t);
  let total = 0;
  for (let i = 0; i < yTrue.rows; i++) {
    const w = weights === undefined ? 1 : (weights[i] ?? 0);
    total += w;
    for (let j = 0; j < t; j++) mean[j] = (mean[j] ?? 0) + w * (yTrue.data[i * t + j] ?? 0);
  }
  for (let j = 0; j < t; j++) mean[j] = (mean[j] ?? 0) / total;
  const residual = new Float64Array(t);
  const spread = new Float64Array(t);
  for (let i = 0; i < yTrue.rows; i++) {
    const w = weights === undefined ? 1 : (weights[i] ?? 0);
    if (w === 0) continue;
    for (let j = 0; j < t; j++) {
      const y = yTrue.data[i * t + j] ?? 0;
      residual[j] = (residual[j] ?? 0) + w * (y - (yPred.data[i * t + j] ?? 0)) ** 2;
      spread[j] = (spread[j] ?? 0) + w * (y - (mean[j] ?? 0)) ** 2;
    }
  }
  return residual.map((num, j) => {
    const den = spread[j] ?? 0;
    if (num === 0) return 1;
    if (den === 0) return 0;
    return 1 - num / den;
  });
}

/** logspace(start, stop, num) with both ends included, as numpy. */
export function logspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  for (let i = 0; i < num; i++) out[i] = 10 ** (num === 1 ? start : start + ((stop - start) * i) / (num - 1));
  return out;
}
