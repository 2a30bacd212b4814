import { describe, expect, it } from 'vitest';
import { GmfError } from '../../lib/errors';
import { crossValPredictLdaProba, stratifiedKFold } from './crossValidation';
import { LdaScatter, fitLda, ldaPredictProba } from './lda';
import { type Matrix, concatColumns, createMatrix, gram, selectRows, sliceColumns } from '../../lib/linalg/matrix';
import { at, maxAbsDiff, randomMatrix, solveLinear } from '../../../test/support/analysisTestHelpers';

/** Textbook LDA: class means, pooled covariance Σ, δ_k = x Σ⁻¹ m_k - ½ m_k Σ⁻¹ m_k + log π_k, softmax. */
function directLdaProba(x: Matrix, labels: number[], classes: number, xNew: Matrix): Matrix {
  const p = x.cols;
  const n = x.rows;
  const means = createMatrix(classes, p);
  const counts = new Array<number>(classes).fill(0);
  labels.forEach((c, i) => {
    counts[c] = (counts[c] ?? 0) + 1;
    for (let j = 0; j < p; j++) means.data[c * p + j] = (means.data[c * p + j] ?? 0) + at(x, i, j);
  });
  for (let c = 0; c < classes; c++)
    for (let j = 0; j < p; j++) means.data[c * p + j] = (means.data[c * p + j] ?? 0) / (counts[c] ?? 1);
  const cov = createMatrix(p, p);
  labels.forEach((c, i) => {
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++)
        cov.data[a * p + b] =
          (cov.data[a * p + b] ?? 0) + (at(x, i, a) - at(means, c, a)) * (at(x, i, b) - at(means, c, b));
  });
  for (let k = 0; k < p * p; k++) cov.data[k] = (cov.data[k] ?? 0) / (n - classes);
  const meansT = createMatrix(p, classes);
  for (let c = 0; c < classes; c++) for (let j = 0; j < p; j++) meansT.data[j * classes + c] = at(means, c, j);
  const a = solveLinear(cov, meansT); // p × classes: Σ⁻¹ m_k as columns
  const out = createMatrix(xNew.rows, classes);
  for (let i = 0; i < xNew.rows; i++) {
    const d = Array.from({ length: classes }, (_, c) => {
      let s = Math.log((counts[c] ?? 0) / n);
      for (let j = 0; j < p; j++) s += (at(xNew, i, j) - 0.5 * at(means, c, j)) * at(a, j, c);
      return s;
    });
    const max = Math.max(...d);
    const e = d.map((v) => Math.exp(v - max));
    const sum = e.reduce((s, v) => s + v, 0);
    e.forEach((v, c) => (out.data[i * classes + c] = v / sum));
  }
  return out;
}

/** Three Gaussian classes with shifted means and a shared, correlated covariance. */
function classData(n: number, p: number, classes: number, seed: number): { x: Matrix; labels: number[] } {
  const z = randomMatrix(n, p, `${seed}-z`);
  const mix = randomMatrix(p, p, `${seed}-mix`, 0.5);
  const shifts = randomMatrix(classes, p, `${seed}-shift`);
  const labels = Array.from({ length: n }, (_, i) => (i * 7 + seed) % classes);
  const x = createMatrix(n, p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let v = at(z, i, j) + at(shifts, labels[i] ?? 0, j) + 3;
      for (let k = 0; k < p; k++) v += 0.5 * at(z, i, k) * at(mix, k, j);
      x.data[i * p + j] = v;
    }
  }
  return { x, labels };
}

