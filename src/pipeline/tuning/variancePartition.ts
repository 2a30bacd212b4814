/**
 * Variance partitioning of one layer across factors (README.md): out-of-sample R² of the layer's
 * components regressed on the factors' design, with identities held out by fold.
 *
 * Every fit on a fold needs only small moments of it, so a layer costs one pass over its
 * components per fold and each of the 2F + 1 factor subsets an O(p³) solve on the p design
 * columns, whatever the number of components. With training-centred X, Y (train) and Xt, Yt
 * (held out, centred by the training means), B = Xᵀ Y, C = Xtᵀ Yt, M = XᵀX + ridge, β = M⁻¹ B:
 *   SSres = ‖Yt‖² − 2 tr(M⁻¹ C Bᵀ) + tr(M⁻¹ XtᵀXt M⁻¹ B Bᵀ).
 */
import { GmfError } from '../../lib/errors';
import { inverseCholesky } from '../../lib/linalg/cholesky';
import {
  type Matrix,
  MatrixShapeError,
  columnMeans,
  gram,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  selectRows,
  subtractRowVector,
} from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import type { LayerData, TestingData, VariancePartition } from '../beyond/records';
import { type TuningDesign, tuningDesign } from './design';

export const PARTITION_FOLDS = 4;
/**
 * Ridge penalties on the standardised design columns, relative to their training sum of squares;
 * each model takes the one with the best pooled held-out R² (the same folds). A fixed tiny penalty
 * is not enough: with few testing identities the identity-level columns (age, gender, ethn, shape,
 * tex) can number about as many as a fold's training identities, where least squares interpolates
 * them and its held-out error explodes (the double-descent peak), making a factor look as if it
 * explained everything. The small optimism of choosing among 6 penalties is the same for every model.
 */
export const PARTITION_RIDGES: readonly number[] = [1e-6, 1e-3, 1e-2, 1e-1, 1, 10];
/** A column whose training spread is below this share of its magnitude is constant in the fold. */
const DEAD_COLUMN = 1e-20;

/**
 * The fold (0..K-1) holding out each sample: identities (ascending) shuffled by a seeded stream
 * and dealt round-robin, so folds differ by at most one identity and never split one.
 * K = min(PARTITION_FOLDS, identities).
 */
export function identityFolds(ids: ArrayLike<number>, seed: number): Int32Array {
  const unique = [...new Set(Array.from(ids))].sort((a, b) => a - b);
  if (unique.length < 2)
    throw new GmfError(
      'TUNING_NOT_APPLICABLE',
      `Variance partitioning holds out whole identities, so it needs at least 2 testing identities; this testing split has ${unique.length}.`,
    );
  const folds = Math.min(PARTITION_FOLDS, unique.length);
  const rng = createRng(seed, 'tuning', 'identityFolds');
  for (let i = unique.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = unique[i] ?? 0;
    unique[i] = unique[j] ?? 0;
    unique[j] = t;
  }
  const foldOfId = new Map(unique.map((id, k) => [id, k % folds]));
  return Int32Array.from(ids, (id) => foldOfId.get(id) ?? 0);
}

/** One fold's moments (p × p each, design columns) and the held-out targets' sum of squares. */
interface FoldMoments {
  xtx: Matrix;
  /** Held out XtᵀXt, C Bᵀ and B Bᵀ. */
  heldGram: Matrix;
  cross: Matrix;
  fitted: Matrix;
  heldSquares: number;
  /** Training sums of squares about the mean (the standardising scale), 0 for dead columns. */
  spread: Float64Array;
}

function sumSquares(m: Matrix): number {
  let s = 0;
  for (const v of m.data) s += v * v;
  return s;
}

function foldMoments(x: Matrix, y: Matrix, foldOf: Int32Array, fold: number): FoldMoments {
  const train: number[] = [];
  const held: number[] = [];
  foldOf.forEach((f, i) => (f === fold ? held : train).push(i));
  const xTrain = selectRows(x, train);
  const yTrain = selectRows(y, train);
  const xMean = columnMeans(xTrain);
  const yMean = columnMeans(yTrain);
  const xc = subtractRowVector(xTrain, xMean);
  const xt = subtractRowVector(selectRows(x, held), xMean);
  const yt = subtractRowVector(selectRows(y, held), yMean);
  const b = matmulTransposeA(xc, subtractRowVector(yTrain, yMean));
  const c = matmulTransposeA(xt, yt);
  const xtx = gram(xc);
  const p = x.cols;
  const spread = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let raw = 0;
    for (let i = 0; i < xTrain.rows; i++) raw += (xTrain.data[i * p + j] ?? 0) ** 2;
    const ss = xtx.data[j * p + j] ?? 0;
    spread[j] = ss > DEAD_COLUMN * raw ? ss : 0;
  }
  return {
    xtx,
    heldGram: gram(xt),
    cross: matmulTransposeB(c, b),
    fitted: matmulTransposeB(b, b),
    heldSquares: sumSquares(yt),
    spread,
  };
}

