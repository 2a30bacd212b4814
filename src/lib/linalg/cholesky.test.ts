import { describe, expect, it } from 'vitest';
import { type Matrix, createMatrix, gram } from './matrix';
import { randomMatrix } from '../../../test/support/analysisTestHelpers';
import { inverseCholesky } from './cholesky';

/** max |X C Xᵀ - I| for X = L⁻¹. */
function whiteningError({ data: c }: Matrix, { data: x }: Matrix, q: number): number {
  const xc = new Float64Array(q * q);
  for (let i = 0; i < q; i++)
    for (let k = 0; k <= i; k++)
      for (let j = 0; j < q; j++) xc[i * q + j] = (xc[i * q + j] ?? 0) + (x[i * q + k] ?? 0) * (c[k * q + j] ?? 0);
  let worst = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += (xc[i * q + k] ?? 0) * (x[j * q + k] ?? 0);
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

describe('inverse Cholesky factor', () => {
  // 9 and 100 take the row-blocked loops, 150 and 203 the blocked products.
  for (const q of [9, 100, 150, 203]) {
    it(`gives a lower-triangular L⁻¹ with L⁻¹ C L⁻ᵀ = I and its transpose (q = ${q}, 1e-12)`, () => {
      const c = gram(randomMatrix(2 * q, q, q));
      for (let i = 0; i < q * q; i++) c.data[i] = (c.data[i] ?? 0) / (2 * q);
      const inv = inverseCholesky(c);
      expect(inv).not.toBeNull();
      if (inv === null) return;
      expect(whiteningError(c, inv.inverse, q)).toBeLessThan(1e-12);
      for (let i = 0; i < q; i++) {
        for (let j = 0; j < q; j++) {
          if (j > i) expect(inv.inverse.data[i * q + j]).toBe(0);
          expect(inv.inverseT.data[j * q + i]).toBe(inv.inverse.data[i * q + j]);
        }
      }
    });
  }

  it('answers null for a matrix that is not positive definite, blocked or not', () => {
    for (const q of [6, 200]) {
      const c = createMatrix(q, q);
      for (let i = 0; i < q; i++) c.data[i * q + i] = i === q - 2 ? -1 : 1;
      expect(inverseCholesky(c)).toBeNull();
    }
  });
});
