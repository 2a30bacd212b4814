/**
 * Ridge regression over many penalties and targets from one tridiagonalisation (DESIGN.md
 * section 5). Centre with training means; reduce the smaller Gram matrix once to tridiagonal
 * form, M = Q T Qᵀ; then every alpha and every target costs one tridiagonal solve:
 *   primal (n ≥ p): M = Xcᵀ Xc, R = Xcᵀ Yc, coef = Q (T + αI)⁻¹ Qᵀ R
 *   dual (n < p):   M = Xc Xcᵀ, R = Yc,     coef = Xcᵀ Q (T + αI)⁻¹ Qᵀ R
 * and prediction = (X - x̄) coef + ȳ. This equals sklearn's Ridge(alpha, fit_intercept=True),
 * which centres X and y with the training means. T + αI is symmetric positive definite for
 * α > 0, so its LDLᵀ needs no pivoting; Qᵀ R is computed once for all alphas.
 */
import { symmetricTridiagonal } from '../../lib/linalg/symmetricEigen';
import { GmfError } from '../../lib/errors';
import {
  type Matrix,
  MatrixShapeError,
  columnMeans,
  createMatrix,
  gram,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  outerGram,
  sliceColumns,
  subtractRowVector,
  transpose,
} from '../../lib/linalg/matrix';
import { logspace, r2Columns } from './metrics';

/** The original's grid: logspace(-3, 4, 8) = 0.001 … 10000. */
export const DEFAULT_RIDGE_ALPHAS: Float64Array = logspace(-3, 4, 8);

/** Validation predictions are made for about this many columns (alphas × targets) at once. */
const PREDICTION_COLUMNS = 1024;

export interface RidgePath {
  readonly form: 'primal' | 'dual';
  readonly xMean: Float64Array;
  readonly yMean: Float64Array;
  /** T (m × m): diagonal, and subDiagonal[i] = T[i][i-1] (m = p primal, n dual). */
  readonly diagonal: Float64Array;
  readonly subDiagonal: Float64Array;
  /** Qᵀ (m × m): row j is Q's column j. */
  readonly basis: Matrix;
  /** (Qᵀ R)ᵀ: t × m, one row per target. */
  readonly projectedTargets: Matrix;
  /** Dual form only: the centred training features Xc (n × p), to map dual coefficients to feature weights. */
  readonly centredFeatures: Matrix | null;
}

export interface RidgeOptions {
  /** Xcᵀ Xc of the training features centred by their means, when the caller already has it. */
  readonly centredGram?: Matrix;
}

/** Xᵀ X - n x̄ x̄ᵀ: the centred Gram matrix from the raw one (in place on a copy). */
export function centreGram(rawGram: Matrix, mean: Float64Array, n: number): Matrix {
  const p = mean.length;
  const out = createMatrix(p, p, rawGram.data);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) out.data[i * p + j] = (out.data[i * p + j] ?? 0) - n * (mean[i] ?? 0) * (mean[j] ?? 0);
  return out;
}

export function decomposeRidge(xTrain: Matrix, yTrain: Matrix, options: RidgeOptions = {}): RidgePath {
  if (xTrain.rows !== yTrain.rows)
    throw new MatrixShapeError(`Ridge: ${xTrain.rows} feature rows against ${yTrain.rows} target rows.`);
  if (xTrain.rows < 2)
    throw new GmfError(
      'RIDGE_TOO_FEW_SAMPLES',
      `Ridge regression needs at least 2 training samples, got ${xTrain.rows}.`,
    );
  const xMean = columnMeans(xTrain);
  const yMean = columnMeans(yTrain);
  const xc = subtractRowVector(xTrain, xMean);
  const yc = subtractRowVector(yTrain, yMean);
  const p = xTrain.cols;
  const n = xTrain.rows;
  const primal = n >= p;
  let m: Matrix;
  if (primal) {
    m = options.centredGram ?? gram(xc);
    if (m.rows !== p || m.cols !== p)
      throw new MatrixShapeError(`Ridge: the Gram matrix is ${m.rows} × ${m.cols}, expected ${p} × ${p}.`);
  } else {
    m = outerGram(xc);
  }
  const tri = symmetricTridiagonal(m);
  // Rᵀ: Ycᵀ Xc (t × p) primal, Ycᵀ (t × n) dual; then (Qᵀ R)ᵀ = Rᵀ Q, with tri.basis = Qᵀ.
  const rT = primal ? matmulTransposeA(yc, xc) : transpose(yc);
  return {
    form: primal ? 'primal' : 'dual',
    xMean,
    yMean,
    diagonal: tri.diagonal,
    subDiagonal: tri.subDiagonal,
    basis: tri.basis,
    projectedTargets: matmulTransposeB(rT, tri.basis),
    centredFeatures: primal ? null : xc,
  };
}

