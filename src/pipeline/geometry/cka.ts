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

/**
 * Linear CKA between every pair of `layers` (same samples), layers × layers row-major: each layer
 * is centred and its own ‖XcᵀXc‖_F computed once, then one cross product per pair (symmetric).
 */
export function ckaMatrix(layers: readonly Matrix[]): number[] {
  const rows = layers[0]?.rows ?? 0;
  for (const m of layers)
    if (m.rows !== rows)
      throw new GmfError('CKA_SHAPE', `CKA compares representations of the same samples: ${rows} and ${m.rows} rows.`);
  const centred = layers.map((m) => subtractRowVector(m, columnMeans(m)));
  const self = centred.map((c) => Math.sqrt(frobeniusSquared(gram(c))));
  const l = layers.length;
  const out = new Array<number>(l * l).fill(NaN);
  for (let i = 0; i < l; i++)
    for (let j = i; j < l; j++) {
      const a = centred[i];
      const b = centred[j];
      if (!a || !b) continue;
      const v = frobeniusSquared(matmulTransposeA(b, a)) / ((self[i] ?? NaN) * (self[j] ?? NaN));
      out[i * l + j] = v;
      out[j * l + i] = v;
    }
  return out;
}
