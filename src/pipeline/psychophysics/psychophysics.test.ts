/**
 * §1 error curves and confusion matrices against NumPy and scikit-learn (golden file
 * test/golden/psychophysics.reference.json, asked again by `npm run golden`), planted structure
 * (error that grows with |yaw| gives a U-shaped curve), and the edge cases the README promises.
 * The bootstrap resamples are drawn here from the same seeded stream and sent to NumPy as
 * identity indices; NumPy rebuilds each resample by concatenating the drawn identities' images
 * (duplicates as rows, not weights) and takes np.nanpercentile.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import type { PsychophysicsResult } from '../beyond/records';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';
import { psychophysicsOf } from './psychophysics';
import { CONFUSION_FACTORS, IDENTITIES, OPTIONS, SAMPLES, planted, plantedData } from './testData';

const data = plantedData();
const result = psychophysicsOf(data, OPTIONS);

/** What the test knows the stream draws: identity indices (first-appearance order) per resample. */
function draws(factor: string): number[][] {
  const rng = createRng(OPTIONS.seed, 'psychophysics', factor);
  return Array.from({ length: OPTIONS.bootstraps }, () =>
    Array.from({ length: IDENTITIES }, () => rng.int(0, IDENTITIES - 1)),
  );
}

interface Reference {
  input: string;
  curves: {
    edges: number[];
    n: number[];
    mae: (number | null)[];
    me: (number | null)[];
    ciLow: (number | null)[];
    ciHigh: (number | null)[];
  }[];
  confusions: number[][][];
}

const CURVES = [
  ['layer01_conv', 'yr'],
  ['layer01_conv', 'age'],
  ['layer02_globalpool', 'yr'],
  ['layer02_globalpool', 'age'],
] as const;

function oracleInput(): string {
  const layer = (name: string) => data.layers.find((l) => l.name === name);
  const prediction = (l: string, f: string) => layer(l)?.predictions.find((p) => p.factor === f);
  return JSON.stringify({
    bins: OPTIONS.bins,
    ids: Array.from(data.factors.numbers.id),
    curves: CURVES.map(([l, f]) => {
      const p = prediction(l, f);
      if (p?.kind !== 'continuous') throw new Error(`no ${l}/${f}`);
      return { true: Array.from(p.true.data), pred: Array.from(p.predicted.data), draws: draws(f) };
    }),
    confusions: ['layer01_conv', 'layer02_globalpool'].flatMap((l) =>
      CONFUSION_FACTORS.map((f) => {
        const p = prediction(l, f);
        if (p?.kind !== 'categorical') throw new Error(`no ${l}/${f}`);
        const label = (c: number) => String(p.classes[c]);
        return {
          classes: p.classes.map(String),
          true: Array.from(p.true, label),
          pred: Array.from(p.predicted, label),
        };
      }),
    ),
  });
}

const ORACLE = `
import json, sys, warnings, numpy as np
from sklearn.metrics import confusion_matrix
d = json.load(open(sys.argv[1]))
bins, ids = d["bins"], np.array(d["ids"])
_, first = np.unique(ids, return_index=True)
order = ids[np.sort(first)]  # identities in order of first appearance
members = [np.flatnonzero(ids == g) for g in order]
nan = lambda a: [None if v != v else float(v) for v in a]
curves = []
for c in d["curves"]:
    t, p = np.array(c["true"]), np.array(c["pred"])
    edges = np.linspace(t.min(), t.max(), bins + 1)
    b = np.clip(np.searchsorted(edges, t, side="right") - 1, 0, bins - 1)
    n = np.bincount(b, minlength=bins)
    assert (n == np.histogram(t, edges)[0]).all()
    err = p - t
    mae = [np.abs(err[b == k]).mean() if n[k] else np.nan for k in range(bins)]
    me = [err[b == k].mean() if n[k] else np.nan for k in range(bins)]
    reps = []
    for drawn in c["draws"]:
        rows = np.concatenate([members[g] for g in drawn])
        rb, re = b[rows], np.abs(err[rows])
        reps.append([re[rb == k].mean() if (rb == k).any() else np.nan for k in range(bins)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lo, hi = np.nanpercentile(np.array(reps), [2.5, 97.5], axis=0)
    lo[n == 0] = np.nan; hi[n == 0] = np.nan
    curves.append({"edges": edges.tolist(), "n": n.tolist(), "mae": nan(mae), "me": nan(me),
                   "ciLow": nan(lo), "ciHigh": nan(hi)})
confusions = [confusion_matrix(c["true"], c["pred"], labels=c["classes"]).tolist() for c in d["confusions"]]
print(json.dumps({"curves": curves, "confusions": confusions}))`;

