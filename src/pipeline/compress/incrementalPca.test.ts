import { describe, expect, it } from 'vitest';
import { GmfError } from '../../lib/errors';
import { symmetricEigen } from '../../lib/linalg/symmetricEigen';
import { createIncrementalPca, fitIncrementalPca, partialFitIncrementalPca, pcaTransform } from './incrementalPca';
import { thinSvd } from '../../lib/linalg/thinSvd';
import {
  type Matrix,
  columnMeans,
  columnStd,
  createMatrix,
  gram,
  matmul,
  matmulTransposeB,
  selectRows,
  subtractRowVector,
  topRows,
} from '../../lib/linalg/matrix';
import { maxAbsDiff, maxRelDiff, randomMatrix } from '../../../test/support/analysisTestHelpers';

/** PCA of all rows at once: eigenvectors of the covariance, ratios against its trace. */
function fullPca(x: Matrix, k: number): { components: Matrix; ratio: Float64Array } {
  const xc = subtractRowVector(x, columnMeans(x));
  const eig = symmetricEigen(gram(xc));
  const trace = eig.values.reduce((s, v) => s + v, 0);
  return {
    components: createMatrix(k, x.cols, eig.vectors.data.subarray(0, k * x.cols)),
    ratio: eig.values.slice(0, k).map((v) => v / trace),
  };
}

/** sin of the largest principal angle between the row spaces of two k × p orthonormal bases. */
function maxSinAngle(a: Matrix, b: Matrix): number {
  const m = matmulTransposeB(a, b);
  const cos2 = symmetricEigen(matmulTransposeB(m, m)).values;
  return Math.sqrt(Math.max(0, 1 - Math.min(...cos2)));
}

function batches(x: Matrix, size: number): Matrix[] {
  const out: Matrix[] = [];
  for (let start = 0; start < x.rows; start += size)
    out.push(
      selectRows(
        x,
        Array.from({ length: Math.min(size, x.rows - start) }, (_, i) => start + i),
      ),
    );
  return out;
}

/** n × p data of exact rank r (plus a mean), column scales spread over two decades. */
function lowRank(n: number, p: number, r: number, seed: number): Matrix {
  const z = randomMatrix(n, r, `${seed}-z`);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < r; j++) z.data[i * r + j] = (z.data[i * r + j] ?? 0) * 10 ** (1 - j / r);
  const x = matmul(z, randomMatrix(r, p, `${seed}-a`));
  for (let k = 0; k < x.data.length; k++) x.data[k] = (x.data[k] ?? 0) + 5;
  return x;
}

describe('incremental PCA (sklearn IncrementalPCA algorithm)', () => {
  const cases = [
    { name: 'rank-4 data, 4 components, tall stacks', x: lowRank(207, 15, 4, 1), k: 4, batch: 40 },
    { name: 'rank-5 data, 5 components, wide stacks (X Xᵀ path)', x: lowRank(100, 60, 5, 2), k: 5, batch: 20 },
    { name: 'full-rank data, every component kept', x: randomMatrix(100, 10, 3, 2, 1), k: 10, batch: 25 },
  ];
  for (const c of cases) {
    it(`over batches covering all data equals full PCA when nothing is truncated: ${c.name} (ratios 1e-10, sin θ 1e-7)`, () => {
      const pca = fitIncrementalPca(batches(c.x, c.batch), c.k);
      const full = fullPca(c.x, c.k);
      expect(pca.nSamplesSeen).toBe(c.x.rows);
      expect(maxAbsDiff(pca.mean, columnMeans(c.x))).toBeLessThan(1e-10);
      expect(
        maxRelDiff(
          pca.variance,
          columnStd(c.x).map((s) => s * s),
        ),
      ).toBeLessThan(1e-10);
      expect(maxRelDiff(pca.explainedVarianceRatio, full.ratio)).toBeLessThan(1e-10);
      expect(maxSinAngle(pca.components, full.components)).toBeLessThan(1e-7);
    });
  }

  it('approximates full PCA on noisy data with a spectral gap (ratios 1e-3 relative, sin θ 1e-2)', () => {
    const x = lowRank(400, 30, 5, 4);
    const noise = randomMatrix(400, 30, 'noise', 0.05);
    for (let k = 0; k < x.data.length; k++) x.data[k] = (x.data[k] ?? 0) + (noise.data[k] ?? 0);
    const pca = fitIncrementalPca(batches(x, 50), 5);
    const full = fullPca(x, 5);
    expect(maxRelDiff(pca.explainedVarianceRatio, full.ratio)).toBeLessThan(1e-3);
    expect(maxSinAngle(pca.components, full.components)).toBeLessThan(1e-2);
  });

  it('transforms as (X - mean) Wᵀ with unit rows; the first batch alone is plain PCA', () => {
    const x = lowRank(50, 8, 3, 5);
    const one = partialFitIncrementalPca(createIncrementalPca(3, 8), x);
    const t = pcaTransform(one, topRows(x, 2));
    expect(t.rows).toBe(2);
    expect(t.cols).toBe(3);
    const unit = matmulTransposeB(one.components, one.components);
    expect(maxAbsDiff(unit.data, [1, 0, 0, 0, 1, 0, 0, 0, 1])).toBeLessThan(1e-12);
    expect(maxRelDiff(one.explainedVarianceRatio, fullPca(x, 3).ratio)).toBeLessThan(1e-10);
  });

  it('refuses batches smaller than the number of components, as sklearn does', () => {
    const state = createIncrementalPca(5, 8);
    expect(() => partialFitIncrementalPca(state, randomMatrix(4, 8, 1))).toThrow(
      expect.objectContaining({ code: 'PCA_BATCH_TOO_SMALL' }) as GmfError,
    );
    expect(() => createIncrementalPca(9, 8)).toThrow(GmfError);
    expect(() => fitIncrementalPca([], 2)).toThrow(/no batches/);
  });
});

describe('thin SVD through the smaller Gram matrix', () => {
  it('reconstructs X = U S Vᵀ for tall and wide matrices (1e-10 relative), completing a rank-deficient basis', () => {
    for (const [rows, cols] of [
      [30, 7],
      [7, 30],
    ] as const) {
      const x = randomMatrix(rows, cols, `${rows}x${cols}`);
      const svd = thinSvd(x);
      // X Vᵀᵀ V = X when V spans the row space.
      const back = matmul(matmulTransposeB(x, svd.vt), svd.vt);
      expect(maxRelDiff(back.data, x.data)).toBeLessThan(1e-10);
      const fro = x.data.reduce((s, v) => s + v * v, 0);
      expect(svd.values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(fro, 8);
    }
    const deficient = lowRank(4, 10, 2, 6);
    const svd = thinSvd(subtractRowVector(deficient, columnMeans(deficient)));
    expect(svd.values[3]).toBe(0);
    expect(
      maxAbsDiff(matmulTransposeB(svd.vt, svd.vt).data, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
    ).toBeLessThan(1e-10);
  });
});
