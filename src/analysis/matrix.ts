/**
 * Dense row-major matrices over Float64Array and the few products the analysis needs. Every
 * product goes through one register-blocked kernel over contiguous rows (see rowDots).
 */
import { GmfError } from '../errors';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: entry (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
}

export class MatrixShapeError extends GmfError {
  constructor(message: string) {
    super('MATRIX_SHAPE', message);
  }
}

/** A rows × cols matrix; copies `values` into float64 when given (float32 activations welcome). */
export function createMatrix(rows: number, cols: number, values?: ArrayLike<number>): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new MatrixShapeError(`A matrix needs whole, non-negative sizes, got ${rows} × ${cols}.`);
  }
  if (values !== undefined && values.length !== rows * cols) {
    throw new MatrixShapeError(`A ${rows} × ${cols} matrix needs ${rows * cols} values, got ${values.length}.`);
  }
  const data = new Float64Array(rows * cols);
  if (values !== undefined) data.set(values);
  return { rows, cols, data };
}

function requireSameRows(a: Matrix, b: Matrix, what: string): void {
  if (a.rows !== b.rows) throw new MatrixShapeError(`${what}: ${a.rows} rows against ${b.rows} rows.`);
}

/**
 * The one product kernel: out[i, j] = Σ_t a[i, t] b[j, t] (rows of a against rows of b, both
 * with k columns). Blocks of 4 × 2 dot products share their loads and run eight independent
 * accumulators, which is what makes plain JavaScript fast here (a single running sum is bound
 * by the latency of the additions). With `upper`, only blocks touching j ≥ i are computed.
 */
function rowDots(a: Float64Array, aRows: number, b: Float64Array, bRows: number, k: number, out: Float64Array, upper = false): void {
  const m = bRows;
  let i = 0;
  for (; i + 3 < aRows; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    let j = upper ? i : 0;
    for (; j + 1 < m; j += 2) {
      const b0 = j * k;
      const b1 = b0 + k;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let t = 0; t < k; t++) {
        const y0 = b[b0 + t] ?? 0;
        const y1 = b[b1 + t] ?? 0;
        const x0 = a[a0 + t] ?? 0;
        const x1 = a[a1 + t] ?? 0;
        const x2 = a[a2 + t] ?? 0;
        const x3 = a[a3 + t] ?? 0;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s30 += x3 * y0;
        s31 += x3 * y1;
      }
      const o = i * m + j;
      out[o] = s00;
      out[o + 1] = s01;
      out[o + m] = s10;
      out[o + m + 1] = s11;
      out[o + 2 * m] = s20;
      out[o + 2 * m + 1] = s21;
      out[o + 3 * m] = s30;
      out[o + 3 * m + 1] = s31;
    }
    for (; j < m; j++) for (let r = i; r < i + 4; r++) out[r * m + j] = dot(a, r * k, b, j * k, k);
  }
  for (; i < aRows; i++) for (let j = upper ? i : 0; j < m; j++) out[i * m + j] = dot(a, i * k, b, j * k, k);
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, k: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < k; t += 2) {
    s0 += (a[ao + t] ?? 0) * (b[bo + t] ?? 0);
    s1 += (a[ao + t + 1] ?? 0) * (b[bo + t + 1] ?? 0);
  }
  if (t < k) s0 += (a[ao + t] ?? 0) * (b[bo + t] ?? 0);
  return s0 + s1;
}

/** A B (n × k times k × m). */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new MatrixShapeError(`Cannot multiply ${a.rows} × ${a.cols} by ${b.rows} × ${b.cols}.`);
  return matmulTransposeB(a, transpose(b));
}

/** Aᵀ B (both n rows). */
export function matmulTransposeA(a: Matrix, b: Matrix): Matrix {
  requireSameRows(a, b, 'Aᵀ B');
  return matmulTransposeB(transpose(a), transpose(b));
}

/** A Bᵀ (both k columns): dot products of rows. */
export function matmulTransposeB(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw new MatrixShapeError(`A Bᵀ: ${a.cols} columns against ${b.cols} columns.`);
  const out = createMatrix(a.rows, b.rows);
  rowDots(a.data, a.rows, b.data, b.rows, a.cols, out.data);
  return out;
}

