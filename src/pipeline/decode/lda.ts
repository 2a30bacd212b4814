/**
 * Linear discriminant analysis with the semantics of sklearn's LinearDiscriminantAnalysis()
 * (solver 'svd', tol 1e-4, priors = class frequencies), whose predict_proba the original uses.
 *
 * The svd solver whitens with the pooled within-class covariance through a truncated
 * pseudo-inverse: features are scaled by their within-class std, and directions of the scaled
 * within-class scatter whose singular value √λ of √(1/(n-K)) · Xc/std is at most `tol` are
 * dropped; then the class centres are projected onto their own span, dropping directions whose
 * singular value is below tol × the largest. Discriminant scores are
 *   δ_k(x) = (x - x̄) Σ⁺ P (m_k - x̄) - ½ (m_k - x̄) Σ⁺ P (m_k - x̄) + log π_k
 * (P: that projection), and predict_proba is their softmax. Everything past Σ⁺ needs only
 * Σ⁺ Mᵀ and M Σ⁺ Mᵀ for the K centred class means M (see finishModel).
 *
 * Σ⁺ comes one of two ways, with the same numbers:
 * - full rank (the usual case): the within-class scatter is the total scatter minus a rank-K
 *   term, Sw = Xcᵀ Xc - Mᵀ diag(n_k) M, so Woodbury's identity gives Sw⁻¹ Mᵀ from the inverse
 *   Cholesky factor of the total scatter, which every factor fitted on the same rows shares
 *   (LdaScatter). It is taken only when no direction would be dropped, certified cheaply:
 *   λ_min(C) ≥ 1/trace(C⁻¹) for the within-class correlation C, with a 100× margin over tol²;
 * - otherwise the eigendecomposition of C, keeping √λ > tol (linalg/whitening.ts).
 * One deliberate difference: a feature whose within-class std is below 1e-7 of its total std
 * counts as constant (sklearn tests std == 0 exactly, which rounding decides); its direction
 * then falls under the rank cut, as an exact zero would.
 */
import { symmetricEigen } from '../../lib/linalg/symmetricEigen';
import { GmfError } from '../../lib/errors';
import { type InverseCholesky, inverseCholesky } from '../../lib/linalg/cholesky';
import { pseudoInverseSqrt } from '../../lib/linalg/whitening';
import {
  type Matrix,
  MatrixShapeError,
  columnMeans,
  createMatrix,
  gram,
  matmul,
  matmulTransposeB,
  matmulTransposeBTriangular,
  subtractRowVector,
} from '../../lib/linalg/matrix';
import { centreGram } from './ridge';

export const LDA_DEFAULT_TOL = 1e-4;
const CONSTANT_WITHIN_CLASS = 1e-7;
const CERTIFICATE_MARGIN = 100;

/** 'auto' takes the full-rank shortcut when it is certified; 'eigen' always decomposes. */
export type WhiteningMethod = 'auto' | 'eigen';

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
  /** How the pooled covariance was inverted: the certified full-rank shortcut or the eigendecomposition. */
  readonly whitening: 'cholesky' | 'eigen';
}

/** The factor of the total scatter's correlation form R = D⁻¹ Xcᵀ Xc D⁻¹ (D = √diag) = L Lᵀ. */
interface ScatterFactor extends InverseCholesky {
  /** 1 / D. */
  readonly inverseScale: Float64Array;
  /** diag((Xcᵀ Xc)⁻¹). */
  readonly inverseDiagonal: Float64Array;
}

/**
 * The training rows' mean and total scatter Xcᵀ Xc, and (on first use) the inverse Cholesky
 * factor of its correlation form: what every LDA fitted on the same rows has in common.
 */
export class LdaScatter {
  readonly rows: number;
  readonly mean: Float64Array;
  /** Xcᵀ Xc (p × p). */
  readonly centred: Matrix;
  private factor: ScatterFactor | null | undefined;

  /** `rawGram`: Xᵀ X of exactly these rows (uncentred), when the caller has it. */
  constructor(x: Matrix, rawGram?: Matrix) {
    this.rows = x.rows;
    this.mean = columnMeans(x);
    this.centred =
      rawGram === undefined ? gram(subtractRowVector(x, this.mean)) : centreGram(rawGram, this.mean, x.rows);
    const p = x.cols;
    if (this.centred.rows !== p || this.centred.cols !== p)
      throw new MatrixShapeError(
        `LDA: the Gram matrix is ${this.centred.rows} × ${this.centred.cols}, expected ${p} × ${p}.`,
      );
  }

  /** Null when the total scatter is not positive definite (then no shortcut applies). */
  inverse(): ScatterFactor | null {
    if (this.factor === undefined) this.factor = this.factorize();
    return this.factor;
  }