/**
 * Row j of the result: (T + αⱼ I)⁻¹ (Qᵀ R)_(j mod t), by LDLᵀ of the tridiagonal (pivots wᵢ,
 * multipliers lᵢ), factored once per run of equal alphas. More alphas than targets repeat the
 * targets, so several alphas can share one product.
 */
function solveShifted(path: RidgePath, alphaPerTarget: ArrayLike<number>): Matrix {
  const b = path.projectedTargets;
  const m = b.cols;
  const rows = alphaPerTarget.length;
  if (rows === 0 || rows % b.rows !== 0) throw new MatrixShapeError(`Ridge: ${rows} alphas for ${b.rows} targets.`);
  const out = createMatrix(rows, m);
  const w = new Float64Array(m);
  const l = new Float64Array(m);
  const d = path.diagonal;
  const e = path.subDiagonal;
  let factored = Number.NaN;
  for (let j = 0; j < rows; j++) {
    const alpha = alphaPerTarget[j] ?? 0;
    if (!(alpha > 0)) throw new GmfError('RIDGE_BAD_ALPHA', `Ridge penalties must be positive, got ${alpha}.`);
    if (alpha !== factored) {
      factored = alpha;
      for (let i = 0; i < m; i++) {
        const li = i > 0 ? (e[i] ?? 0) / (w[i - 1] ?? 1) : 0;
        const wi = (d[i] ?? 0) + alpha - li * (e[i] ?? 0);
        l[i] = li;
        w[i] = wi;
        if (!(wi > 0)) {
          throw new GmfError(
            'RIDGE_SINGULAR',
            `Ridge penalty ${alpha} is too small for features of this scale: the penalised Gram matrix is not positive definite to working precision.`,
          );
        }
      }
    }
    const row = j * m;
    const source = (j % b.rows) * m;
    let y = 0;
    for (let i = 0; i < m; i++) {
      y = (b.data[source + i] ?? 0) - (l[i] ?? 0) * y;
      out.data[row + i] = y;
    }
    let x = 0;
    for (let i = m - 1; i >= 0; i--) {
      x = ((out.data[row + i] ?? 0) - (i + 1 < m ? (e[i + 1] ?? 0) * x : 0)) / (w[i] ?? 1);
      out.data[row + i] = x;
    }
  }
  return out;
}

/** Feature weights transposed, one row per alpha: the targets' rows, repeated when there are more alphas. */
function weightsT(path: RidgePath, alphaPerTarget: ArrayLike<number>): Matrix {
  // (Q C)ᵀ = Cᵀ Qᵀ; dual: (Xcᵀ Q C)ᵀ = (Q C)ᵀ Xc.
  const s = matmul(solveShifted(path, alphaPerTarget), path.basis);
  return path.centredFeatures === null ? s : matmul(s, path.centredFeatures);
}

/** ȳ repeated `times` over. */
function repeat(v: Float64Array, times: number): Float64Array {
  const out = new Float64Array(v.length * times);
  for (let g = 0; g < times; g++) out.set(v, g * v.length);
  return out;
}

/** (X - x̄) coef + ȳ from centred rows and transposed weights. */
function predictCentred(xc: Matrix, coefT: Matrix, yMean: Float64Array): Matrix {
  const pred = matmulTransposeB(xc, coefT);
  const t = pred.cols;
  for (let i = 0; i < pred.rows; i++)
    for (let j = 0; j < t; j++) pred.data[i * t + j] = (pred.data[i * t + j] ?? 0) + (yMean[j] ?? 0);
  return pred;
}

