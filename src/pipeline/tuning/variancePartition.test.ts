import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GmfError } from '../../lib/errors';
import { createMatrix } from '../../lib/linalg/matrix';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';
import { tuningDesign } from './design';
import { noise, plantedFactors, rowsOf } from './testData';
import {
  PARTITION_RIDGES,
  heldOutR2,
  identityFolds,
  partitionVariance,
  variancePartitionOf,
} from './variancePartition';

describe('the factors’ design', () => {
  it('one column per scalar, one-hot minus the first level, the first 10 shape and tex columns, constants dropped', () => {
    const f = plantedFactors({ identities: 6, images: 3, seed: 2, shapeComponents: 12, texBands: 2, texComponents: 7 });
    f.labels.ethn[4] = 'EA'; // ethn now varies: one column (WC)
    const { x, groups } = tuningDesign(f);
    expect(groups.map((g) => [g.name, g.columns.length])).toEqual([
      ['bg', 2],
      ['ethn', 1],
      ['gender', 1],
      ['age', 1],
      ['xr', 1],
      ['yr', 1],
      ['xt', 1],
      ['emo', 2],
      ['shape', 10],
      ['tex', 10],
    ]);
    expect(groups.flatMap((g) => g.columns)).toEqual(Array.from({ length: x.cols }, (_, j) => j));
    const col = (name: string, k = 0) => {
      const j = groups.find((g) => g.name === name)?.columns[k] ?? -1;
      return Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols + j]);
    };
    const n = f.samples;
    expect(col('bg', 1)).toEqual(Array.from(f.numbers.bg, (v) => (v === 2 ? 1 : 0)));
    expect(col('ethn')).toEqual(f.labels.ethn.map((v) => (v === 'WC' ? 1 : 0)));
    expect(col('gender')).toEqual(f.labels.gender.map((v) => (v === 'M' ? 1 : 0)));
    expect(col('emo', 0)).toEqual(f.labels.emo.map((v) => (v === 'happy' ? 1 : 0)));
    expect(col('emo', 1)).toEqual(f.labels.emo.map((v) => (v === 'neutral' ? 1 : 0)));
    expect(col('yr')).toEqual(Array.from(f.numbers.yr));
    expect(col('shape', 9)).toEqual(Array.from({ length: n }, (_, i) => f.shape[i * 12 + 9]));
    // tex as decomposed.h5 holds it: column j is component ⌊j / bands⌋ of band j mod bands.
    for (const j of [0, 1, 7, 9])
      expect(col('tex', j)).toEqual(
        Array.from({ length: n }, (_, i) => f.tex[(i * 2 + (j % 2)) * 7 + Math.floor(j / 2)]),
      );
  });
});

describe('identity folds', () => {
  it('never split an identity, balance identities, and follow the seed', () => {
    const f = plantedFactors({ identities: 40, images: 4, seed: 1 });
    const folds = identityFolds(f.numbers.id, 5);
    const foldOfId = new Map<number, Set<number>>();
    f.numbers.id.forEach((id, i) => foldOfId.set(id, (foldOfId.get(id) ?? new Set()).add(folds[i] ?? -1)));
    expect([...foldOfId.values()].every((s) => s.size === 1)).toBe(true);
    const perFold = [0, 1, 2, 3].map((k) => [...foldOfId.values()].filter((s) => s.has(k)).length);
    expect(perFold).toEqual([10, 10, 10, 10]);
    expect(Array.from(identityFolds(f.numbers.id, 5))).toEqual(Array.from(folds));
    expect(Array.from(identityFolds(f.numbers.id, 6))).not.toEqual(Array.from(folds));
    expect(new Set(identityFolds(Float64Array.from([3, 1, 2, 1]), 0)).size).toBe(3);
    expect(() => identityFolds(Float64Array.from([4, 4, 4]), 0)).toThrow(GmfError);
    expect(() => identityFolds(Float64Array.from([4, 4, 4]), 0)).toThrow(/at least 2 testing identities/);
  });
});

