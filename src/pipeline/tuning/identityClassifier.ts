/**
 * The identity classifier of the invariance test: StandardScaler on the training images, then
 * LDA (decode/lda.ts, sklearn's svd-solver semantics), predicting as sklearn's predict does.
 *
 * A testing side often has fewer images than the layer has components (2048 in the original's
 * analyses); LDA then takes its eigendecomposition path on p × p, seconds per fit. With fewer
 * training images than features, sklearn's svd solver keeps only the directions of the scaled
 * within-class data Y_c = (X - class means) / std with singular value √λ of √(1/(n-K)) · Y_c
 * above tol, and every discriminant depends on an image only through those coordinates. So we
 * take them first from the n × n Gram Y_c Y_cᵀ (the same rule, same tol) and fit LDA on them:
 * there the pooled covariance is diagonal and full rank, so nothing more is dropped, and the
 * scores are sklearn's up to rounding.
 */
import { type Matrix, createMatrix, matmul, matmulTransposeB, outerGram } from '../../lib/linalg/matrix';
import { leadingSymmetricEigen } from '../../lib/linalg/symmetricEigen';
import { LDA_DEFAULT_TOL, fitLda } from '../decode/lda';
import { applyScaler, fitStandardScaler } from '../decode/standardize';

/** A feature whose within-class std is below this share of its total (1 once scaled) is constant, as in lda.ts. */
const CONSTANT_WITHIN_CLASS = 1e-7;

/**
 * The training images' coordinates on the kept within-class directions: a map from scaled
 * features (rows) to r coordinates, as an r × p matrix to multiply by (Vᵀ / std).
 */
function withinClassBasis(x: Matrix, labels: ArrayLike<number>, classes: number): Matrix {
  const { rows: n, cols: p } = x;
  const sums = new Float64Array(classes * p);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    const c = labels[i] ?? 0;
    counts[c] = (counts[c] ?? 0) + 1;
    for (let j = 0; j < p; j++) sums[c * p + j] = (sums[c * p + j] ?? 0) + (x.data[i * p + j] ?? 0);
  }
  const within = createMatrix(n, p);
  const std = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const c = labels[i] ?? 0;
    for (let j = 0; j < p; j++) {
      const v = (x.data[i * p + j] ?? 0) - (sums[c * p + j] ?? 0) / (counts[c] ?? 1);
      within.data[i * p + j] = v;
      std[j] = (std[j] ?? 0) + v * v;
    }
  }
  for (let j = 0; j < p; j++) {
    const s = Math.sqrt((std[j] ?? 0) / n);
    std[j] = s > CONSTANT_WITHIN_CLASS ? s : 1;
  }
  const k = counts.filter((c) => c > 0).length;
  const fac = Math.sqrt(1 / (n - k));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) within.data[i * p + j] = ((within.data[i * p + j] ?? 0) * fac) / (std[j] ?? 1);
  // Right singular vectors of Y_c from the left ones: v = Y_cᵀ u / σ (rank ≤ n - K).
  const eig = leadingSymmetricEigen(outerGram(within), Math.max(n - k, 0));
  let rank = 0;
  while (rank < eig.vectors.rows && Math.sqrt(Math.max(eig.values[rank] ?? 0, 0)) > LDA_DEFAULT_TOL) rank++;
  const u = createMatrix(rank, n);
  for (let r = 0; r < rank; r++) {
    const s = Math.sqrt(eig.values[r] ?? 1);
    for (let i = 0; i < n; i++) u.data[r * n + i] = (eig.vectors.data[r * n + i] ?? 0) / s;
  }
  const basis = matmul(u, within); // r × p: rows v_rᵀ
  for (let r = 0; r < rank; r++)
    for (let j = 0; j < p; j++) basis.data[r * p + j] = (basis.data[r * p + j] ?? 0) / (std[j] ?? 1);
  return basis;
}

/**
 * Fits the classifier on `train` (labels are codes 0..classes-1) and returns the predicted code
 * of each row of `test`: the first class of highest discriminant score.
 */
export function predictIdentities(train: Matrix, labels: ArrayLike<number>, classes: number, test: Matrix): Int32Array {
  const scaler = fitStandardScaler(train);
  let xTrain = applyScaler(scaler, train);
  let xTest = applyScaler(scaler, test);
  const k = new Set(Array.from(labels)).size;
  if (train.cols >= train.rows - k) {
    const basis = withinClassBasis(xTrain, labels, classes);
    xTrain = matmulTransposeB(xTrain, basis);
    xTest = matmulTransposeB(xTest, basis);
  }
  const model = fitLda(xTrain, labels, classes);
  const scores = matmulTransposeB(xTest, model.coef);
  const fitted = model.coef.rows;
  return Int32Array.from({ length: test.rows }, (_, r) => {
    let best = 0;
    let bestScore = -Infinity;
    for (let s = 0; s < fitted; s++) {
      const v = (scores.data[r * fitted + s] ?? 0) + (model.intercept[s] ?? 0);
      if (v > bestScore) {
        bestScore = v;
        best = s;
      }
    }
    return model.fittedClasses[best] ?? -1;
  });
}
