/**
 * ROC-AUC as the Mann–Whitney U statistic with ties counted half (average ranks), which is what
 * sklearn's roc_auc_score computes with its trapezoids. Each score column is sorted once; every
 * later evaluation (other labels for a permutation, multiplicity weights for a bootstrap) is one
 * linear pass over the sorted tie groups.
 */
import { type Matrix, MatrixShapeError } from '../../lib/linalg/matrix';

/** One score column in ascending order, cut into groups of exactly equal scores. */
export interface RankedScores {
  /** Sample indices by ascending score. */
  readonly order: Uint32Array;
  /** groupEnds[g] is one past the last position of tie group g in `order`. */
  readonly groupEnds: Uint32Array;
}

export function rankScores(scores: ArrayLike<number>): RankedScores {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  const ends: number[] = [];
  for (let k = 1; k <= n; k++) {
    if (k === n || (scores[order[k] ?? 0] ?? 0) !== (scores[order[k - 1] ?? 0] ?? 0)) ends.push(k);
  }
  return { order, groupEnds: Uint32Array.from(ends) };
}

/**
 * P(score of a positive > score of a negative) + ½ P(equal), each sample counted `weights[i]`
 * times (1 when omitted). NaN when there are no positives or no negatives.
 */
export function weightedAuc(
  ranked: RankedScores,
  isPositive: (sample: number) => boolean,
  weights?: ArrayLike<number>,
): number {
  let sum = 0;
  let negBelow = 0;
  let posTotal = 0;
  let start = 0;
  for (const end of ranked.groupEnds) {
    let pos = 0;
    let neg = 0;
    for (let k = start; k < end; k++) {
      const i = ranked.order[k] ?? 0;
      const w = weights === undefined ? 1 : (weights[i] ?? 0);
      if (isPositive(i)) pos += w;
      else neg += w;
    }
    sum += pos * (negBelow + 0.5 * neg);
    negBelow += neg;
    posTotal += pos;
    start = end;
  }
  return posTotal > 0 && negBelow > 0 ? sum / (posTotal * negBelow) : Number.NaN;
}

/** Binary ROC-AUC: positives are the samples whose label is truthy / non-zero. */
export function rocAuc(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  if (labels.length !== scores.length)
    throw new MatrixShapeError(`ROC-AUC: ${labels.length} labels against ${scores.length} scores.`);
  return weightedAuc(rankScores(scores), (i) => Boolean(labels[i]));
}

/** (AUC - 0.5) / 0.5: chance 0, perfect 1, as the original reports it. */
export function rescaleAuc(auc: number): number {
  return (auc - 0.5) / 0.5;
}

/**
 * One-vs-rest ROC-AUC over class probabilities, macro-averaged, as sklearn's
 * roc_auc_score(multi_class='ovr', average='macro'); with two classes, the binary AUC of the
 * second column (what the original passes for binary factors). Classes absent from the labels
 * being scored are left out of the average (sklearn would refuse the call).
 */
export class OvrAucScorer {
  private readonly ranked: RankedScores[];
  readonly classes: number;

  constructor(proba: Matrix) {
    this.classes = proba.cols;
    const columns = this.classes === 2 ? [1] : Array.from({ length: this.classes }, (_, c) => c);
    this.ranked = [];
    const column = new Float64Array(proba.rows);
    for (const c of columns) {
      for (let i = 0; i < proba.rows; i++) column[i] = proba.data[i * proba.cols + c] ?? 0;
      this.ranked.push(rankScores(column));
    }
  }

  /** Macro AUC for `labels` (codes 0..classes-1 per sample); NaN when fewer than two classes occur. */
  score(labels: ArrayLike<number>, weights?: ArrayLike<number>): number {
    const binary = this.ranked[0];
    if (this.classes === 2 && binary !== undefined) return weightedAuc(binary, (i) => labels[i] === 1, weights);
    let sum = 0;
    let count = 0;
    this.ranked.forEach((ranked, c) => {
      const auc = weightedAuc(ranked, (i) => labels[i] === c, weights);
      if (!Number.isNaN(auc)) {
        sum += auc;
        count++;
      }
    });
    return count > 0 ? sum / count : Number.NaN;
  }
}

export function rocAucOvr(labels: ArrayLike<number>, proba: Matrix): number {
  if (labels.length !== proba.rows)
    throw new MatrixShapeError(`ROC-AUC: ${labels.length} labels against ${proba.rows} rows of probabilities.`);
  return new OvrAucScorer(proba).score(labels);
}