function reference(): Reference {
  const input = oracleInput();
  const answer = golden('psychophysics.reference', (): Reference => {
    // Through a file: the resamples make the input too long for one command-line argument.
    const path = join(mkdtempSync(join(tmpdir(), 'gmf-psychophysics-')), 'input.json');
    writeFileSync(path, input);
    const out = pythonJson(['numpy', 'sklearn'], ['-c', ORACLE, path]) as Omit<Reference, 'input'>;
    return { input: sha256(input), ...out };
  });
  expect(answer.input, inputChanged('psychophysics.reference')).toBe(sha256(input));
  return answer;
}

const orNaN = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);

function expectClose(actual: readonly number[], expected: readonly (number | null)[], tol: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = orNaN(expected[i]);
    if (Number.isNaN(e)) expect(a).toBeNaN();
    else expect(Math.abs(a - e)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e)));
  });
}

describe('psychophysicsOf against NumPy and scikit-learn', () => {
  it('has one curve per continuous scalar factor that varies, per decoded layer, in layer order', () => {
    // xl is constant in testing, shape has many columns, softmax stored no predictions, id gets no confusion.
    expect(result.curves.map((c) => [c.layer, c.factor])).toEqual(CURVES);
    expect(result.confusions.map((c) => [c.layer, c.factor])).toEqual(
      ['layer01_conv', 'layer02_globalpool'].flatMap((l) => CONFUSION_FACTORS.map((f) => [l, f])),
    );
  });

  it('bins, counts, means and bootstrap intervals equal NumPy (1e-12 relative)', () => {
    const ref = reference();
    result.curves.forEach((c, k) => {
      const r = ref.curves[k];
      if (!r) throw new Error('missing reference curve');
      expect(c.edges).toEqual(r.edges); // np.linspace, bit for bit
      expect(c.n).toEqual(r.n);
      expect(c.n.reduce((a, b) => a + b, 0)).toBe(SAMPLES);
      expectClose(c.meanAbsError, r.mae, 1e-12);
      expectClose(c.meanError, r.me, 1e-12);
      expectClose(c.ciLow, r.ciLow, 1e-12);
      expectClose(c.ciHigh, r.ciHigh, 1e-12);
      expectClose(
        c.centres,
        r.edges.slice(0, -1).map((e, b) => (e + (r.edges[b + 1] ?? NaN)) / 2),
        1e-15,
      );
    });
    // The planted gap in yaw ([4, 16]) leaves bin 5 ([5, 15)) empty: NaN, not 0.
    const yaw = result.curves[0];
    expect(yaw?.n[5]).toBe(0);
    expect(yaw?.meanAbsError[5]).toBeNaN();
    expect(yaw?.ciLow[5]).toBeNaN();
  });

  it("confusion counts equal sklearn's confusion_matrix, labels as text", () => {
    const ref = reference();
    result.confusions.forEach((m, k) => {
      expect(m.counts).toEqual(ref.confusions[k]);
    });
    expect(result.confusions[1]?.classes).toEqual(['1', '4', '8']);
  });
});

