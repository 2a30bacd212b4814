/**
 * Parde et al. 2020 (arXiv:2002.06274; J. Vision 2021, 21(8):15, "Closing the gap between
 * single-unit and neural population codes"): identity verification AUC of a face network's top
 * layer as a function of how many of its units, chosen at random, are kept. Pure: images × units
 * in, one row per unit count out (README.md has the protocol and what differs from the paper).
 */
import { GmfError, throwIfCancelled } from '../../lib/errors';
import type { Matrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import { rocAuc } from '../decode/auc';
import { type PairSample, samplePairs } from './pairs';

export interface UnitAucRow {
  /** Units kept (chosen at random without replacement). */
  units: number;
  /** Mean AUC over the draws of units. */
  meanAuc: number;
  /** Sample SD (n − 1) of the AUC over the draws; 0 when every draw keeps every unit, NaN with one draw. */
  sdAuc: number;
  /** Parde et al.'s AUC at this many units, or null where the paper gives none. */
  published: number | null;
}

export interface UnitAucOptions {
  /** Random draws of units per unit count (the paper: many subsamples per size). */
  draws: number;
  /** Most image pairs scored (balanced same / different identity when sampled; see pairs.ts). */
  maxPairs: number;
  seed: number;
}

export const DEFAULT_UNIT_AUC_OPTIONS: Readonly<UnitAucOptions> = Object.freeze({
  draws: 50,
  maxPairs: 20_000,
  seed: 0,
});

/**
 * The paper's values (its abstract: 3,531 identities, a face network's 512-unit top layer):
 * AUC ≈ 1.0 with all 512 units, 0.95 with 16, 0.80 with 4, 0.72 with 2.
 */
export const PARDE_2020: readonly { units: number; auc: number }[] = Object.freeze([
  { units: 2, auc: 0.72 },
  { units: 4, auc: 0.8 },
  { units: 16, auc: 0.95 },
  { units: 512, auc: 1.0 },
]);

/** How two images are compared with `units` units: cosine as the paper, except with one unit (README.md). */
export type UnitSimilarity = 'cosine' | 'neg_abs_diff';

export const similarityFor = (units: number): UnitSimilarity => (units === 1 ? 'neg_abs_diff' : 'cosine');

/** 1, 2, 4, … up to `width`, and `width` itself when it is not a power of two. */
export function unitCounts(width: number): number[] {
  const counts: number[] = [];
  for (let k = 1; k <= width; k *= 2) counts.push(k);
  if (width >= 1 && counts.at(-1) !== width) counts.push(width);
  return counts;
}

/**
 * The units kept in each draw for `k` units out of `width`: a seeded partial Fisher–Yates per
 * draw, one stream per k (so adding a unit count changes no other). One draw when k = width:
 * every draw would keep the same units.
 */
export function unitDraws(width: number, k: number, draws: number, seed: number): Uint32Array[] {
  const rng = createRng(seed, 'parde-units', k);
  const pool = Uint32Array.from({ length: width }, (_, i) => i);
  const n = k === width ? 1 : draws;
  return Array.from({ length: n }, () => {
    for (let i = 0; i < k; i++) {
      const j = rng.int(i, width - 1);
      const t = pool[i] ?? 0;
      pool[i] = pool[j] ?? 0;
      pool[j] = t;
    }
    return pool.slice(0, k);
  });
}

/**
 * Scores are rounded to 12 decimals: post-ReLU units are often exactly 0, so many pairs have
 * mathematically equal cosines (two images with the same single active unit: 1) that rounding
 * noise would otherwise order at random instead of counting as ties.
 */
const TIE_SCALE = 1e12;

/**
 * Similarity of every pair with the units in `columns`, rounded (TIE_SCALE): cosine (a zero
 * vector scores 0 against everything, as scikit-learn's cosine_similarity), or −|a − b| with one unit.
 */
export function pairSimilarities(units: Matrix, columns: ArrayLike<number>, pairs: PairSample): Float64Array {
  const k = columns.length;
  const n = units.rows;
  const rows = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let c = 0; c < k; c++) {
      const v = units.data[i * units.cols + (columns[c] ?? 0)] ?? 0;
      rows[i * k + c] = v;
      norm += v * v;
    }
    // Unit-length rows make the cosine one dot product per pair; with one unit keep the raw value.
    const scale = k === 1 ? 1 : norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = 0; c < k; c++) rows[i * k + c] = (rows[i * k + c] ?? 0) * scale;
  }
  const scores = new Float64Array(pairs.same.length);
  for (let p = 0; p < scores.length; p++) {
    const a = (pairs.first[p] ?? 0) * k;
    const b = (pairs.second[p] ?? 0) * k;
    if (k === 1) {
      scores[p] = Math.round(-Math.abs((rows[a] ?? 0) - (rows[b] ?? 0)) * TIE_SCALE) / TIE_SCALE;
      continue;
    }
    let dot = 0;
    for (let c = 0; c < k; c++) dot += (rows[a + c] ?? 0) * (rows[b + c] ?? 0);
    scores[p] = Math.round(dot * TIE_SCALE) / TIE_SCALE;
  }
  return scores;
}

function meanSd(values: readonly number[], exact: boolean): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (exact) return { mean, sd: 0 };
  if (values.length < 2) return { mean, sd: Number.NaN };
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (values.length - 1)) };
}

function checkOptions(units: Matrix, ids: ArrayLike<number>, options: UnitAucOptions): void {
  if (units.rows !== ids.length)
    throw new GmfError('REPRO_SHAPE', `${units.rows} images of activations but ${ids.length} identity labels.`);
  if (units.cols < 1) throw new GmfError('REPRO_SHAPE', 'The layer has no units.');
  if (!Number.isInteger(options.draws) || options.draws < 1)
    throw new GmfError('REPRO_OPTIONS', `Draws of units must be a whole number ≥ 1, got ${options.draws}.`);
}

/**
 * Identity verification AUC (same vs different identity pairs, scored by similarity) with k
 * random units for k in `unitCounts(units.cols)`: mean and SD over `draws` draws, on one seeded
 * set of pairs shared by every k and draw, so the curve reflects the units alone.
 */
export function unitAucCurve(
  units: Matrix,
  ids: ArrayLike<number>,
  options: UnitAucOptions,
  signal?: AbortSignal,
): UnitAucRow[] {
  checkOptions(units, ids, options);
  const pairs = samplePairs(ids, options.maxPairs, options.seed);
  return unitCounts(units.cols).map((k) => {
    const aucs = unitDraws(units.cols, k, options.draws, options.seed).map((columns) => {
      if (signal) throwIfCancelled(signal);
      return rocAuc(pairs.same, pairSimilarities(units, columns, pairs));
    });
    const { mean, sd } = meanSd(aucs, k === units.cols);
    return { units: k, meanAuc: mean, sdAuc: sd, published: PARDE_2020.find((p) => p.units === k)?.auc ?? null };
  });
}