  private factorize(): ScatterFactor | null {
    const p = this.centred.cols;
    const g = this.centred.data;
    const inverseScale = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const v = g[j * p + j] ?? 0;
      if (!(v > 0)) return null;
      inverseScale[j] = 1 / Math.sqrt(v);
    }
    const r = new Float64Array(p * p);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) r[i * p + j] = (g[i * p + j] ?? 0) * (inverseScale[i] ?? 0) * (inverseScale[j] ?? 0);
    const inv = inverseCholesky({ rows: p, cols: p, data: r });
    if (inv === null) return null;
    const inverseDiagonal = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = j; i < p; i++) s += (inv.inverseT.data[j * p + i] ?? 0) ** 2;
      inverseDiagonal[j] = s * (inverseScale[j] ?? 0) ** 2;
    }
    return { ...inv, inverseScale, inverseDiagonal };
  }
}

export interface LdaOptions {
  readonly tol?: number;
  readonly whitening?: WhiteningMethod;
  /** Xᵀ X of exactly the training rows given (uncentred), when the caller has it. */
  readonly gram?: Matrix;
  /** The training rows' scatter, shared by several fits on the same rows (takes precedence over gram). */
  readonly scatter?: LdaScatter;
}

/** Σ⁺ pooled (times the class means): M Σ⁺ Mᵀ (K × K) and (Σ⁺ Mᵀ)ᵀ (K × p). */
interface PooledInverse {
  readonly centreGram: Float64Array;
  readonly weightsT: Matrix;
  readonly rank: number;
  readonly whitening: 'cholesky' | 'eigen';
}

export function fitLda(x: Matrix, labels: ArrayLike<number>, classes: number, options: LdaOptions = {}): LdaModel {
  const tol = options.tol ?? LDA_DEFAULT_TOL;
  const n = x.rows;
  const p = x.cols;
  if (labels.length !== n) throw new MatrixShapeError(`LDA: ${n} samples against ${labels.length} labels.`);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    const c = labels[i] ?? -1;
    if (!Number.isInteger(c) || c < 0 || c >= classes)
      throw new GmfError('LDA_BAD_LABEL', `LDA: label ${c} of sample ${i} is not a class code 0..${classes - 1}.`);
    counts[c] = (counts[c] ?? 0) + 1;
  }
  const fitted = Int32Array.from(Array.from(counts.keys()).filter((c) => (counts[c] ?? 0) > 0));
  const k = fitted.length;
  if (k < 2) throw new GmfError('LDA_ONE_CLASS', `LDA needs at least two classes in its training samples, found ${k}.`);
  if (n <= k)
    throw new GmfError(
      'LDA_TOO_FEW_SAMPLES',
      `LDA needs more samples (${n}) than classes (${k}) to estimate a pooled covariance.`,
    );

  const scatter = options.scatter ?? new LdaScatter(x, options.gram);
  if (scatter.rows !== n || scatter.mean.length !== p)
    throw new MatrixShapeError(
      `LDA: the shared scatter is of ${scatter.rows} × ${scatter.mean.length} features, the data ${n} × ${p}.`,
    );
  const mu = scatter.mean;
  const slot = new Int32Array(classes).fill(-1);
  fitted.forEach((c, s) => (slot[c] = s));
  // Centred class means (m_k - x̄), class sizes and priors; x̄ = Σ π_k m_k is the overall mean.
  const centres = createMatrix(k, p);
  const sums = centres.data;
  const xd = x.data;
  for (let i = 0; i < n; i++) {
    const o = (slot[labels[i] ?? 0] ?? 0) * p;
    for (let j = 0; j < p; j++) sums[o + j] = (sums[o + j] ?? 0) + (xd[i * p + j] ?? 0);
  }
  const sizes = new Float64Array(k);
  const priors = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    const nk = counts[fitted[s] ?? 0] ?? 1;
    sizes[s] = nk;
    priors[s] = nk / n;
    for (let j = 0; j < p; j++) centres.data[s * p + j] = (centres.data[s * p + j] ?? 0) / nk - (mu[j] ?? 0);
  }
  // Within-class sums of squares per feature: the scatter's diagonal minus the class means' part.
  const within = new Float64Array(p);
  const live: number[] = [];
  for (let j = 0; j < p; j++) {
    const total = scatter.centred.data[j * p + j] ?? 0;
    let between = 0;
    for (let s = 0; s < k; s++) between += (sizes[s] ?? 0) * (centres.data[s * p + j] ?? 0) ** 2;
    const w = Math.max(total - between, 0);
    within[j] = w;
    if (w > 0 && w > CONSTANT_WITHIN_CLASS ** 2 * total) live.push(j);
  }
  const shortcut =
    options.whitening !== 'eigen' && live.length === p ? fullRankPooled(scatter, centres, sizes, within, tol) : null;
  const pooled = shortcut ?? eigenPooled(scatter, centres, sizes, within, live, tol);
  return finishModel(classes, fitted, pooled, mu, priors, n, tol);
}