function requireOneAlphaPerTarget(path: RidgePath, alphaPerTarget: ArrayLike<number>): void {
  const t = path.projectedTargets.rows;
  if (alphaPerTarget.length !== t)
    throw new MatrixShapeError(`Ridge: ${alphaPerTarget.length} alphas for ${t} targets.`);
}

/** Predictions for `x` with penalty alphaPerTarget[j] on target j. */
export function ridgePredict(path: RidgePath, x: Matrix, alphaPerTarget: ArrayLike<number>): Matrix {
  requireOneAlphaPerTarget(path, alphaPerTarget);
  return predictCentred(subtractRowVector(x, path.xMean), weightsT(path, alphaPerTarget), path.yMean);
}

/** Weights (p × t) and intercepts (t) of the fit with alphaPerTarget. */
export function ridgeWeights(
  path: RidgePath,
  alphaPerTarget: ArrayLike<number>,
): { coef: Matrix; intercept: Float64Array } {
  requireOneAlphaPerTarget(path, alphaPerTarget);
  const coefT = weightsT(path, alphaPerTarget);
  const p = coefT.cols;
  const intercept = Float64Array.from(path.yMean);
  for (let j = 0; j < coefT.rows; j++)
    for (let i = 0; i < p; i++)
      intercept[j] = (intercept[j] ?? 0) - (path.xMean[i] ?? 0) * (coefT.data[j * p + i] ?? 0);
  return { coef: transpose(coefT), intercept };
}

export interface RidgeSelection {
  /** The chosen alpha per target column. */
  readonly alphas: Float64Array;
  /** Validation R² per alpha (rows) and target (columns). */
  readonly validationScores: Matrix;
}

/** Per target, the alpha with the highest validation R² (the first one on ties, as numpy's argmax). */
export function selectRidgeAlphas(
  path: RidgePath,
  xVal: Matrix,
  yVal: Matrix,
  alphas: ArrayLike<number> = DEFAULT_RIDGE_ALPHAS,
): RidgeSelection {
  const t = path.projectedTargets.rows;
  if (yVal.cols !== t) throw new MatrixShapeError(`Ridge: ${yVal.cols} validation targets for ${t} training targets.`);
  if (alphas.length === 0) throw new GmfError('RIDGE_NO_ALPHAS', 'Ridge needs at least one alpha to choose from.');
  const xc = subtractRowVector(xVal, path.xMean);
  const scores = createMatrix(alphas.length, t);
  // Several alphas side by side per product (targets repeated), up to ~1024 columns at a time.
  const group = Math.max(1, Math.floor(PREDICTION_COLUMNS / t));
  for (let first = 0; first < alphas.length; first += group) {
    const count = Math.min(group, alphas.length - first);
    const alphaPerColumn = new Float64Array(count * t);
    for (let g = 0; g < count; g++) alphaPerColumn.fill(alphas[first + g] ?? 0, g * t, (g + 1) * t);
    const pred = predictCentred(xc, weightsT(path, alphaPerColumn), repeat(path.yMean, count));
    for (let g = 0; g < count; g++) scores.data.set(r2Columns(yVal, sliceColumns(pred, g * t, t)), (first + g) * t);
  }
  const chosen = new Float64Array(t);
  for (let j = 0; j < t; j++) {
    let best = 0;
    for (let a = 1; a < alphas.length; a++)
      if ((scores.data[a * t + j] ?? 0) > (scores.data[best * t + j] ?? 0)) best = a;
    chosen[j] = alphas[best] ?? 0;
  }
  return { alphas: chosen, validationScores: scores };
}

export interface RidgeCvResult extends RidgeSelection {
  readonly path: RidgePath;
}

/** The original's procedure: alpha chosen per target on the validation split, refit on training. */
export function fitRidgeCv(
  xTrain: Matrix,
  yTrain: Matrix,
  xVal: Matrix,
  yVal: Matrix,
  alphas: ArrayLike<number> = DEFAULT_RIDGE_ALPHAS,
  options: RidgeOptions = {},
): RidgeCvResult {
  const path = decomposeRidge(xTrain, yTrain, options);
  return { path, ...selectRidgeAlphas(path, xVal, yVal, alphas) };
}
