import { describe, expect, it } from 'vitest';
import { createMatrix, type Matrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';
import { linearCka } from './cka';
import { conditionsOf, correlationRdm, factorRdm } from './rdm';
import { averageRanks, permuteRdm, rsa, spearman } from './rsa';

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed, 'geometry-test');
  return createMatrix(
    rows,
    cols,
    Array.from({ length: rows * cols }, () => rng.next() * 2 - 1),
  );
}

const toRows = (m: Matrix): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

/** A random orthogonal matrix (Gram-Schmidt of a random one). */
function orthogonal(n: number, seed: number): Matrix {
  const q = randomMatrix(n, n, seed);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (q.data[i * n + j] ?? 0) * (q.data[i * n + k] ?? 0);
      for (let i = 0; i < n; i++) q.data[i * n + j] = (q.data[i * n + j] ?? 0) - dot * (q.data[i * n + k] ?? 0);
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (q.data[i * n + j] ?? 0) ** 2;
    for (let i = 0; i < n; i++) q.data[i * n + j] = (q.data[i * n + j] ?? 0) / Math.sqrt(norm);
  }
  return q;
}

function times(a: Matrix, b: Matrix, scale = 1): Matrix {
  const out = createMatrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += (a.data[i * a.cols + k] ?? 0) * (b.data[k * b.cols + j] ?? 0);
      out.data[i * b.cols + j] = scale * s;
    }
  return out;
}

const X = randomMatrix(12, 5, 1);
const Y = randomMatrix(12, 3, 2);
// Ties on purpose: spearman must give tied values their average rank.
const TIED_A = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
const TIED_B = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4];

/** scipy and numpy's answers (test/golden/geometry.reference.json, asked again by `npm run golden`). */
interface Reference {
  input: string;
  pdist: number[];
  spearman: number;
  spearmanRdm: number;
  cka: number;
}

const INPUT = JSON.stringify({ X: toRows(X), Y: toRows(Y), a: TIED_A, b: TIED_B });

function reference(): Reference {
  const answer = golden('geometry.reference', (): Reference => {
    const script = `
import json, sys, numpy as np
from scipy.spatial.distance import pdist
from scipy.stats import spearmanr
d = json.loads(sys.argv[1])
X, Y = np.array(d["X"]), np.array(d["Y"])
def cka(a, b):
    a = a - a.mean(0); b = b - b.mean(0)
    return float(np.linalg.norm(b.T @ a) ** 2 / (np.linalg.norm(a.T @ a) * np.linalg.norm(b.T @ b)))
rx, ry = pdist(X, "correlation"), pdist(Y, "correlation")
print(json.dumps({"pdist": rx.tolist(), "spearman": float(spearmanr(d["a"], d["b"]).correlation),
                  "spearmanRdm": float(spearmanr(rx, ry).correlation), "cka": cka(X, Y)}))`;
    return {
      input: sha256(INPUT),
      ...(pythonJson(['numpy', 'sklearn'], ['-c', script, INPUT]) as Omit<Reference, 'input'>),
    };
  });
  expect(answer.input, inputChanged('geometry.reference')).toBe(sha256(INPUT));
  return answer;
}

describe('RDMs', () => {
  it("equal scipy's pdist(X, 'correlation') and a direct 1 - Pearson r", () => {
    const rdm = correlationRdm(X);
    expect(rdm).toHaveLength(66);
    expect(conditionsOf(rdm.length)).toBe(12);
    const ref = reference().pdist;
    for (let k = 0; k < rdm.length; k++) expect(rdm[k]).toBeCloseTo(ref[k] ?? NaN, 12);
    // Pair (0, 1) by hand.
    const row = (i: number) => Array.from(X.data.subarray(i * 5, i * 5 + 5));
    const [a, b] = [row(0), row(1)];
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    const dot = a.reduce((s, v, i) => s + (v - ma) * ((b[i] ?? 0) - mb), 0);
    const norm = (v: number[], m: number) => Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0));
    expect(rdm[0]).toBeCloseTo(1 - dot / (norm(a, ma) * norm(b, mb)), 12);
  });

  it('model RDMs: 0/1 for labels, |a - b| (Euclidean) for values', () => {
    expect(Array.from(factorRdm({ kind: 'categorical', labels: ['F', 'M', 'F'] }))).toEqual([1, 0, 1]);
    const values = createMatrix(3, 2, [0, 0, 3, 4, 0, 1]);
    expect(Array.from(factorRdm({ kind: 'continuous', values }))).toEqual([5, 1, Math.sqrt(9 + 9)]);
  });
});

describe('RSA', () => {
  it("Spearman's rho equals scipy's, ties included", () => {
    expect(Array.from(averageRanks([10, 20, 10, 30]))).toEqual([1.5, 3, 1.5, 4]);
    expect(spearman(TIED_A, TIED_B)).toBeCloseTo(reference().spearman, 12);
    expect(spearman(correlationRdm(X), correlationRdm(Y))).toBeCloseTo(reference().spearmanRdm, 12);
  });

  it('relabels conditions consistently: a permuted RDM is the RDM of the permuted rows', () => {
    const perm = [3, 0, 11, 5, 2, 7, 1, 10, 4, 9, 8, 6];
    const rowsPermuted = createMatrix(12, 5);
    perm.forEach((from, to) => {
      rowsPermuted.data.set(X.data.subarray(from * 5, from * 5 + 5), to * 5);
    });
    const expected = correlationRdm(rowsPermuted);
    const permuted = permuteRdm(correlationRdm(X), perm);
    for (let k = 0; k < expected.length; k++) expect(permuted[k]).toBeCloseTo(expected[k] ?? NaN, 12);
  });

  it('finds planted structure (p at the floor) and none in a shuffled layer', () => {
    // 30 conditions: yaw drives a synthetic layer; a second layer is noise.
    const rng = createRng(5, 'planted');
    const yaw = Array.from({ length: 30 }, () => rng.next() * 60 - 30);
    const layer = createMatrix(
      30,
      8,
      Array.from({ length: 240 }, (_, k) => Math.sin((yaw[Math.floor(k / 8)] ?? 0) / 20 + (k % 8)) + 0.05 * rng.next()),
    );
    const model = factorRdm({ kind: 'continuous', values: createMatrix(30, 1, yaw) });
    const planted = rsa(correlationRdm(layer), model, 199, 1);
    expect(planted.rho).toBeGreaterThan(0.5);
    expect(planted.pValue).toBeCloseTo(1 / 200, 12);
    const noise = rsa(correlationRdm(randomMatrix(30, 8, 9)), model, 199, 1);
    expect(Math.abs(noise.rho)).toBeLessThan(0.2);
    expect(noise.pValue).toBeGreaterThan(0.05);
  });
});

describe('linear CKA', () => {
  it("equals numpy's formula", () => {
    expect(linearCka(X, Y)).toBeCloseTo(reference().cka, 12);
  });

  it('is 1 under an orthogonal transform and an isotropic scale, symmetric, and small for unrelated data', () => {
    expect(linearCka(X, times(X, orthogonal(5, 3), 2.5))).toBeCloseTo(1, 12);
    expect(linearCka(X, Y)).toBeCloseTo(linearCka(Y, X), 12);
    expect(linearCka(randomMatrix(400, 4, 11), randomMatrix(400, 4, 12))).toBeLessThan(0.05);
  });

  it('refuses representations of different samples', () => {
    expect(() => linearCka(X, randomMatrix(11, 3, 4))).toThrow(/same samples: 12 and 11 rows/);
  });
});