/**
 * Σ⁻¹ Mᵀ by Woodbury, or null when the full-rank shortcut is not certified. With G = Xcᵀ Xc,
 * U = Mᵀ diag(√n_k) and Z = L⁻¹ D⁻¹ U (G = D L Lᵀ D): K = I - Zᵀ Z, Sw⁻¹ U = G⁻¹ U K⁻¹,
 * Uᵀ Sw⁻¹ U = S + S K⁻¹ S with S = Zᵀ Z, and Σ⁻¹ = (n - K) Sw⁻¹.
 */
function fullRankPooled(
  scatter: LdaScatter,
  centres: Matrix,
  sizes: Float64Array,
  within: Float64Array,
  tol: number,
): PooledInverse | null {
  const factor = scatter.inverse();
  if (factor === null) return null;
  const k = centres.rows;
  const p = centres.cols;
  const n = scatter.rows;
  const vT = createMatrix(k, p);
  for (let s = 0; s < k; s++) {
    const w = Math.sqrt(sizes[s] ?? 0);
    for (let j = 0; j < p; j++) vT.data[s * p + j] = w * (centres.data[s * p + j] ?? 0) * (factor.inverseScale[j] ?? 0);
  }
  const zT = matmulTransposeBTriangular(vT, factor.inverse, 'lower');
  const sGram = matmulTransposeB(zT, zT);
  const kMat = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) kMat[i] = (i % (k + 1) === 0 ? 1 : 0) - (sGram.data[i] ?? 0);
  const kInvFactor = inverseCholesky({ rows: k, cols: k, data: kMat });
  if (kInvFactor === null) return null;
  const kInv = matmulTransposeB(kInvFactor.inverseT, kInvFactor.inverseT);
  // Yᵀ = (G⁻¹ U)ᵀ = Zᵀ L⁻¹ D⁻¹.
  const yT = matmulTransposeBTriangular(zT, factor.inverseT, 'upper');
  for (let s = 0; s < k; s++)
    for (let j = 0; j < p; j++) yT.data[s * p + j] = (yT.data[s * p + j] ?? 0) * (factor.inverseScale[j] ?? 0);
  const kInvYT = matmul(kInv, yT);
  // trace(C⁻¹) = (n - K) Σ_j std_j² (Sw⁻¹)_jj, std_j² = within_j / n, (Sw⁻¹)_jj = (G⁻¹)_jj + (Y K⁻¹ Yᵀ)_jj.
  let trace = 0;
  for (let j = 0; j < p; j++) {
    let diag = factor.inverseDiagonal[j] ?? 0;
    for (let s = 0; s < k; s++) diag += (yT.data[s * p + j] ?? 0) * (kInvYT.data[s * p + j] ?? 0);
    trace += ((within[j] ?? 0) / n) * diag;
  }
  trace *= n - k;
  if (!(trace > 0 && 1 / trace > CERTIFICATE_MARGIN * tol * tol)) return null;
  const pooled = n - k;
  const weightsT = createMatrix(k, p);
  for (let s = 0; s < k; s++) {
    const f = pooled / Math.sqrt(sizes[s] ?? 1);
    for (let j = 0; j < p; j++) weightsT.data[s * p + j] = f * (kInvYT.data[s * p + j] ?? 0);
  }
  const sKInvS = matmul(matmul(sGram, kInv), sGram);
  const centreGramOut = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const v = (sGram.data[a * k + b] ?? 0) + (sKInvS.data[a * k + b] ?? 0);
      centreGramOut[a * k + b] = (pooled * v) / Math.sqrt((sizes[a] ?? 1) * (sizes[b] ?? 1));
    }
  }
  return { centreGram: centreGramOut, weightsT, rank: p, whitening: 'cholesky' };
}