/** Xᵀ X (the Gram of the columns). */
export function gram(x: Matrix): Matrix {
  const xt = transpose(x);
  return outerGram(xt);
}

/** X Xᵀ (the Gram of the rows). */
export function outerGram(x: Matrix): Matrix {
  const n = x.rows;
  const g = new Float64Array(n * n);
  rowDots(x.data, n, x.data, n, x.cols, g, true);
  mirrorUpper(g, n);
  return { rows: n, cols: n, data: g };
}

function mirrorUpper(g: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) g[j * n + i] = g[i * n + j] ?? 0;
}

export function transpose(x: Matrix): Matrix {
  const out = createMatrix(x.cols, x.rows);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) out.data[j * x.rows + i] = x.data[i * x.cols + j] ?? 0;
  return out;
}

export function columnMeans(x: Matrix): Float64Array {
  const means = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    const o = i * x.cols;
    for (let j = 0; j < x.cols; j++) means[j] = (means[j] ?? 0) + (x.data[o + j] ?? 0);
  }
  if (x.rows > 0) for (let j = 0; j < x.cols; j++) means[j] = (means[j] ?? 0) / x.rows;
  return means;
}

/** Population (ddof 0) standard deviation of each column about the given means. */
export function columnStd(x: Matrix, means: Float64Array = columnMeans(x)): Float64Array {
  const sq = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    const o = i * x.cols;
    for (let j = 0; j < x.cols; j++) {
      const v = (x.data[o + j] ?? 0) - (means[j] ?? 0);
      sq[j] = (sq[j] ?? 0) + v * v;
    }
  }
  return sq.map((s) => Math.sqrt(x.rows > 0 ? s / x.rows : 0));
}

/** X - 1 mᵀ: every row minus the vector m. */
export function subtractRowVector(x: Matrix, m: Float64Array): Matrix {
  if (m.length !== x.cols) throw new MatrixShapeError(`Cannot subtract ${m.length} means from ${x.cols} columns.`);
  const out = createMatrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    const o = i * x.cols;
    for (let j = 0; j < x.cols; j++) out.data[o + j] = (x.data[o + j] ?? 0) - (m[j] ?? 0);
  }
  return out;
}

/** The rows at `indices`, in that order (repeats allowed). */
export function selectRows(x: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(indices.length, x.cols);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i] ?? 0;
    if (!Number.isInteger(src) || src < 0 || src >= x.rows) throw new MatrixShapeError(`Row ${src} is outside a ${x.rows}-row matrix.`);
    out.data.set(x.data.subarray(src * x.cols, (src + 1) * x.cols), i * x.cols);
  }
  return out;
}

/** The first `count` rows as a matrix (copied). */
export function topRows(x: Matrix, count: number): Matrix {
  const n = Math.min(count, x.rows);
  return createMatrix(n, x.cols, x.data.subarray(0, n * x.cols));
}

/** Horizontal concatenation [A B ...] of matrices with equal row counts. */
export function concatColumns(parts: readonly Matrix[]): Matrix {
  const first = parts[0];
  if (first === undefined) return createMatrix(0, 0);
  for (const p of parts) requireSameRows(first, p, 'Concatenating columns');
  const cols = parts.reduce((s, p) => s + p.cols, 0);
  const out = createMatrix(first.rows, cols);
  let offset = 0;
  for (const p of parts) {
    for (let i = 0; i < p.rows; i++) out.data.set(p.data.subarray(i * p.cols, (i + 1) * p.cols), i * cols + offset);
    offset += p.cols;
  }
  return out;
}

/** Columns [start, start + count) as a new matrix. */
export function sliceColumns(x: Matrix, start: number, count: number): Matrix {
  if (start < 0 || count < 0 || start + count > x.cols) throw new MatrixShapeError(`Columns ${start}..${start + count - 1} are outside a ${x.cols}-column matrix.`);
  const out = createMatrix(x.rows, count);
  for (let i = 0; i < x.rows; i++) out.data.set(x.data.subarray(i * x.cols + start, i * x.cols + start + count), i * count);
  return out;
}
