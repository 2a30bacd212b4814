/**
 * The image pairs an identity-verification AUC is scored on: every unordered pair of images when
 * there are at most `maxPairs`, otherwise a seeded uniform sample without replacement of
 * ⌊maxPairs / 2⌋ same-identity and as many different-identity pairs (a class with fewer pairs
 * than its half gives them all and the other class fills the budget). The AUC does not depend on
 * the ratio of the classes; balancing only keeps the scarce class (same identity) from being a
 * handful of pairs.
 */
import { GmfError } from '../../lib/errors';
import { createRng, type Rng } from '../../lib/random';

export interface PairSample {
  /** Image indices of each pair, first < second. */
  first: Uint32Array;
  second: Uint32Array;
  /** 1 where both images show the same identity. */
  same: Uint8Array;
}

/**
 * One class of pairs in images sorted by identity: image at sorted position p pairs with the
 * positions [lo[p], lo[p] + count[p]) (same identity: the rest of its group; different identity:
 * every later group), so pair r of the class is found from the prefix sums of the counts.
 */
interface PairClass {
  lo: Float64Array;
  /** prefix[p] = pairs of the positions before p; prefix[n] = all pairs of the class. */
  prefix: Float64Array;
}

function pairClass(n: number, partners: (p: number) => [lo: number, count: number]): PairClass {
  const lo = new Float64Array(n);
  const prefix = new Float64Array(n + 1);
  for (let p = 0; p < n; p++) {
    const [start, count] = partners(p);
    lo[p] = start;
    prefix[p + 1] = (prefix[p] ?? 0) + count;
  }
  return { lo, prefix };
}

const sizeOf = (c: PairClass): number => c.prefix[c.prefix.length - 1] ?? 0;

/** Sorted positions of pair `rank` of the class (binary search over the prefix sums). */
function unrank(c: PairClass, rank: number): [number, number] {
  let low = 0;
  let high = c.prefix.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((c.prefix[mid] ?? 0) <= rank) low = mid;
    else high = mid - 1;
  }
  return [low, (c.lo[low] ?? 0) + rank - (c.prefix[low] ?? 0)];
}

/** `m` distinct ranks of [0, total), ascending: Floyd's algorithm (uniform over m-subsets). */
function sampleRanks(total: number, m: number, rng: Rng): Float64Array {
  if (m >= total) return Float64Array.from({ length: total }, (_, i) => i);
  const chosen = new Set<number>();
  for (let j = total - m; j < total; j++) {
    const t = rng.int(0, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Float64Array.from(chosen).sort();
}

/** Pairs of `ids` (one identity per image) to score; see the file comment. */
export function samplePairs(ids: ArrayLike<number>, maxPairs: number, seed: number): PairSample {
  const n = ids.length;
  if (!Number.isInteger(maxPairs) || maxPairs < 2)
    throw new GmfError('REPRO_OPTIONS', `At least 2 pairs are needed to score an AUC; maxPairs is ${maxPairs}.`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (ids[a] ?? 0) - (ids[b] ?? 0) || a - b);
  const groupEnd = new Float64Array(n);
  for (let p = n - 1; p >= 0; p--) {
    const sameAsNext = p + 1 < n && ids[order[p] ?? 0] === ids[order[p + 1] ?? 0];
    groupEnd[p] = sameAsNext ? (groupEnd[p + 1] ?? n) : p + 1;
  }
  const same = pairClass(n, (p) => [p + 1, (groupEnd[p] ?? 0) - p - 1]);
  const different = pairClass(n, (p) => [groupEnd[p] ?? n, n - (groupEnd[p] ?? n)]);
  const [nSame, nDifferent] = [sizeOf(same), sizeOf(different)];
  if (nSame === 0 || nDifferent === 0)
    throw new GmfError(
      'REPRO_NO_PAIRS',
      `Identity verification needs pairs of images of the same identity and of different identities; these ${n} testing images give ${nSame} and ${nDifferent}.`,
    );
  if (nSame + nDifferent > 2 ** 32)
    throw new GmfError('REPRO_TOO_MANY_IMAGES', `${n} images give more than 2^32 pairs to sample from; use fewer.`);
  const all = nSame + nDifferent <= maxPairs;
  const takeSame = all ? nSame : Math.min(nSame, Math.floor(maxPairs / 2));
  const takeDifferent = all ? nDifferent : Math.min(nDifferent, maxPairs - takeSame);
  const picks = [
    { c: same, ranks: sampleRanks(nSame, takeSame, createRng(seed, 'parde-pairs', 'same')), flag: 1 },
    {
      c: different,
      ranks: sampleRanks(nDifferent, takeDifferent, createRng(seed, 'parde-pairs', 'different')),
      flag: 0,
    },
  ];
  const total = takeSame + takeDifferent;
  const out: PairSample = {
    first: new Uint32Array(total),
    second: new Uint32Array(total),
    same: new Uint8Array(total),
  };
  let k = 0;
  for (const { c, ranks, flag } of picks) {
    for (const rank of ranks) {
      const [p, q] = unrank(c, rank);
      const [a, b] = [order[p] ?? 0, order[q] ?? 0];
      out.first[k] = Math.min(a, b);
      out.second[k] = Math.max(a, b);
      out.same[k++] = flag;
    }
  }
  return out;
}