/** Σ⁺ from the eigendecomposition of the within-class correlation over the live features. */
function eigenPooled(
  scatter: LdaScatter,
  centres: Matrix,
  sizes: Float64Array,
  within: Float64Array,
  live: readonly number[],
  tol: number,
): PooledInverse {
  const k = centres.rows;
  const p = centres.cols;
  const n = scatter.rows;
  // Sw = Xcᵀ Xc - Σ n_k (m_k - x̄)(m_k - x̄)ᵀ.
  const scaled = createMatrix(k, p);
  for (let s = 0; s < k; s++) {
    const w = Math.sqrt(sizes[s] ?? 0);
    for (let j = 0; j < p; j++) scaled.data[s * p + j] = w * (centres.data[s * p + j] ?? 0);
  }
  const centreScatter = gram(scaled);
  const sw = scatter.centred.data;
  const std = new Float64Array(p).fill(1);
  for (const j of live) std[j] = Math.sqrt((within[j] ?? 0) / n);
  // Within-class correlation C = Sw / (n - K) / (std stdᵀ) over the live features.
  const q = live.length;
  const fac = 1 / (n - k);
  const corr = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    const i = live[a] ?? 0;
    for (let b = 0; b < q; b++) {
      const j = live[b] ?? 0;
      corr[a * q + b] =
        (((sw[i * p + j] ?? 0) - (centreScatter.data[i * p + j] ?? 0)) * fac) / ((std[i] ?? 1) * (std[j] ?? 1));
    }
  }
  const white = pseudoInverseSqrt({ rows: q, cols: q, data: corr }, tol);
  const rank = white.rows;
  // Whitening W (rank × p as rows) in feature units: Wᵀ W = D⁻¹ C⁺ D⁻¹ = Σ⁺ (pooled covariance).
  const whiten = createMatrix(rank, p);
  for (let r = 0; r < rank; r++)
    for (let b = 0; b < q; b++)
      whiten.data[r * p + (live[b] ?? 0)] = (white.data[r * q + b] ?? 0) / (std[live[b] ?? 0] ?? 1);
  const z = matmulTransposeB(centres, whiten); // K × rank: M Wᵀ
  return { centreGram: matmulTransposeB(z, z).data, weightsT: matmul(z, whiten), rank, whitening: 'eigen' };
}

/**
 * From M Σ⁺ Mᵀ and Σ⁺ Mᵀ: the span of the prior-weighted whitened centres (eigendecomposition of
 * their K × K Gram, directions below tol × the largest singular value dropped), the centres
 * projected onto it (a_kb = their coordinates), and coef_k = Σ_b a_kb Σ⁺ Mᵀ diag(w) u_b / σ_b.
 */
function finishModel(
  classes: number,
  fitted: Int32Array,
  pooled: PooledInverse,
  mu: Float64Array,
  priors: Float64Array,
  n: number,
  tol: number,
): LdaModel {
  const k = fitted.length;
  const p = pooled.weightsT.cols;
  const g = pooled.centreGram;
  const w = Float64Array.from(priors, (prior) => Math.sqrt((n * prior) / (k - 1)));
  const between = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) between[a * k + b] = (w[a] ?? 0) * (g[a * k + b] ?? 0) * (w[b] ?? 0);
  const eig = symmetricEigen({ rows: k, cols: k, data: between });
  const top = Math.sqrt(Math.max(eig.values[0] ?? 0, 0));
  let kept = 0;
  while (kept < k && Math.sqrt(Math.max(eig.values[kept] ?? 0, 0)) > tol * top) kept++;
  // du_b = diag(w) u_b / σ_b as rows; a = (M Σ⁺ Mᵀ) duᵀ (K × kept); coef = a (du Σ⁺ Mᵀ).
  const du = createMatrix(kept, k);
  for (let b = 0; b < kept; b++) {
    const sb = Math.sqrt(eig.values[b] ?? 0);
    for (let s = 0; s < k; s++) du.data[b * k + s] = ((w[s] ?? 0) * (eig.vectors.data[b * k + s] ?? 0)) / sb;
  }
  const a = matmulTransposeB({ rows: k, cols: k, data: g }, du);
  const coef = matmul(a, matmul(du, pooled.weightsT));
  const norm2 = new Float64Array(k);
  for (let s = 0; s < k; s++)
    for (let b = 0; b < kept; b++) norm2[s] = (norm2[s] ?? 0) + (a.data[s * kept + b] ?? 0) ** 2;
  const intercept = new Float64Array(k);
  for (let s = 0; s < k; s++) {
    let shift = 0;
    for (let j = 0; j < p; j++) shift += (mu[j] ?? 0) * (coef.data[s * p + j] ?? 0);
    intercept[s] = -0.5 * (norm2[s] ?? 0) + Math.log(priors[s] ?? 1) - shift;
  }
  return { classes, fittedClasses: fitted, coef, intercept, rank: pooled.rank, whitening: pooled.whitening };
}

/** Softmax of the discriminant scores, one column per class code (0 for classes unseen in training). */
export function ldaPredictProba(model: LdaModel, x: Matrix): Matrix {
  if (x.cols !== model.coef.cols)
    throw new MatrixShapeError(`LDA was fitted on ${model.coef.cols} features but got ${x.cols}.`);
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
    for (let s = 0; s < k; s++)
      out.data[i * model.classes + (model.fittedClasses[s] ?? 0)] = (scores.data[i * k + s] ?? 0) / sum;
  }
  return out;
}
