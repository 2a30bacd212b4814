/**
 * Beyond the original: how sure is a layer × factor score?
 *
 * - Permutation null: the fitted model's test predictions are kept and the test labels are
 *   shuffled against them, `permutations` times; p = (1 + #{null ≥ observed}) / (1 + count).
 *   The model never saw the testing split, so under "the layer carries no information about the
 *   factor" predictions and labels are independent and this test is exact. Factors constant
 *   within each identity (gender, age, shape, ...) are shuffled between whole identities, so the
 *   null keeps one label per face; the others are shuffled between images. For id itself the
 *   predictions come from cross-validation within the testing split, so the test is approximate.
 * - Bootstrap CI: testing identities are resampled with replacement (all images of a drawn
 *   identity come along, repeats as weights), the score is recomputed from the same predictions,
 *   and the percentile interval (numpy's linear interpolation) is reported.
 * Streams are keyed by (seed, factor), so every layer sees the same shuffles and resamples and
 * layers can be compared pairwise.
 */
import { GmfError } from '../../lib/errors';
import { type Rng, type StreamKey, createRng } from '../../lib/random';
import { OvrAucScorer, rescaleAuc } from './auc';
import { type Matrix, selectRows } from '../../lib/linalg/matrix';
import { r2Columns } from './metrics';

export interface InferenceOptions {
  /** Label shuffles for the null (0: no p-values). */
  readonly permutations?: number;
  /** Identity resamples for the interval (0: no intervals). */
  readonly bootstraps?: number;
  readonly seed?: StreamKey;
  /** Coverage of the interval, default 0.95. */
  readonly level?: number;
}

export interface RowInference {
  /** NaN when no permutations were asked for or the score is undefined. */
  readonly pValue: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** Scores per target column for a relabelling (index map) or a weighting of the samples. */
interface Scorer {
  readonly observed: Float64Array;
  readonly permuted: (sourceOf: Int32Array) => Float64Array;
  readonly weighted: (weights: Float64Array) => Float64Array;
}

function shuffleInPlace(values: Int32Array, rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = values[i] ?? 0;
    values[i] = values[j] ?? 0;
    values[j] = t;
  }
}

/** Dense group index per sample (0..G-1) and each group's first sample. */
function groupsOf(groups: ArrayLike<number>): { index: Int32Array; first: number[] } {
  const map = new Map<number, number>();
  const first: number[] = [];
  const index = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? 0;
    let k = map.get(g);
    if (k === undefined) {
      k = first.length;
      map.set(g, k);
      first.push(i);
    }
    index[i] = k;
  }
  return { index, first };
}

