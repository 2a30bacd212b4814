/**
 * Ridge regression over many penalties and targets from one eigendecomposition (DESIGN.md
 * section 5). Centre with training means; eigendecompose the smaller Gram matrix once; then
 * every alpha and every target is a diagonal rescaling:
 *   primal (n ≥ p): G = Xcᵀ Xc = V diag(l) Vᵀ, B = Vᵀ Xcᵀ Yc, prediction = (X - x̄) V (B / (l + α)) + ȳ
 *   dual (n < p):   K = Xc Xcᵀ = U diag(l) Uᵀ, B = Uᵀ Yc,    prediction = (X - x̄) Xcᵀ U (B / (l + α)) + ȳ
 * Both are stored as `basis` rows (Vᵀ, or Uᵀ Xc) so one code path predicts. This equals
 * sklearn's Ridge(alpha, fit_intercept=True), which centres X and y with the training means.
 */
import { symmetricEigen } from '../gmf/linalg/symmetricEigen';
import { GmfError } from '../errors';
import { type Matrix, MatrixShapeError, columnMeans, createMatrix, gram, matmul, matmulTransposeA, matmulTransposeB, outerGram, subtractRowVector } from './matrix';
import { logspace, r2Columns } from './metrics';

/** The original's grid: logspace(-3, 4, 8) = 0.001 … 10000. */
export const DEFAULT_RIDGE_ALPHAS: Float64Array = logspace(-3, 4, 8);

export interface RidgePath {
  readonly form: 'primal' | 'dual';
  readonly xMean: Float64Array;
  readonly yMean: Float64Array;
  /** Eigenvalues l of the Gram matrix (length r). */
  readonly eigenvalues: Float64Array;
  /** r × p: rows of Vᵀ (primal) or Uᵀ Xc (dual); (X - x̄) basisᵀ is the projected design. */
  readonly basis: Matrix;
  /** r × t: B. */
  readonly projectedTargets: Matrix;
}

export interface RidgeOptions {
  /** Xcᵀ Xc of the training features centred by their means, when the caller already has it. */
  readonly centredGram?: Matrix;
}

/** Xᵀ X - n x̄ x̄ᵀ: the centred Gram matrix from the raw one (in place on a copy). */
export function centreGram(rawGram: Matrix, mean: Float64Array, n: number): Matrix {
  const p = mean.length;
  const out = createMatrix(p, p, rawGram.data);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out.data[i * p + j] = (out.data[i * p + j] ?? 0) - n * (mean[i] ?? 0) * (mean[j] ?? 0);
  return out;
}

export function decomposeRidge(xTrain: Matrix, yTrain: Matrix, options: RidgeOptions = {}): RidgePath {
  if (xTrain.rows !== yTrain.rows) throw new MatrixShapeError(`Ridge: ${xTrain.rows} feature rows against ${yTrain.rows} target rows.`);
  if (xTrain.rows < 2) throw new GmfError('RIDGE_TOO_FEW_SAMPLES', `Ridge regression needs at least 2 training samples, got ${xTrain.rows}.`);
  const xMean = columnMeans(xTrain);
  const yMean = columnMeans(yTrain);
  const xc = subtractRowVector(xTrain, xMean);
  const yc = subtractRowVector(yTrain, yMean);
  const p = xTrain.cols;
  const n = xTrain.rows;
  if (n >= p) {
    const g = options.centredGram ?? gram(xc);
    if (g.rows !== p || g.cols !== p) throw new MatrixShapeError(`Ridge: the Gram matrix is ${g.rows} × ${g.cols}, expected ${p} × ${p}.`);
    const eig = symmetricEigen(g.data, p);
    const basis = createMatrix(p, p, eig.vectors);
    return { form: 'primal', xMean, yMean, eigenvalues: eig.values, basis, projectedTargets: matmul(basis, matmulTransposeA(xc, yc)) };
  }
  const eig = symmetricEigen(outerGram(xc).data, n);
  const u = createMatrix(n, n, eig.vectors);
  return { form: 'dual', xMean, yMean, eigenvalues: eig.values, basis: matmul(u, xc), projectedTargets: matmul(u, yc) };
}

/** (X - x̄) basisᵀ: the design in the eigenbasis, shared by every alpha. */
export function projectOnRidgeBasis(path: RidgePath, x: Matrix): Matrix {
  return matmulTransposeB(subtractRowVector(x, path.xMean), path.basis);
}