/** The block m[cols, cols] scaled by 1/√(spread_i spread_j) (the standardised design's moments). */
function scaledBlock(m: Matrix, cols: readonly number[], spread: Float64Array): Matrix {
  const k = cols.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const i = cols[a] ?? 0;
    for (let b = 0; b < k; b++) {
      const j = cols[b] ?? 0;
      out[a * k + b] = (m.data[i * m.cols + j] ?? 0) / Math.sqrt((spread[i] ?? 1) * (spread[j] ?? 1));
    }
  }
  return { rows: k, cols: k, data: out };
}

/** Held-out residual sum of squares of the ridge fit (penalty `ridge`) on the design columns `columns`. */
function heldOutResidual(m: FoldMoments, columns: readonly number[], ridge: number): number {
  const cols = columns.filter((j) => (m.spread[j] ?? 0) > 0);
  if (cols.length === 0) return m.heldSquares; // intercept only: the training mean
  const system = scaledBlock(m.xtx, cols, m.spread);
  const k = cols.length;
  for (let a = 0; a < k; a++) system.data[a * k + a] = (system.data[a * k + a] ?? 0) + ridge;
  const factor = inverseCholesky(system);
  if (factor === null)
    throw new GmfError('TUNING_SINGULAR', 'The factors’ design could not be solved even with its ridge penalty.');
  const w = factor.inverse; // L⁻¹, M⁻¹ = Wᵀ W
  const sandwich = (s: Matrix): Matrix => matmulTransposeB(matmul(w, s), w);
  const crossW = matmul(w, scaledBlock(m.cross, cols, m.spread));
  let trace = 0;
  for (let i = 0; i < k * k; i++) trace += (crossW.data[i] ?? 0) * (w.data[i] ?? 0);
  const heldW = sandwich(scaledBlock(m.heldGram, cols, m.spread));
  const fittedW = sandwich(scaledBlock(m.fitted, cols, m.spread));
  let quadratic = 0;
  for (let i = 0; i < k * k; i++) quadratic += (heldW.data[i] ?? 0) * (fittedW.data[i] ?? 0);
  return m.heldSquares - 2 * trace + quadratic;
}

/** Out-of-sample R² of every model the partition compares (may be negative: worse than the mean). */
export interface HeldOutR2 {
  /** All factors. */
  full: number;
  /** All factors but each one, in the design's group order. */
  without: number[];
  /** Each factor alone. */
  alone: number[];
}

/** Held-out R² of `features` (samples × components) on the design's factor subsets, pooled over the folds. */
export function heldOutR2(features: Matrix, design: TuningDesign, foldOf: Int32Array): HeldOutR2 {
  if (features.rows !== design.x.rows || foldOf.length !== design.x.rows)
    throw new MatrixShapeError(
      `The layer has ${features.rows} testing samples, its factors ${design.x.rows} and the folds ${foldOf.length}.`,
    );
  const total = sumSquares(subtractRowVector(features, columnMeans(features)));
  const folds = foldOf.reduce((most, f) => Math.max(most, f), -1) + 1;
  const moments = Array.from({ length: folds }, (_, f) => foldMoments(design.x, features, foldOf, f));
  const r2 = (groups: readonly number[]): number => {
    const columns = groups.flatMap((g) => design.groups[g]?.columns ?? []);
    const residual = Math.min(
      ...PARTITION_RIDGES.map((ridge) => moments.reduce((s, m) => s + heldOutResidual(m, columns, ridge), 0)),
    );
    return total > 0 ? 1 - residual / total : NaN;
  };
  const all = design.groups.map((_, g) => g);
  return {
    full: r2(all),
    without: all.map((g) => r2(all.filter((h) => h !== g))),
    alone: all.map((g) => r2([g])),
  };
}

/**
 * The partition from the held-out R²s, each floored at 0 first: a model that predicts worse than
 * the mean (it overfits) explains nothing, so a factor's unique share is at most the full R².
 */
export function partitionVariance(
  layer: string,
  features: Matrix,
  design: TuningDesign,
  foldOf: Int32Array,
): VariancePartition {
  const r2 = heldOutR2(features, design, foldOf);
  const floor = (v: number) => Math.max(0, v); // NaN stays NaN
  const full = floor(r2.full);
  return {
    layer,
    factors: design.groups.map((g) => g.name),
    full,
    unique: r2.without.map((v) => full - floor(v)),
    alone: r2.alone.map(floor),
  };
}

/** How much of the layer's testing variance each factor explains (README.md). */
export function variancePartitionOf(
  layer: LayerData,
  factors: TestingData['factors'],
  seed: number,
): VariancePartition {
  return partitionVariance(layer.name, layer.features, tuningDesign(factors), identityFolds(factors.numbers.id, seed));
}