// ---- numpy's answer on the same design and folds --------------------------------------------

const FACTORS = plantedFactors({ identities: 40, images: 4, seed: 1 });
const SEED = 5;
const FOLDS = identityFolds(FACTORS.numbers.id, SEED);
// A level seen only in one identity of fold 0: absent from that fold's training part, whose
// column the fit must then leave out (as the oracle does).
const RARE_ID = FACTORS.numbers.id[FOLDS.indexOf(0)];
FACTORS.numbers.id.forEach((id, i) => {
  if (id === RARE_ID) FACTORS.labels.emo[i] = 'fear';
});
const DESIGN = tuningDesign(FACTORS);
/** Six components driven by yaw, pitch, gender, shape and background, plus noise. */
const LAYER = (() => {
  const n = FACTORS.samples;
  const y = noise(n, 6, 0.7, 'variance-layer');
  const w = noise(6, 6, 1, 'variance-weights');
  const at = (r: number, c: number) => w.data[r * 6 + c] ?? 0;
  for (let i = 0; i < n; i++)
    for (let c = 0; c < 6; c++) {
      const v =
        (at(0, c) * (FACTORS.numbers.yr[i] ?? 0)) / 30 +
        (at(1, c) * (FACTORS.numbers.xr[i] ?? 0)) / 20 +
        at(2, c) * (FACTORS.labels.gender[i] === 'F' ? 1 : 0) +
        at(3, c) * (FACTORS.shape[i * 3] ?? 0) +
        at(4, c) * Math.sin(FACTORS.numbers.bg[i] ?? 0) * 2 +
        at(5, c) * 0.3 * (c + 1);
      y.data[i * 6 + c] = (y.data[i * 6 + c] ?? 0) + v;
    }
  return y;
})();

interface VarianceReference {
  input: string;
  full: number;
  without: number[];
  alone: number[];
}

const ORACLE = `
import json, sys, numpy as np
from sklearn.metrics import r2_score
d = json.load(open(sys.argv[1]))
X, Y, folds, alphas = np.array(d["x"]), np.array(d["y"]), np.array(d["folds"]), d["alphas"]
groups = [g["columns"] for g in d["groups"]]
def r2_at(cols, alpha):
    pred = np.zeros_like(Y)
    for f in range(folds.max() + 1):
        tr, te = folds != f, folds == f
        ym = Y[tr].mean(0)
        Xtr = X[tr][:, cols]
        m = Xtr.mean(0)
        Xc = Xtr - m
        ss = (Xc ** 2).sum(0)
        live = ss > 1e-20 * (Xtr ** 2).sum(0)
        if not live.any():
            pred[te] = ym
            continue
        # Ridge on the standardised live columns as least squares on the augmented system.
        Xs = Xc[:, live] / np.sqrt(ss[live])
        k = Xs.shape[1]
        A = np.vstack([Xs, np.sqrt(alpha) * np.eye(k)])
        B = np.vstack([Y[tr] - ym, np.zeros((k, Y.shape[1]))])
        beta = np.linalg.lstsq(A, B, rcond=None)[0]
        pred[te] = ym + ((X[te][:, cols] - m)[:, live] / np.sqrt(ss[live])) @ beta
    return float(r2_score(Y, pred, multioutput="variance_weighted"))
# Each model takes its best penalty of the grid.
def r2(cols):
    return max(r2_at(cols, a) for a in alphas)
every = [c for g in groups for c in g]
full = r2(every)
without = [r2([c for h, g in enumerate(groups) if h != j for c in g]) for j in range(len(groups))]
alone = [r2(g) for g in groups]
print(json.dumps({"full": full, "without": without, "alone": alone}))
`;

