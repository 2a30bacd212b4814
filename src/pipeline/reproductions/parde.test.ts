import { describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../lib/errors';
import { createMatrix, type Matrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';
import { rocAuc } from '../decode/auc';
import { samplePairs } from './pairs';
import { PARDE_2020, pairSimilarities, unitAucCurve, unitCounts, unitDraws } from './parde';
import { unitAucTsv } from './tables';

/** `perId` images of each of `identities` identities: a per-identity prototype plus noise (signal 0: noise only). */
function identityCode(identities: number, perId: number, width: number, signal: number, noise: number, seed: number) {
  const rng = createRng(seed, 'parde-test');
  const ids = new Float64Array(identities * perId);
  const units = createMatrix(identities * perId, width);
  for (let id = 0; id < identities; id++) {
    const prototype = Array.from({ length: width }, () => rng.normal(0, signal));
    for (let v = 0; v < perId; v++) {
      const i = id * perId + v;
      ids[i] = 100 + id;
      for (let u = 0; u < width; u++) units.data[i * width + u] = (prototype[u] ?? 0) + rng.normal(0, noise);
    }
  }
  return { units, ids };
}

const toRows = (m: Matrix): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

// Golden input: post-ReLU units (exact zeros, so some images have a zero vector with few units),
// the last image of each identity a copy of the one before (exact ties of the similarity).
const G = identityCode(8, 4, 6, 1, 0.8, 5);
for (let i = 0; i < G.units.data.length; i++) G.units.data[i] = Math.max(0, G.units.data[i] ?? 0);
for (let id = 0; id < 8; id++) G.units.data.copyWithin((id * 4 + 3) * 6, (id * 4 + 2) * 6, (id * 4 + 3) * 6);
const G_OPTIONS = { draws: 7, maxPairs: 200, seed: 11 };
const G_PAIRS = samplePairs(G.ids, G_OPTIONS.maxPairs, G_OPTIONS.seed);
const G_COUNTS = unitCounts(6);
const G_DRAWS = G_COUNTS.map((k) => unitDraws(6, k, G_OPTIONS.draws, G_OPTIONS.seed).map((d) => Array.from(d)));
const INPUT = JSON.stringify({
  units: toRows(G.units),
  ids: Array.from(G.ids),
  first: Array.from(G_PAIRS.first),
  second: Array.from(G_PAIRS.second),
  counts: G_COUNTS,
  draws: G_DRAWS,
});

/** scikit-learn's answer (test/golden/parde.reference.json, asked again by `npm run golden`). */
interface Reference {
  input: string;
  same: number[];
  /** Similarities of the first draw of 2 units. */
  scores2: number[];
  curve: { units: number; aucs: number[]; mean: number; sd: number }[];
}

function reference(): Reference {
  const answer = golden('parde.reference', (): Reference => {
    const script = `
import json, sys, numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.metrics.pairwise import cosine_similarity
d = json.loads(sys.argv[1])
X, ids = np.array(d["units"]), np.array(d["ids"])
f, s = np.array(d["first"]), np.array(d["second"])
same = (ids[f] == ids[s]).astype(int)
def scores(cols):
    a, b = X[f][:, cols], X[s][:, cols]
    if len(cols) == 1:
        return np.round(-np.abs(a[:, 0] - b[:, 0]), 12)
    # Rounded as ours, so that mathematically equal similarities tie in both.
    return np.round([cosine_similarity(a[i:i + 1], b[i:i + 1])[0, 0] for i in range(len(f))], 12)
curve = []
for k, draws in zip(d["counts"], d["draws"]):
    aucs = [float(roc_auc_score(same, scores(c))) for c in draws]
    sd = float(np.std(aucs, ddof=1)) if len(aucs) > 1 else 0.0
    curve.append({"units": k, "aucs": aucs, "mean": float(np.mean(aucs)), "sd": sd})
print(json.dumps({"same": same.tolist(), "scores2": scores(d["draws"][1][0]).tolist(), "curve": curve}))`;
    return {
      input: sha256(INPUT),
      ...(pythonJson(['numpy', 'sklearn'], ['-c', script, INPUT]) as Omit<Reference, 'input'>),
    };
  });
  expect(answer.input, inputChanged('parde.reference')).toBe(sha256(INPUT));
  return answer;
}

describe('unitAucCurve against scikit-learn', () => {
  it('scores the same pairs as cosine_similarity and roc_auc_score, mean and SD (ddof 1) over the draws', () => {
    const ref = reference();
    expect(Array.from(G_PAIRS.same)).toEqual(ref.same);
    const scores = pairSimilarities(G.units, G_DRAWS[1]?.[0] ?? [], G_PAIRS);
    expect(scores).toHaveLength(ref.scores2.length);
    scores.forEach((v, i) => {
      expect(Math.abs(v - (ref.scores2[i] ?? NaN))).toBeLessThan(1e-12);
    });
    // The input has zero vectors with 2 units (scored 0 by both) and exact ties.
    expect(scores.some((v) => v === 0)).toBe(true);
    const rows = unitAucCurve(G.units, G.ids, G_OPTIONS);
    expect(rows.map((r) => r.units)).toEqual([1, 2, 4, 6]);
    rows.forEach((row, r) => {
      const expected = ref.curve[r];
      expect(expected?.units).toBe(row.units);
      G_DRAWS[r]?.forEach((columns, d) => {
        expect(
          Math.abs(rocAuc(G_PAIRS.same, pairSimilarities(G.units, columns, G_PAIRS)) - (expected?.aucs[d] ?? NaN)),
        ).toBeLessThan(1e-12);
      });
      expect(Math.abs(row.meanAuc - (expected?.mean ?? NaN))).toBeLessThan(1e-12);
      expect(Math.abs(row.sdAuc - (expected?.sd ?? NaN))).toBeLessThan(1e-12);
    });
    // All 6 units: one draw, SD exactly 0.
    expect(rows.at(-1)?.sdAuc).toBe(0);
    expect(ref.curve.at(-1)?.aucs).toHaveLength(1);
  });
});

describe('planted structure', () => {
  it('a noisy identity code: AUC rises with the units to about 1; the published points sit on their rows', () => {
    const { units, ids } = identityCode(40, 10, 64, 1, 1, 1);
    const rows = unitAucCurve(units, ids, { draws: 20, maxPairs: 20_000, seed: 2 });
    expect(rows.map((r) => r.units)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    rows.slice(1).forEach((row, i) => {
      expect(row.meanAuc).toBeGreaterThan((rows[i]?.meanAuc ?? 1) - 0.005);
    });
    expect(rows[0]?.meanAuc).toBeLessThan(0.75);
    expect(rows.at(-1)?.meanAuc).toBeGreaterThan(0.99);
    expect(rows.find((r) => r.units === 2)?.published).toBe(0.72);
    expect(rows.find((r) => r.units === 16)?.published).toBe(0.95);
    expect(rows.find((r) => r.units === 8)?.published).toBeNull();
    expect(rows.every((r) => r.sdAuc >= 0)).toBe(true);
  });

  it('units unrelated to identity: AUC ≈ 0.5 at every unit count', () => {
    const { units, ids } = identityCode(40, 10, 32, 0, 1, 3);
    const rows = unitAucCurve(units, ids, { draws: 10, maxPairs: 20_000, seed: 4 });
    for (const row of rows) expect(Math.abs(row.meanAuc - 0.5)).toBeLessThan(0.03);
  });

  it('is reproducible from its seed, and another seed draws other units', () => {
    const { units, ids } = identityCode(10, 5, 16, 1, 2, 6);
    const options = { draws: 5, maxPairs: 300, seed: 9 };
    expect(unitAucCurve(units, ids, options)).toEqual(unitAucCurve(units, ids, options));
    expect(unitAucCurve(units, ids, { ...options, seed: 10 })).not.toEqual(unitAucCurve(units, ids, options));
  });

  it('stops on an aborted signal and refuses labels of the wrong length or a single identity', () => {
    const { units, ids } = identityCode(3, 3, 4, 1, 1, 7);
    const controller = new AbortController();
    controller.abort(new JobCancelledError());
    expect(() => unitAucCurve(units, ids, { draws: 2, maxPairs: 100, seed: 0 }, controller.signal)).toThrow(
      JobCancelledError,
    );
    expect(() => unitAucCurve(units, ids.subarray(1), { draws: 2, maxPairs: 100, seed: 0 })).toThrow(/identity labels/);
    expect(() => unitAucCurve(units, new Float64Array(9), { draws: 2, maxPairs: 100, seed: 0 })).toThrow(
      expect.objectContaining({ code: 'REPRO_NO_PAIRS' }),
    );
  });
});

describe('unit counts and draws', () => {
  it('doubles up to the width and ends at the width', () => {
    expect(unitCounts(512)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(unitCounts(48)).toEqual([1, 2, 4, 8, 16, 32, 48]);
    expect(unitCounts(1)).toEqual([1]);
    expect(PARDE_2020.map((p) => p.units)).toEqual([2, 4, 16, 512]);
  });

  it('draws k distinct units in range, one draw for the whole layer', () => {
    for (const columns of unitDraws(20, 7, 30, 1)) {
      expect(new Set(columns).size).toBe(7);
      expect(Math.max(...columns)).toBeLessThan(20);
    }
    expect(unitDraws(20, 20, 30, 1)).toHaveLength(1);
  });
});

describe('samplePairs', () => {
  const key = (a: number, b: number) => `${a},${b}`;

  it('takes every pair, each once, when there are at most maxPairs (brute force)', () => {
    const ids = [3, 1, 3, 2, 1, 3, 2];
    const pairs = samplePairs(ids, 21, 0);
    const got = Array.from(pairs.first, (a, p) => `${key(a, pairs.second[p] ?? -1)}:${pairs.same[p] ?? -1}`).sort();
    const expected: string[] = [];
    for (let a = 0; a < 7; a++)
      for (let b = a + 1; b < 7; b++) expected.push(`${key(a, b)}:${ids[a] === ids[b] ? 1 : 0}`);
    expect(got).toEqual(expected.sort());
  });

  it('balances a sample of distinct pairs, same flags true to the identities', () => {
    const ids = Array.from({ length: 200 }, (_, i) => Math.floor(i / 10));
    const pairs = samplePairs(ids, 1000, 1);
    const seen = new Set<string>();
    let same = 0;
    pairs.same.forEach((flag, p) => {
      const [a, b] = [pairs.first[p] ?? 0, pairs.second[p] ?? 0];
      expect(a).toBeLessThan(b);
      expect(flag).toBe(ids[a] === ids[b] ? 1 : 0);
      seen.add(key(a, b));
      same += flag;
    });
    expect(seen.size).toBe(1000);
    expect(same).toBe(500);
  });

  it('uses every pair of a scarce class and fills the budget with the other', () => {
    const ids = Array.from({ length: 40 }, (_, i) => (i < 3 ? 0 : i));
    const pairs = samplePairs(ids, 100, 2);
    expect(pairs.same.reduce((s, v) => s + v, 0)).toBe(3);
    expect(pairs.same).toHaveLength(100);
  });

  it('samples each pair of a class equally often with unequal identity sizes', () => {
    const ids = [0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2];
    // 1 + 6 + 15 = 22 same pairs, 44 different; 10 of each per sample.
    const counts = new Map<string, number>();
    const seeds = 2000;
    for (let seed = 0; seed < seeds; seed++) {
      const pairs = samplePairs(ids, 20, seed);
      pairs.same.forEach((flag, p) => {
        const k = `${flag}:${key(pairs.first[p] ?? 0, pairs.second[p] ?? 0)}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      });
    }
    for (const [flag, classSize] of [
      [1, 22],
      [0, 44],
    ] as const) {
      const values = [...counts].filter(([k]) => k.startsWith(`${flag}:`)).map(([, v]) => v);
      expect(values).toHaveLength(classSize);
      const p = 10 / classSize;
      const mean = seeds * p;
      const sd = Math.sqrt(seeds * p * (1 - p));
      for (const v of values) expect(Math.abs(v - mean)).toBeLessThan(5 * sd);
    }
  });
});

describe('unitAucTsv', () => {
  it('writes one row per unit count; an SD from one draw and a missing published value are empty', () => {
    const text = unitAucTsv(
      [
        { units: 1, meanAuc: 0.5, sdAuc: NaN, published: null },
        { units: 2, meanAuc: 0.625, sdAuc: 0.01, published: 0.72 },
      ],
      'layer06_globalpool',
    );
    expect(text).toBe(
      'layer\tunits\tsimilarity\tmean_auc\tsd_auc\tpublished_auc\n' +
        'layer06_globalpool\t1\tneg_abs_diff\t0.5\t\t\n' +
        'layer06_globalpool\t2\tcosine\t0.625\t0.01\t0.72\n',
    );
  });
});
