import { describe, expect, it } from 'vitest';
import { type Matrix, columnMeans, createMatrix, matmul, subtractRowVector } from '../../lib/linalg/matrix';
import { r2Columns } from './metrics';
import { DEFAULT_RIDGE_ALPHAS, decomposeRidge, fitRidgeCv, ridgePredict, ridgeWeights } from './ridge';
import {
  maxRelDiff,
  naiveMatmul,
  naiveTranspose,
  randomMatrix,
  solveLinear,
} from '../../../test/support/analysisTestHelpers';

/** Textbook ridge with intercept: centre, solve (Xcᵀ Xc + αI) w = Xcᵀ yc, b = ȳ - x̄ w. */
function directRidge(x: Matrix, y: Matrix, alpha: number): { coef: Matrix; intercept: Float64Array } {
  const xm = columnMeans(x);
  const ym = columnMeans(y);
  const xc = subtractRowVector(x, xm);
  const yc = subtractRowVector(y, ym);
  const xt = naiveTranspose(xc);
  const a = naiveMatmul(xt, xc);
  for (let i = 0; i < a.rows; i++) a.data[i * a.cols + i] = (a.data[i * a.cols + i] ?? 0) + alpha;
  const coef = solveLinear(a, naiveMatmul(xt, yc));
  const intercept = Float64Array.from(ym, (m, j) => {
    let s = m;
    for (let i = 0; i < x.cols; i++) s -= (xm[i] ?? 0) * (coef.data[i * coef.cols + j] ?? 0);
    return s;
  });
  return { coef, intercept };
}

function directPredict(fit: { coef: Matrix; intercept: Float64Array }, x: Matrix): Matrix {
  const p = matmul(x, fit.coef);
  for (let i = 0; i < p.rows; i++)
    for (let j = 0; j < p.cols; j++) p.data[i * p.cols + j] = (p.data[i * p.cols + j] ?? 0) + (fit.intercept[j] ?? 0);
  return p;
}

/** Targets with a linear signal of varied strength per column, plus noise. */
function regressionData(n: number, p: number, t: number, seed: number): { x: Matrix; y: Matrix } {
  const x = randomMatrix(n, p, `${seed}-x`, 2, 0.5);
  const w = randomMatrix(p, t, `${seed}-w`);
  const noise = randomMatrix(n, t, `${seed}-noise`);
  const y = matmul(x, w);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < t; j++)
      y.data[i * t + j] = (y.data[i * t + j] ?? 0) * (j + 1) * 0.1 + (noise.data[i * t + j] ?? 0) * 3 + 7;
  return { x, y };
}

describe('ridge over alphas from one eigendecomposition', () => {
  for (const [form, n, p] of [
    ['primal', 60, 12],
    ['dual', 15, 30],
  ] as const) {
    it(`equals the direct solve (Xᵀ X + αI) w = Xᵀ y for every alpha (${form} form, 1e-8 relative)`, () => {
      const { x, y } = regressionData(n, p, 3, 11);
      const xNew = randomMatrix(9, p, 'new');
      const path = decomposeRidge(x, y);
      expect(path.form).toBe(form);
      for (const alpha of DEFAULT_RIDGE_ALPHAS) {
        const alphas = [alpha, alpha, alpha];
        const direct = directRidge(x, y, alpha);
        const weights = ridgeWeights(path, alphas);
        expect(maxRelDiff(weights.coef.data, direct.coef.data)).toBeLessThan(1e-8);
        expect(maxRelDiff(weights.intercept, direct.intercept)).toBeLessThan(1e-8);
        expect(maxRelDiff(ridgePredict(path, xNew, alphas).data, directPredict(direct, xNew).data)).toBeLessThan(1e-8);
      }
    });
  }

  it('uses a different alpha per target column, each equal to its own direct solve', () => {
    const { x, y } = regressionData(50, 8, 2, 5);
    const path = decomposeRidge(x, y);
    const weights = ridgeWeights(path, [0.01, 1000]);
    for (const [j, alpha] of [
      [0, 0.01],
      [1, 1000],
    ] as const) {
      const direct = directRidge(x, y, alpha);
      const mine = Array.from({ length: 8 }, (_, i) => weights.coef.data[i * 2 + j] ?? 0);
      const theirs = Array.from({ length: 8 }, (_, i) => direct.coef.data[i * 2 + j] ?? 0);
      expect(maxRelDiff(mine, theirs)).toBeLessThan(1e-8);
    }
  });

  it('chooses per target the alpha a brute-force loop over direct fits chooses, and refits on training', () => {
    const { x, y } = regressionData(80, 20, 4, 21);
    const { x: xVal, y: yVal } = regressionData(40, 20, 4, 22);
    const { x: xTest, y: yTest } = regressionData(40, 20, 4, 23);
    const cv = fitRidgeCv(x, y, xVal, yVal);
    const best = new Float64Array(4).fill(-Infinity);
    const chosen = new Float64Array(4);
    for (const alpha of DEFAULT_RIDGE_ALPHAS) {
      const scores = r2Columns(yVal, directPredict(directRidge(x, y, alpha), xVal));
      scores.forEach((s, j) => {
        if (s > (best[j] ?? -Infinity)) {
          best[j] = s;
          chosen[j] = alpha;
        }
      });
    }
    expect(Array.from(cv.alphas)).toEqual(Array.from(chosen));
    // The chosen alphas differ between columns (signal strength differs), so the test can fail.
    expect(new Set(cv.alphas).size).toBeGreaterThan(1);
    const testDirect = createMatrix(40, 4);
    for (let j = 0; j < 4; j++) {
      const pred = directPredict(directRidge(x, y, chosen[j] ?? 0), xTest);
      for (let i = 0; i < 40; i++) testDirect.data[i * 4 + j] = pred.data[i * 4 + j] ?? 0;
    }
    const mine = ridgePredict(cv.path, xTest, cv.alphas);
    expect(maxRelDiff(mine.data, testDirect.data)).toBeLessThan(1e-8);
    expect(maxRelDiff(r2Columns(yTest, mine), r2Columns(yTest, testDirect))).toBeLessThan(1e-8);
  });
});

describe('r2Columns (sklearn r2_score, raw_values, force_finite)', () => {
  it('matches 1 - SSres/SStot, and gives 1 for a perfect constant and 0 for an imperfect one', () => {
    const y = createMatrix(4, 3, [1, 5, 2, 2, 5, 2, 3, 5, 2, 4, 5, 2]);
    const p = createMatrix(4, 3, [1.5, 5, 2, 2, 5, 2, 2.5, 5, 2, 4, 5, 3]);
    const r2 = r2Columns(y, p);
    expect(r2[0]).toBeCloseTo(1 - 0.5 / 5, 14);
    expect(r2[1]).toBe(1);
    expect(r2[2]).toBe(0);
  });

  it('with integer weights equals the replicated sample', () => {
    const y = createMatrix(3, 1, [1, 2, 4]);
    const p = createMatrix(3, 1, [1.2, 1.7, 3.1]);
    const replicated = r2Columns(createMatrix(5, 1, [1, 2, 2, 4, 4]), createMatrix(5, 1, [1.2, 1.7, 1.7, 3.1, 3.1]));
    expect(r2Columns(y, p, [1, 2, 2])[0]).toBeCloseTo(replicated[0] ?? 0, 14);
  });
});