function varianceReference(): VarianceReference {
  const input = JSON.stringify({
    x: rowsOf(DESIGN.x),
    y: rowsOf(LAYER),
    folds: Array.from(FOLDS),
    groups: DESIGN.groups,
    alphas: PARTITION_RIDGES,
  });
  const answer = golden('tuning.variance', (): VarianceReference => {
    const file = join(mkdtempSync(join(tmpdir(), 'gmf-tuning-')), 'input.json');
    writeFileSync(file, input);
    return {
      input: sha256(input),
      ...(pythonJson(['numpy', 'sklearn'], ['-c', ORACLE, file]) as Omit<VarianceReference, 'input'>),
    };
  });
  expect(answer.input, inputChanged('tuning.variance')).toBe(sha256(input));
  return answer;
}

describe('variance partitioning', () => {
  it("equals numpy's least squares on the same design and identity folds, pooled R² by sklearn (1e-9)", () => {
    expect(DESIGN.groups.map((g) => g.name)).toEqual(['bg', 'gender', 'age', 'xr', 'yr', 'xt', 'emo', 'shape', 'tex']);
    const mine = heldOutR2(LAYER, DESIGN, FOLDS);
    const ref = varianceReference();
    expect(Math.abs(mine.full - ref.full)).toBeLessThan(1e-9);
    mine.without.forEach((v, k) => {
      expect(Math.abs(v - (ref.without[k] ?? NaN))).toBeLessThan(1e-9);
    });
    mine.alone.forEach((v, k) => {
      expect(Math.abs(v - (ref.alone[k] ?? NaN))).toBeLessThan(1e-9);
    });
    // The partition: differences of the R²s floored at 0.
    const p = partitionVariance('layer01_conv', LAYER, DESIGN, FOLDS);
    expect(p.factors).toEqual(DESIGN.groups.map((g) => g.name));
    expect(p.full).toBeCloseTo(ref.full, 12);
    p.unique.forEach((v, k) => {
      expect(v).toBeCloseTo(ref.full - Math.max(0, ref.without[k] ?? NaN), 9);
    });
    p.alone.forEach((v, k) => {
      expect(v).toBeCloseTo(Math.max(0, ref.alone[k] ?? NaN), 9);
    });
    // The planted drivers explain much; the rest nothing (held out, they overfit: unique ≤ 0).
    expect(p.full).toBeGreaterThan(0.3);
    const unique = (name: string) => p.unique[p.factors.indexOf(name)] ?? NaN;
    for (const name of ['yr', 'xr', 'gender', 'bg']) expect(unique(name)).toBeGreaterThan(0.05);
    for (const name of ['age', 'xt', 'emo', 'tex']) expect(unique(name)).toBeLessThan(0.005);
  });

  it('gives a layer driven by yaw alone all of its explained variance to yaw', () => {
    const f = plantedFactors({ identities: 60, images: 6, seed: 8 });
    const n = f.samples;
    const w = noise(1, 8, 1, 'yaw-weights');
    const features = noise(n, 8, 0.05, 'yaw-noise');
    for (let i = 0; i < n; i++)
      for (let c = 0; c < 8; c++)
        features.data[i * 8 + c] = (features.data[i * 8 + c] ?? 0) + ((f.numbers.yr[i] ?? 0) / 30) * (w.data[c] ?? 0);
    const p = variancePartitionOf({ name: 'yaw', opNr: 1, features, predictions: [] }, f, 3);
    const k = p.factors.indexOf('yr');
    expect(p.full).toBeGreaterThan(0.99);
    expect(Math.abs((p.unique[k] ?? NaN) - p.full)).toBeLessThan(0.01);
    expect(Math.abs((p.alone[k] ?? NaN) - p.full)).toBeLessThan(0.01);
    p.factors.forEach((name, j) => {
      if (j === k) return;
      expect(Math.abs(p.unique[j] ?? NaN), name).toBeLessThan(0.005);
      expect(Math.abs(p.alone[j] ?? NaN), name).toBeLessThan(0.02);
    });
  });

  it('refuses features and factors of different samples', () => {
    expect(() => partitionVariance('x', createMatrix(3, 2), DESIGN, FOLDS)).toThrow(/3 testing samples/);
  });
});
