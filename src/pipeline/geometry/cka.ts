/**
 * Linear centred kernel alignment (Kornblith et al. 2019), between two representations of the
 * same samples (issue 13 §4): CKA(X, Y) = ‖Ycᵀ Xc‖²_F / (‖Xcᵀ Xc‖_F ‖Ycᵀ Yc‖_F), with Xc, Yc
 * the column-centred matrices. Computed in feature space (p × q products), cheap for the
 * compressed layers the workbench stores (components ≪ samples). 1 for representations equal up
 * to an orthogonal transform and an isotropic scale.
 */
import { GmfError } from '../../lib/errors';
import { columnMeans, gram, type Matrix, matmulTransposeA, subtractRowVector } from '../../lib/linalg/matrix';

function frobeniusSquared(m: Matrix): number {
  let s = 0;
  for (const v of m.data) s += v * v;
  return s;
}

export function linearCka(x: Matrix, y: Matrix): number {
  if (x.rows !== y.rows)
    throw new GmfError('CKA_SHAPE', `CKA compares representations of the same samples: ${x.rows} and ${y.rows} rows.`);
  const xc = subtractRowVector(x, columnMeans(x));
  const yc = subtractRowVector(y, columnMeans(y));
  const cross = frobeniusSquared(matmulTransposeA(yc, xc));
  return cross / Math.sqrt(frobeniusSquared(gram(xc)) * frobeniusSquared(gram(yc)));
}