describe('planted structure', () => {
  it('a layer whose error grows with |yaw| gives a U-shaped curve; the flat layer does not', () => {
    const curve = (l: string) => result.curves.find((c) => c.layer === l && c.factor === 'yr');
    const u = curve('layer01_conv');
    if (!u) throw new Error('no curve');
    const filled = u.meanAbsError.filter((_, b) => (u.n[b] ?? 0) > 0);
    const bottom = filled.indexOf(Math.min(...filled));
    expect(u.centres[u.meanAbsError.indexOf(Math.min(...filled))]).toBe(0);
    for (let b = 1; b < filled.length; b++)
      expect(Math.sign((filled[b] ?? 0) - (filled[b - 1] ?? 0))).toBe(b <= bottom ? -1 : 1);
    expect(Math.min(filled[0] ?? 0, filled.at(-1) ?? 0)).toBeGreaterThan(3 * (filled[bottom] ?? 0));
    const flat = curve('layer02_globalpool')?.meanAbsError.filter(Number.isFinite) ?? [];
    expect(Math.max(...flat)).toBeLessThan(2 * Math.min(...flat));
  });

  it('each interval brackets its point estimate', () => {
    for (const c of result.curves)
      c.n.forEach((n, b) => {
        if (n === 0) return;
        expect(c.ciLow[b]).toBeLessThanOrEqual(c.meanAbsError[b] ?? NaN);
        expect(c.ciHigh[b]).toBeGreaterThanOrEqual(c.meanAbsError[b] ?? NaN);
        expect(c.ciHigh[b]).toBeGreaterThan(c.ciLow[b] ?? NaN);
      });
  });

  it('is seeded: the same seed repeats, another moves only the intervals; layers share resamples', () => {
    expect(psychophysicsOf(data, OPTIONS)).toEqual(result);
    const other = psychophysicsOf(data, { ...OPTIONS, seed: OPTIONS.seed + 1 });
    expect(other.curves.map((c) => c.meanAbsError)).toEqual(result.curves.map((c) => c.meanAbsError));
    expect(other.curves[0]?.ciLow).not.toEqual(result.curves[0]?.ciLow);
    const copy = { ...data, layers: [{ ...(data.layers[0] ?? planted('x', 0)), name: 'copy' }] };
    const again = psychophysicsOf(copy, OPTIONS).curves[0];
    expect(again?.ciLow).toEqual(result.curves[0]?.ciLow);
  });
});

describe('edge cases', () => {
  it('no bootstraps: NaN intervals, the same means', () => {
    const none: PsychophysicsResult = psychophysicsOf(data, { ...OPTIONS, bootstraps: 0 });
    for (const c of none.curves) {
      expect(c.ciLow.every(Number.isNaN)).toBe(true);
      expect(c.ciHigh.every(Number.isNaN)).toBe(true);
    }
    expect(none.curves.map((c) => c.meanError)).toEqual(result.curves.map((c) => c.meanError));
  });

  it('one bin holds every sample, the maximum included', () => {
    const one = psychophysicsOf(data, { ...OPTIONS, bins: 1, bootstraps: 0 }).curves[0];
    expect(one?.n).toEqual([SAMPLES]);
    expect(one?.edges).toEqual([-45, 45]);
  });

  it('refuses bad options and predictions of the wrong length, with the reason', () => {
    expect(() => psychophysicsOf(data, { ...OPTIONS, bins: 0 })).toThrow(/whole number of bins/);
    expect(() => psychophysicsOf(data, { ...OPTIONS, bootstraps: 1.5 })).toThrow(/bootstrap resamples/);
    const short = {
      ...data,
      layers: [
        {
          ...planted('layer09_conv', 0),
          predictions: [
            {
              factor: 'age',
              kind: 'continuous' as const,
              true: createMatrix(3, 1),
              predicted: createMatrix(3, 1),
              alphas: Float64Array.from([1]),
            },
          ],
        },
      ],
    };
    expect(() => psychophysicsOf(short, OPTIONS)).toThrow(
      expect.objectContaining({
        code: 'PSYCHOPHYSICS',
        message: expect.stringContaining('age predictions of layer09_conv') as unknown,
      }),
    );
  });
});