/** numpy.percentile(values, q) with linear interpolation, NaNs dropped. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

function infer(
  scorer: Scorer,
  groups: ArrayLike<number>,
  identityLevel: boolean,
  factor: string,
  options: InferenceOptions,
): RowInference[] {
  const permutations = options.permutations ?? 0;
  const bootstraps = options.bootstraps ?? 0;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new GmfError('INFERENCE_BAD_LEVEL', `The interval level must lie between 0 and 1, got ${level}.`);
  for (const [what, count] of [
    ['permutations', permutations],
    ['bootstraps', bootstraps],
  ] as const) {
    if (!Number.isInteger(count) || count < 0)
      throw new GmfError('INFERENCE_BAD_COUNT', `The number of ${what} must be a whole number ≥ 0, got ${count}.`);
  }
  const seed = options.seed ?? 0;
  const t = scorer.observed.length;
  const { index, first } = groupsOf(groups);
  const n = index.length;

  const exceed = new Float64Array(t);
  if (permutations > 0) {
    const rng = createRng(seed, 'permutation', factor);
    const order = Int32Array.from({ length: identityLevel ? first.length : n }, (_, i) => i);
    const sourceOf = new Int32Array(n);
    for (let r = 0; r < permutations; r++) {
      shuffleInPlace(order, rng);
      if (identityLevel) for (let i = 0; i < n; i++) sourceOf[i] = first[order[index[i] ?? 0] ?? 0] ?? 0;
      else sourceOf.set(order);
      const scores = scorer.permuted(sourceOf);
      for (let j = 0; j < t; j++)
        if ((scores[j] ?? Number.NaN) >= (scorer.observed[j] ?? Number.NaN)) exceed[j] = (exceed[j] ?? 0) + 1;
    }
  }
  const replicates: number[][] = Array.from({ length: t }, () => []);
  if (bootstraps > 0) {
    const rng = createRng(seed, 'bootstrap', factor);
    const drawn = new Float64Array(first.length);
    const weights = new Float64Array(n);
    for (let b = 0; b < bootstraps; b++) {
      drawn.fill(0);
      for (let k = 0; k < first.length; k++) {
        const g = rng.int(0, first.length - 1);
        drawn[g] = (drawn[g] ?? 0) + 1;
      }
      for (let i = 0; i < n; i++) weights[i] = drawn[index[i] ?? 0] ?? 0;
      const scores = scorer.weighted(weights);
      scores.forEach((s, j) => {
        if (!Number.isNaN(s)) replicates[j]?.push(s);
      });
    }
  }
  const tail = ((1 - level) / 2) * 100;
  return Array.from(scorer.observed, (obs, j) => {
    const sorted = (replicates[j] ?? []).sort((a, b) => a - b);
    return {
      pValue: permutations > 0 && !Number.isNaN(obs) ? (1 + (exceed[j] ?? 0)) / (1 + permutations) : Number.NaN,
      ciLow: bootstraps > 0 ? percentile(sorted, tail) : Number.NaN,
      ciHigh: bootstraps > 0 ? percentile(sorted, 100 - tail) : Number.NaN,
    };
  });
}

/** Whether every identity carries one value of the factor (rows compared exactly). */
function isIdentityLevel(values: Matrix | ArrayLike<number>, groups: ArrayLike<number>): boolean {
  const seen = new Map<number, number>();
  const isMatrix = 'data' in values;
  const width = isMatrix ? values.cols : 1;
  const at = (i: number, j: number): number => (isMatrix ? (values.data[i * width + j] ?? 0) : (values[i] ?? 0));
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? 0;
    const ref = seen.get(g);
    if (ref === undefined) seen.set(g, i);
    else for (let j = 0; j < width; j++) if (at(i, j) !== at(ref, j)) return false;
  }
  return true;
}

/** p-value and interval of R² per target column of a continuous factor. */
export function continuousInference(
  yTrue: Matrix,
  yPred: Matrix,
  groups: ArrayLike<number>,
  factor: string,
  options: InferenceOptions,
): RowInference[] {
  const scorer: Scorer = {
    observed: r2Columns(yTrue, yPred),
    permuted: (sourceOf) => r2Columns(selectRows(yTrue, sourceOf), yPred),
    weighted: (weights) => r2Columns(yTrue, yPred, weights),
  };
  return infer(scorer, groups, isIdentityLevel(yTrue, groups), factor, options);
}

/** p-value and interval of the rescaled one-vs-rest AUC of a categorical factor (or id). */
export function categoricalInference(
  labels: Int32Array,
  proba: Matrix,
  groups: ArrayLike<number>,
  factor: string,
  options: InferenceOptions,
  identityLevel = isIdentityLevel(labels, groups),
): RowInference {
  const auc = new OvrAucScorer(proba);
  const relabelled = new Int32Array(labels.length);
  const scorer: Scorer = {
    observed: Float64Array.of(rescaleAuc(auc.score(labels))),
    permuted: (sourceOf) => {
      for (let i = 0; i < labels.length; i++) relabelled[i] = labels[sourceOf[i] ?? 0] ?? 0;
      return Float64Array.of(rescaleAuc(auc.score(relabelled)));
    },
    weighted: (weights) => Float64Array.of(rescaleAuc(auc.score(labels, weights))),
  };
  const [row] = infer(scorer, groups, identityLevel, factor, options);
  return row ?? { pValue: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN };
}