/** B / (l + αⱼ): the coefficients in the eigenbasis for one alpha per target column. */
function scaledTargets(path: RidgePath, alphaPerTarget: ArrayLike<number>): Matrix {
  const b = path.projectedTargets;
  if (alphaPerTarget.length !== b.cols) throw new MatrixShapeError(`Ridge: ${alphaPerTarget.length} alphas for ${b.cols} targets.`);
  const out = createMatrix(b.rows, b.cols);
  for (let k = 0; k < b.rows; k++) {
    const l = Math.max(path.eigenvalues[k] ?? 0, 0);
    for (let j = 0; j < b.cols; j++) out.data[k * b.cols + j] = (b.data[k * b.cols + j] ?? 0) / (l + (alphaPerTarget[j] ?? 0));
  }
  return out;
}

function addIntercept(pred: Matrix, yMean: Float64Array): Matrix {
  const t = pred.cols;
  for (let i = 0; i < pred.rows; i++) for (let j = 0; j < t; j++) pred.data[i * t + j] = (pred.data[i * t + j] ?? 0) + (yMean[j] ?? 0);
  return pred;
}

/** Predictions for `x` with penalty alphaPerTarget[j] on target j. */
export function ridgePredict(path: RidgePath, x: Matrix, alphaPerTarget: ArrayLike<number>, projected = projectOnRidgeBasis(path, x)): Matrix {
  return addIntercept(matmul(projected, scaledTargets(path, alphaPerTarget)), path.yMean);
}

/** Weights (p × t) and intercepts (t) of the refit with alphaPerTarget: coef = basisᵀ (B / (l + α)). */
export function ridgeWeights(path: RidgePath, alphaPerTarget: ArrayLike<number>): { coef: Matrix; intercept: Float64Array } {
  const coef = matmulTransposeA(path.basis, scaledTargets(path, alphaPerTarget));
  const t = coef.cols;
  const intercept = Float64Array.from(path.yMean);
  for (let i = 0; i < coef.rows; i++) for (let j = 0; j < t; j++) intercept[j] = (intercept[j] ?? 0) - (path.xMean[i] ?? 0) * (coef.data[i * t + j] ?? 0);
  return { coef, intercept };
}

export interface RidgeSelection {
  /** The chosen alpha per target column. */
  readonly alphas: Float64Array;
  /** Validation R² per alpha (rows) and target (columns). */
  readonly validationScores: Matrix;
}

/** Per target, the alpha with the highest validation R² (the first one on ties, as numpy's argmax). */
export function selectRidgeAlphas(path: RidgePath, xVal: Matrix, yVal: Matrix, alphas: ArrayLike<number> = DEFAULT_RIDGE_ALPHAS): RidgeSelection {
  const t = path.projectedTargets.cols;
  if (yVal.cols !== t) throw new MatrixShapeError(`Ridge: ${yVal.cols} validation targets for ${t} training targets.`);
  if (alphas.length === 0) throw new GmfError('RIDGE_NO_ALPHAS', 'Ridge needs at least one alpha to choose from.');
  const projected = projectOnRidgeBasis(path, xVal);
  const scores = createMatrix(alphas.length, t);
  for (let a = 0; a < alphas.length; a++) {
    const alpha = alphas[a] ?? 0;
    if (!(alpha > 0)) throw new GmfError('RIDGE_BAD_ALPHA', `Ridge penalties must be positive, got ${alpha}.`);
    const pred = ridgePredict(path, xVal, new Float64Array(t).fill(alpha), projected);
    scores.data.set(r2Columns(yVal, pred), a * t);
  }
  const chosen = new Float64Array(t);
  for (let j = 0; j < t; j++) {
    let best = 0;
    for (let a = 1; a < alphas.length; a++) if ((scores.data[a * t + j] ?? 0) > (scores.data[best * t + j] ?? 0)) best = a;
    chosen[j] = alphas[best] ?? 0;
  }
  return { alphas: chosen, validationScores: scores };
}

export interface RidgeCvResult extends RidgeSelection {
  readonly path: RidgePath;
}

/** The original's procedure: alpha chosen per target on the validation split, refit on training. */
export function fitRidgeCv(xTrain: Matrix, yTrain: Matrix, xVal: Matrix, yVal: Matrix, alphas: ArrayLike<number> = DEFAULT_RIDGE_ALPHAS, options: RidgeOptions = {}): RidgeCvResult {
  const path = decomposeRidge(xTrain, yTrain, options);
  return { path, ...selectRidgeAlphas(path, xVal, yVal, alphas) };
}
