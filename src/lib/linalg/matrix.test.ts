import { describe, expect, it } from 'vitest';
import { GmfError } from '../errors';
import { setSimdKernels } from './simdKernels';
import {
  columnMeans,
  columnStd,
  concatColumns,
  createMatrix,
  gram,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  matmulTransposeBTriangular,
  outerGram,
  selectRows,
  sliceColumns,
  transpose,
} from './matrix';
import { applyScaler, fitStandardScaler, standardize } from '../../pipeline/decode/standardize';
import { at, maxAbsDiff, naiveMatmul, naiveTranspose, randomMatrix } from '../../../test/support/analysisTestHelpers';

describe('matrix products (against the textbook triple loop, 1e-12 absolute)', () => {
  const a = randomMatrix(7, 5, 1);
  const b = randomMatrix(5, 3, 2);
  const c = randomMatrix(7, 3, 3);
  const d = randomMatrix(4, 3, 4);

  it('A B, Aᵀ B, A Bᵀ, Xᵀ X (odd row count), X Xᵀ and transpose', () => {
    expect(maxAbsDiff(matmul(a, b).data, naiveMatmul(a, b).data)).toBeLessThan(1e-12);
    expect(maxAbsDiff(matmulTransposeA(a, c).data, naiveMatmul(naiveTranspose(a), c).data)).toBeLessThan(1e-12);
    expect(maxAbsDiff(matmulTransposeB(c, d).data, naiveMatmul(c, naiveTranspose(d)).data)).toBeLessThan(1e-12);
    expect(maxAbsDiff(gram(a).data, naiveMatmul(naiveTranspose(a), a).data)).toBeLessThan(1e-12);
    expect(maxAbsDiff(outerGram(a).data, naiveMatmul(a, naiveTranspose(a)).data)).toBeLessThan(1e-12);
    expect(transpose(a).data).toEqual(naiveTranspose(a).data);
  });

  it('large products (SIMD kernel, and the JavaScript one with it switched off), triangular B included', () => {
    const x = randomMatrix(45, 33, 5);
    const y = randomMatrix(33, 41, 6);
    const z = randomMatrix(45, 41, 7);
    const lower = randomMatrix(33, 33, 8);
    for (let i = 0; i < 33; i++) lower.data.fill(0, i * 33 + i + 1, (i + 1) * 33);
    const upper = transpose(lower);
    for (const simd of [true, false]) {
      setSimdKernels(simd);
      try {
        expect(maxAbsDiff(matmul(x, y).data, naiveMatmul(x, y).data)).toBeLessThan(1e-12);
        expect(maxAbsDiff(matmulTransposeA(x, z).data, naiveMatmul(naiveTranspose(x), z).data)).toBeLessThan(1e-12);
        expect(maxAbsDiff(matmulTransposeB(x, x).data, naiveMatmul(x, naiveTranspose(x)).data)).toBeLessThan(1e-12);
        expect(maxAbsDiff(gram(z).data, naiveMatmul(naiveTranspose(z), z).data)).toBeLessThan(1e-12);
        expect(maxAbsDiff(outerGram(x).data, naiveMatmul(x, naiveTranspose(x)).data)).toBeLessThan(1e-12);
        expect(maxAbsDiff(matmulTransposeBTriangular(x, lower, 'lower').data, naiveMatmul(x, upper).data)).toBeLessThan(
          1e-12,
        );
        expect(maxAbsDiff(matmulTransposeBTriangular(x, upper, 'upper').data, naiveMatmul(x, lower).data)).toBeLessThan(
          1e-12,
        );
      } finally {
        setSimdKernels(true);
      }
    }
  });

  it('selects, slices and concatenates rows and columns', () => {
    const s = selectRows(a, [2, 0, 2]);
    expect(Array.from(s.data.subarray(0, 5))).toEqual(Array.from(a.data.subarray(10, 15)));
    expect(Array.from(s.data.subarray(10, 15))).toEqual(Array.from(a.data.subarray(10, 15)));
    const joined = concatColumns([sliceColumns(a, 0, 2), sliceColumns(a, 2, 3)]);
    expect(joined.data).toEqual(a.data);
    expect(() => selectRows(a, [7])).toThrow(GmfError);
    expect(() => matmul(a, a)).toThrow(/Cannot multiply 7 × 5 by 7 × 5/);
  });
});

describe('StandardScaler (sklearn semantics)', () => {
  it('uses population std, fitted on training only, and scales constant columns by 1', () => {
    const x = createMatrix(4, 3, [1, 5, 2, 2, 5, 4, 3, 5, 6, 6, 5, 8]);
    const scaler = fitStandardScaler(x);
    expect(Array.from(scaler.mean)).toEqual([3, 5, 5]);
    // Column 0: deviations -2, -1, 0, 3 → population variance 14/4.
    expect(scaler.scale[0]).toBeCloseTo(Math.sqrt(14 / 4), 14);
    expect(scaler.scale[1]).toBe(1);
    expect(scaler.scale[2]).toBeCloseTo(Math.sqrt(5), 14);
    const other = createMatrix(1, 3, [3, 7, 10]);
    const { train, others } = standardize(x, other);
    expect(at(others[0], 0, 1)).toBe(2);
    expect(at(others[0], 0, 2)).toBeCloseTo(5 / Math.sqrt(5), 14);
    expect(maxAbsDiff(columnMeans(train), [0, 0, 0])).toBeLessThan(1e-15);
    expect(maxAbsDiff(columnStd(train), [1, 0, 1])).toBeLessThan(1e-15);
    expect(applyScaler(scaler, x).data).toEqual(train.data);
  });

  it('treats a column that is constant but not exactly representable as constant', () => {
    const x = createMatrix(3, 1, [0.1, 0.1, 0.1]);
    expect(fitStandardScaler(x).scale[0]).toBe(1);
  });
});