describe('LDA (sklearn svd-solver semantics)', () => {
  it('equals the textbook pooled-covariance LDA on well-conditioned data (1e-9 absolute on probabilities)', () => {
    for (const classes of [2, 3, 5]) {
      const { x, labels } = classData(120, 6, classes, classes);
      const xNew = randomMatrix(30, 6, 'new', 1.5, 3);
      const model = fitLda(x, labels, classes);
      expect(model.rank).toBe(6);
      const mine = ldaPredictProba(model, xNew);
      expect(maxAbsDiff(mine.data, directLdaProba(x, labels, classes, xNew).data)).toBeLessThan(1e-9);
      for (let i = 0; i < 30; i++)
        expect(Array.from(mine.data.subarray(i * classes, (i + 1) * classes)).reduce((s, v) => s + v, 0)).toBeCloseTo(
          1,
          14,
        );
    }
  });

  it('takes the Cholesky shortcut only when full rank is certified, with the eigen path answer (1e-10)', () => {
    const { x, labels } = classData(150, 8, 4, 12);
    const auto = fitLda(x, labels, 4);
    const eigen = fitLda(x, labels, 4, { whitening: 'eigen' });
    expect(auto.whitening).toBe('cholesky');
    expect(eigen.whitening).toBe('eigen');
    expect(maxAbsDiff(ldaPredictProba(auto, x).data, ldaPredictProba(eigen, x).data)).toBeLessThan(1e-10);
    const collinear = concatColumns([x, sliceColumns(x, 0, 1)]);
    expect(fitLda(collinear, labels, 4).whitening).toBe('eigen');
  });

  it('gives the same answer with a shared Gram matrix, or a scatter shared by several factors, as without', () => {
    const { x, labels } = classData(90, 5, 3, 7);
    const a = ldaPredictProba(fitLda(x, labels, 3), x);
    const b = ldaPredictProba(fitLda(x, labels, 3, { gram: gram(x) }), x);
    expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-10);
    const scatter = new LdaScatter(x, gram(x));
    const other = labels.map((c, i) => (c + i) % 2);
    expect(maxAbsDiff(ldaPredictProba(fitLda(x, labels, 3, { scatter }), x).data, a.data)).toBeLessThan(1e-10);
    expect(
      maxAbsDiff(
        ldaPredictProba(fitLda(x, other, 2, { scatter }), x).data,
        ldaPredictProba(fitLda(x, other, 2), x).data,
      ),
    ).toBeLessThan(1e-10);
  });

  it('handles a duplicated and a constant feature by the pseudo-inverse: same answer as without them', () => {
    const { x, labels } = classData(100, 4, 3, 9);
    const constant = createMatrix(100, 1, new Float64Array(100).fill(2.5));
    const padded = concatColumns([x, sliceColumns(x, 1, 1), constant]);
    const xNew = randomMatrix(20, 4, 'new2', 1, 3);
    const xNewPadded = concatColumns([
      xNew,
      sliceColumns(xNew, 1, 1),
      createMatrix(20, 1, new Float64Array(20).fill(2.5)),
    ]);
    const model = fitLda(padded, labels, 3);
    expect(model.rank).toBe(4);
    expect(maxAbsDiff(ldaPredictProba(model, xNewPadded).data, directLdaProba(x, labels, 3, xNew).data)).toBeLessThan(
      1e-8,
    );
  });

  it('has one probability column per class code, zero for classes absent from training', () => {
    const { x, labels } = classData(60, 3, 2, 4);
    const shifted = labels.map((c) => c * 2); // codes 0 and 2 of 3
    const proba = ldaPredictProba(fitLda(x, shifted, 3), x);
    expect(proba.cols).toBe(3);
    for (let i = 0; i < 60; i++) expect(proba.data[i * 3 + 1]).toBe(0);
  });

  it('refuses one class and too few samples with codes a program can check', () => {
    const x = randomMatrix(4, 2, 1);
    expect(() => fitLda(x, [0, 0, 0, 0], 1)).toThrow(expect.objectContaining({ code: 'LDA_ONE_CLASS' }) as GmfError);
    expect(() => fitLda(selectRows(x, [0, 1]), [0, 1], 2)).toThrow(
      expect.objectContaining({ code: 'LDA_TOO_FEW_SAMPLES' }) as GmfError,
    );
    expect(() => fitLda(x, [0, 1, 0, 5], 2)).toThrow(/label 5/);
  });
});

describe('stratified k-fold and cross-validated LDA', () => {
  it('deals every class round-robin like sklearn and shuffles only the fold labels within a class', () => {
    const labels = [3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2];
    const plain = stratifiedKFold(labels, 4, null);
    expect(Array.from(plain)).toEqual([0, 1, 2, 3, 0, 0, 1, 1, 2, 2, 3, 3, 0, 1, 2, 3]);
    const shuffled = stratifiedKFold(labels, 4, 5);
    expect(Array.from(stratifiedKFold(labels, 4, 5))).toEqual(Array.from(shuffled));
    expect(Array.from(shuffled)).not.toEqual(Array.from(plain));
    for (const c of [1, 2, 3]) {
      const folds = (fold: Int32Array): number[] => labels.flatMap((l, i) => (l === c ? [fold[i] ?? -1] : [])).sort();
      expect(folds(shuffled)).toEqual(folds(plain));
    }
    expect(() => stratifiedKFold([0, 0, 1, 1], 4)).toThrow(
      expect.objectContaining({ code: 'CV_TOO_FEW_SAMPLES' }) as GmfError,
    );
  });

  it('predicts each fold from an LDA fitted on the others (Gram shortcut equals refitting)', () => {
    const { x, labels } = classData(80, 4, 4, 3);
    const foldOf = stratifiedKFold(labels, 4, 1);
    const proba = crossValPredictLdaProba(x, labels, 4, foldOf);
    for (let f = 0; f < 4; f++) {
      const test = labels.flatMap((_, i) => ((foldOf[i] ?? -1) === f ? [i] : []));
      const train = labels.flatMap((_, i) => ((foldOf[i] ?? -1) !== f ? [i] : []));
      const expected = directLdaProba(
        selectRows(x, train),
        train.map((i) => labels[i] ?? 0),
        4,
        selectRows(x, test),
      );
      expect(maxAbsDiff(selectRows(proba, test).data, expected.data)).toBeLessThan(1e-9);
    }
  });
});
