/**
 * Representational similarity analysis (issue 13 §4): Spearman's rank correlation between two
 * condensed RDMs, with a permutation test that relabels the conditions of one RDM (rows and
 * columns together), the null of rsatoolbox and of Kriegeskorte et al. 2008.
 */
import { GmfError } from '../../lib/errors';
import { createRng, type StreamKey } from '../../lib/random';
import { conditionsOf } from './rdm';

/** Ranks from 1, ties given their average rank (scipy.stats.rankdata's 'average'). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end] ?? 0] === values[order[start] ?? 0]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] ?? 0] = rank;
    start = end;
  }
  return ranks;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] ?? 0;
    mb += b[i] ?? 0;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] ?? 0) - ma;
    const db = (b[i] ?? 0) - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return ab / Math.sqrt(aa * bb);
}

/** Spearman's rho (scipy.stats.spearmanr): Pearson r of the average ranks. NaN when either side is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new GmfError('RSA_SHAPE', `Spearman's rho needs two equally long lists, got ${a.length} and ${b.length}.`);
  return pearson(averageRanks(a), averageRanks(b));
}

/** `rdm` with its conditions relabelled by `perm` (new condition i is old condition perm[i]). */
export function permuteRdm(rdm: Float64Array, perm: ArrayLike<number>): Float64Array {
  const n = conditionsOf(rdm.length);
  const at = (i: number, j: number): number => {
    const [r, c] = i < j ? [i, j] : [j, i];
    return rdm[r * n - (r * (r + 1)) / 2 + (c - r - 1)] ?? NaN;
  };
  const out = new Float64Array(rdm.length);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[k++] = at(perm[i] ?? 0, perm[j] ?? 0);
  return out;
}

export interface RsaResult {
  rho: number;
  /** (1 + #{null rho >= rho}) / (1 + permutations); NaN without permutations. */
  pValue: number;
}

/**
 * One side of Spearman's rho, computed once: an RDM's average ranks, centred, their norm, and
 * (for a model RDM relabelled by permutations) the same centred ranks as a square n × n matrix.
 * Relabelling conditions only moves entries, so the ranks of a permuted RDM are the permuted ranks.
 */
export interface RankedRdm {
  conditions: number;
  /** Centred average ranks, condensed order. */
  centred: Float64Array;
  norm: number;
  /** Centred ranks as a symmetric n × n matrix (0 on the diagonal), for gathering permuted entries. */
  square: Float64Array;
}

export function rankRdm(rdm: ArrayLike<number>): RankedRdm {
  const n = conditionsOf(rdm.length);
  const ranks = averageRanks(rdm);
  let mean = 0;
  for (const r of ranks) mean += r;
  mean /= ranks.length;
  const centred = ranks.map((r) => r - mean);
  let sq = 0;
  for (const v of centred) sq += v * v;
  const square = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = centred[k++] ?? 0;
      square[i * n + j] = v;
      square[j * n + i] = v;
    }
  return { conditions: n, centred, norm: Math.sqrt(sq), square };
}

/** Null rho within this of the observed one counts as reaching it (sums in another order). */
const TIE = 1e-12;

/**
 * RSA from ranked RDMs (geometryOf ranks each layer and each factor once): rho, and
 * `permutations` relabellings of the model's conditions seeded by (seed, ...streams), each a
 * gather and a dot product.
 */
export function rsaRanked(
  data: RankedRdm,
  model: RankedRdm,
  permutations: number,
  seed: StreamKey,
  ...streams: StreamKey[]
): RsaResult {
  if (data.centred.length !== model.centred.length)
    throw new GmfError(
      'RSA_SHAPE',
      `The RDMs cover ${data.centred.length} and ${model.centred.length} pairs, not the same conditions.`,
    );
  const scale = data.norm * model.norm;
  let dot = 0;
  for (let k = 0; k < data.centred.length; k++) dot += (data.centred[k] ?? 0) * (model.centred[k] ?? 0);
  const rho = dot / scale;
  if (permutations === 0 || Number.isNaN(rho)) return { rho, pValue: NaN };
  const n = model.conditions;
  const rng = createRng(seed, 'rsa-permutation', ...streams);
  const perm = new Int32Array(n).map((_, i) => i);
  const { centred } = data;
  const { square } = model;
  let atLeast = 0;
  for (let t = 0; t < permutations; t++) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(0, i);
      const swap = perm[i] ?? 0;
      perm[i] = perm[j] ?? 0;
      perm[j] = swap;
    }
    let sum = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const row = (perm[i] ?? 0) * n;
      for (let j = i + 1; j < n; j++) sum += (centred[k++] ?? 0) * (square[row + (perm[j] ?? 0)] ?? 0);
    }
    if (sum / scale >= rho - TIE) atLeast++;
  }
  return { rho, pValue: (1 + atLeast) / (1 + permutations) };
}

/** RSA of two RDMs over the same conditions, with `permutations` relabellings of `model` seeded by (seed, ...streams). */
export function rsa(
  data: Float64Array,
  model: Float64Array,
  permutations: number,
  seed: StreamKey,
  ...streams: StreamKey[]
): RsaResult {
  if (data.length !== model.length)
    throw new GmfError(
      'RSA_SHAPE',
      `The RDMs cover ${data.length} and ${model.length} pairs, not the same conditions.`,
    );
  return rsaRanked(rankRdm(data), rankRdm(model), permutations, seed, ...streams);
}
