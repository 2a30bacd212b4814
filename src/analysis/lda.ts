/**
 * Linear discriminant analysis with the semantics of sklearn's LinearDiscriminantAnalysis()
 * (solver 'svd', tol 1e-4, priors = class frequencies), whose predict_proba the original uses.
 *
 * The svd solver whitens with the pooled within-class covariance through a truncated
 * pseudo-inverse: features are scaled by their within-class std, and directions of the scaled
 * within-class scatter whose singular value √λ of √(1/(n-K)) · Xc/std is at most `tol` are
 * dropped; then the class centres are projected onto their own span, dropping directions whose
 * singular value is below tol × the largest. We get the same numbers from eigendecompositions of
 * the p × p within-class correlation matrix (built from a Gram matrix the caller may share across
 * factors) and of the K × K between-class Gram. Discriminant scores are
 *   δ_k(x) = (x - x̄) Σ⁺ (m_k - x̄) - ½ (m_k - x̄) Σ⁺ (m_k - x̄) + log π_k,
 * and predict_proba is their softmax. One deliberate difference: a feature whose within-class
 * std is below 1e-7 of its total std counts as constant (sklearn tests std == 0 exactly, which
 * rounding decides); its direction then falls under the rank cut, as an exact zero would.
 */
import { symmetricEigen } from '../gmf/linalg/symmetricEigen';
import { type WhiteningMethod, pseudoInverseSqrt } from './linalg/whitening';
import { GmfError } from '../errors';
import { type Matrix, MatrixShapeError, columnMeans, createMatrix, gram, matmul, matmulTransposeA, matmulTransposeB, subtractRowVector } from './matrix';
import { centreGram } from './ridge';

export const LDA_DEFAULT_TOL = 1e-4;
const CONSTANT_WITHIN_CLASS = 1e-7;

export interface LdaModel {
  /** Number of label codes (columns of predict_proba). */
  readonly classes: number;
  /** Label code of each fitted row of coef (classes seen in training, ascending). */
  readonly fittedClasses: Int32Array;
  /** Discriminant weights, one row per fitted class (K' × p), and intercepts (K'). */
  readonly coef: Matrix;
  readonly intercept: Float64Array;
  /** Rank kept of the within-class scatter. */
  readonly rank: number;
  /** How the pooled covariance was inverted (see linalg/whitening.ts). */
  readonly whitening: 'cholesky' | 'eigen';
}

export interface LdaOptions {
  readonly tol?: number;
  /** 'auto' (default) takes a Cholesky shortcut when it provably keeps every direction. */
  readonly whitening?: WhiteningMethod;
  /** Xᵀ X of exactly the training rows given (uncentred), when the caller has it. */
  readonly gram?: Matrix;
}

export function fitLda(x: Matrix, labels: ArrayLike<number>, classes: number, options: LdaOptions = {}): LdaModel {
  const tol = options.tol ?? LDA_DEFAULT_TOL;
  const n = x.rows;
  const p = x.cols;
  if (labels.length !== n) throw new MatrixShapeError(`LDA: ${n} samples against ${labels.length} labels.`);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    const c = labels[i] ?? -1;
    if (!Number.isInteger(c) || c < 0 || c >= classes) throw new GmfError('LDA_BAD_LABEL', `LDA: label ${c} of sample ${i} is not a class code 0..${classes - 1}.`);
    counts[c] = (counts[c] ?? 0) + 1;
  }
  const fitted = Int32Array.from(Array.from(counts.keys()).filter((c) => (counts[c] ?? 0) > 0));
  const k = fitted.length;
  if (k < 2) throw new GmfError('LDA_ONE_CLASS', `LDA needs at least two classes in its training samples, found ${k}.`);
  if (n <= k) throw new GmfError('LDA_TOO_FEW_SAMPLES', `LDA needs more samples (${n}) than classes (${k}) to estimate a pooled covariance.`);

  const mu = columnMeans(x);
  const slot = new Int32Array(classes).fill(-1);
  fitted.forEach((c, s) => (slot[c] = s));
  // Centred class means (m_k - x̄) and priors; x̄ = Σ π_k m_k is the overall mean.
  const centres = createMatrix(k, p);
  for (let i = 0; i < n; i++) {
    const s = slot[labels[i] ?? 0] ?? 0;
    for (let j = 0; j < p; j++) centres.data[s * p + j] = (centres.data[s * p + j] ?? 0) + (x.data[i * p + j] ?? 0);
  }
  const priors = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    const nk = counts[fitted[s] ?? 0] ?? 1;
    priors[s] = nk / n;
    for (let j = 0; j < p; j++) centres.data[s * p + j] = (centres.data[s * p + j] ?? 0) / nk - (mu[j] ?? 0);
  }

  // Within-class scatter Sw = Σ (x - x̄)(x - x̄)ᵀ - Σ n_k (m_k - x̄)(m_k - x̄)ᵀ.
  const sw = options.gram === undefined ? gram(subtractRowVector(x, mu)) : centreGram(options.gram, mu, n);
  if (sw.rows !== p || sw.cols !== p) throw new MatrixShapeError(`LDA: the Gram matrix is ${sw.rows} × ${sw.cols}, expected ${p} × ${p}.`);
  const totalVar = new Float64Array(p);
  for (let j = 0; j < p; j++) totalVar[j] = sw.data[j * p + j] ?? 0;
  const weightedCentres = createMatrix(k, p, centres.data);
  for (let s = 0; s < k; s++) for (let j = 0; j < p; j++) weightedCentres.data[s * p + j] = (weightedCentres.data[s * p + j] ?? 0) * (priors[s] ?? 0) * n;
  const centreScatter = matmulTransposeA(weightedCentres, centres);
  for (let i = 0; i < p * p; i++) sw.data[i] = (sw.data[i] ?? 0) - (centreScatter.data[i] ?? 0);
  // Features whose within-class std vanishes drop out; the rest are scaled by it.
  const live: number[] = [];
  const std = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j++) {
    const within = Math.max(sw.data[j * p + j] ?? 0, 0);
    if (within > 0 && within > CONSTANT_WITHIN_CLASS ** 2 * (totalVar[j] ?? 0)) {
      live.push(j);
      std[j] = Math.sqrt(within / n);
    }
  }
  // Within-class correlation C = Sw / (n - K) / (std stdᵀ) over the live features.
  const q = live.length;
  const fac = 1 / (n - k);
  const corr = new Float64Array(q * q);
  live.forEach((i, a) => {
    live.forEach((j, b) => {
      corr[a * q + b] = ((sw.data[i * p + j] ?? 0) * fac) / ((std[i] ?? 1) * (std[j] ?? 1));
    });
  });
  const white = pseudoInverseSqrt(corr, q, tol, options.whitening);
  const rank = white.rank;
  // Whitening W (rank × p as rows) in feature units: Wᵀ W = D⁻¹ C⁺ D⁻¹ = Σw⁺ (pooled covariance).
  const whiten = createMatrix(rank, p);
  for (let r = 0; r < rank; r++) live.forEach((j, b) => (whiten.data[r * p + j] = (white.rows[r * q + b] ?? 0) / (std[j] ?? 1)));

  // Class centres in whitened space, (m_k - x̄) W, and the span of the prior-weighted ones.
  const z = matmulTransposeB(centres, whiten); // k × rank
  const fac2 = 1 / (k - 1);
  const weighted = createMatrix(k, rank);
  for (let s = 0; s < k; s++) {
    const w = Math.sqrt(n * (priors[s] ?? 0) * fac2);
    for (let r = 0; r < rank; r++) weighted.data[s * rank + r] = w * (z.data[s * rank + r] ?? 0);
  }
  const between = symmetricEigen(matmulTransposeB(weighted, weighted).data, k);
  const top = Math.sqrt(Math.max(between.values[0] ?? 0, 0));
  const basis: Float64Array[] = [];
  for (let b = 0; b < k; b++) {
    const sb = Math.sqrt(Math.max(between.values[b] ?? 0, 0));
    if (!(sb > tol * top)) break;
    // Right singular vector: weightedᵀ u_b / σ_b.
    const v = new Float64Array(rank);
    for (let s = 0; s < k; s++) {
      const u = (between.vectors[b * k + s] ?? 0) / sb;
      for (let r = 0; r < rank; r++) v[r] = (v[r] ?? 0) + u * (weighted.data[s * rank + r] ?? 0);
    }
    basis.push(v);
  }
  // Projected centres z P (P = projector on the kept span), then back to feature weights.
  const projected = createMatrix(k, rank);
  const norm2 = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    const row = projected.data.subarray(s * rank, (s + 1) * rank);
    for (const v of basis) {
      let dot = 0;
      for (let r = 0; r < rank; r++) dot += (z.data[s * rank + r] ?? 0) * (v[r] ?? 0);
      norm2[s] = (norm2[s] ?? 0) + dot * dot;
      for (let r = 0; r < rank; r++) row[r] = (row[r] ?? 0) + dot * (v[r] ?? 0);
    }
  }
  const coef = matmul(projected, whiten);
  const intercept = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    let shift = 0;
    for (let j = 0; j < p; j++) shift += (mu[j] ?? 0) * (coef.data[s * p + j] ?? 0);
    intercept[s] = -0.5 * (norm2[s] ?? 0) + Math.log(priors[s] ?? 1) - shift;
  }
  return { classes, fittedClasses: fitted, coef, intercept, rank, whitening: white.method };
}

/** Softmax of the discriminant scores, one column per class code (0 for classes unseen in training). */
export function ldaPredictProba(model: LdaModel, x: Matrix): Matrix {
  if (x.cols !== model.coef.cols) throw new MatrixShapeError(`LDA was fitted on ${model.coef.cols} features but got ${x.cols}.`);
  const scores = matmulTransposeB(x, model.coef);
  const k = model.coef.rows;
  const out = createMatrix(x.rows, model.classes);
  for (let i = 0; i < x.rows; i++) {
    let max = -Infinity;
    for (let s = 0; s < k; s++) {
      const v = (scores.data[i * k + s] ?? 0) + (model.intercept[s] ?? 0);
      scores.data[i * k + s] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let s = 0; s < k; s++) {
      const e = Math.exp((scores.data[i * k + s] ?? 0) - max);
      scores.data[i * k + s] = e;
      sum += e;
    }
    for (let s = 0; s < k; s++) out.data[i * model.classes + (model.fittedClasses[s] ?? 0)] = (scores.data[i * k + s] ?? 0) / sum;
  }
  return out;
}
