/**
 * Dense row-major matrices over Float64Array (the one matrix type of lib/linalg) and the
 * products the analysis needs. Every product goes through one register-blocked kernel over
 * contiguous rows: kernels.wat's `dots` where WebAssembly SIMD is available, else rowDots
 * (javascriptKernels.ts).
 */
import { GmfError } from '../errors';
import { type Band, rowDots } from './javascriptKernels';
import { simdKernels } from './simdKernels';
import { simdRowDots } from './simdProduct';

/**
 * Below this many multiply-adds (or 4 rows a side) copying into the SIMD kernel costs more than
 * it saves. The kernel reads whole rows: right for a triangular band too, zero elsewhere.
 */
const SIMD_MIN_WORK = 1 << 15;

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

/** The order n of a square matrix whose data holds its n × n entries; `what` names the caller in the error. */
export function requireSquare(a: Matrix, what: string): number {
  if (a.rows !== a.cols || a.data.length !== a.rows * a.cols) {
    throw new MatrixShapeError(
      `${what} needs a square matrix, got ${a.rows} × ${a.cols} with ${a.data.length} entries.`,
    );
  }
  return a.rows;
}

/** One side of a product: the rows of m, or (transposed) its columns, each of length k. */
interface Side {
  readonly m: Matrix;
  readonly transposed: boolean;
}

/**
 * out[i, j] = (row i of a) · (row j of b), rows being columns where a side is transposed; with
 * b null, a against itself (symmetric: the upper triangle, mirrored). The SIMD kernel reads the
 * columns directly; the JavaScript one transposes first.
 */
function product(a: Side, b: Side | null, band: Band = 'full'): Matrix {
  const other = b ?? a;
  const aRows = a.transposed ? a.m.cols : a.m.rows;
  const bRows = other.transposed ? other.m.cols : other.m.rows;
  const k = a.transposed ? a.m.rows : a.m.cols;
  const out = createMatrix(aRows, bRows);
  const symmetric = b === null;
  const simd = aRows >= 4 && bRows >= 4 && aRows * bRows * k >= SIMD_MIN_WORK ? simdKernels() : null;
  if (simd !== null) {
    simdRowDots(
      simd,
      { data: a.m.data, rows: aRows, transposed: a.transposed },
      symmetric ? null : { data: other.m.data, rows: bRows, transposed: other.transposed },
      k,
      out.data,
    );
  } else {
    const ad = a.transposed ? transpose(a.m).data : a.m.data;
    const bd = symmetric ? ad : other.transposed ? transpose(other.m).data : other.m.data;
    rowDots(ad, aRows, bd, bRows, k, out.data, symmetric, band);
  }
  if (symmetric) mirrorUpper(out.data, aRows);
  return out;
}

const rowsOf = (m: Matrix): Side => ({ m, transposed: false });
const columnsOf = (m: Matrix): Side => ({ m, transposed: true });

/** A B (n × k times k × m). */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new MatrixShapeError(`Cannot multiply ${a.rows} × ${a.cols} by ${b.rows} × ${b.cols}.`);
  return product(rowsOf(a), columnsOf(b));
}

/** Aᵀ B (both n rows). */
export function matmulTransposeA(a: Matrix, b: Matrix): Matrix {
  requireSameRows(a, b, 'Aᵀ B');
  return product(columnsOf(a), columnsOf(b));
}

/** A Bᵀ (both k columns): dot products of rows. */
export function matmulTransposeB(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw new MatrixShapeError(`A Bᵀ: ${a.cols} columns against ${b.cols} columns.`);
  return product(rowsOf(a), rowsOf(b));
}

/** A Bᵀ for a square B that is zero outside its lower or upper triangle (those zeros are skipped). */
export function matmulTransposeBTriangular(a: Matrix, b: Matrix, triangle: 'lower' | 'upper'): Matrix {
  if (a.cols !== b.cols || b.rows !== b.cols)
    throw new MatrixShapeError(`A Bᵀ with triangular B: ${a.rows} × ${a.cols} against ${b.rows} × ${b.cols}.`);
  return product(rowsOf(a), rowsOf(b), triangle);
}

/** Xᵀ X (the Gram of the columns). */
export function gram(x: Matrix): Matrix {
  return product(columnsOf(x), null);
}

/** X Xᵀ (the Gram of the rows). */
export function outerGram(x: Matrix): Matrix {
  return product(rowsOf(x), null);
}

function mirrorUpper(g: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) g[j * n + i] = g[i * n + j] ?? 0;
}

/** Tiles of 32 × 32 keep both the rows read and the rows written in cache. */
const TRANSPOSE_TILE = 32;

export function transpose(x: Matrix): Matrix {
  const rows = x.rows;
  const cols = x.cols;
  const src = x.data;
  const out = createMatrix(cols, rows);
  const dst = out.data;
  for (let j0 = 0; j0 < cols; j0 += TRANSPOSE_TILE) {
    const j1 = Math.min(cols, j0 + TRANSPOSE_TILE);
    for (let i0 = 0; i0 < rows; i0 += TRANSPOSE_TILE) {
      const i1 = Math.min(rows, i0 + TRANSPOSE_TILE);
      for (let j = j0; j < j1; j++) {
        const o = j * rows;
        for (let i = i0; i < i1; i++) dst[o + i] = src[i * cols + j] ?? 0;
      }
    }
  }
  return out;
}

export function columnMeans(x: Matrix): Float64Array {
  const cols = x.cols;
  const data = x.data;
  const means = new Float64Array(cols);
  for (let i = 0; i < x.rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) means[j] = (means[j] ?? 0) + (data[o + j] ?? 0);
  }
  if (x.rows > 0) for (let j = 0; j < cols; j++) means[j] = (means[j] ?? 0) / x.rows;
  return means;
}

/** Population (ddof 0) standard deviation of each column about the given means. */
export function columnStd(x: Matrix, means: Float64Array = columnMeans(x)): Float64Array {
  const cols = x.cols;
  const data = x.data;
  const sq = new Float64Array(cols);
  for (let i = 0; i < x.rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = (data[o + j] ?? 0) - (means[j] ?? 0);
      sq[j] = (sq[j] ?? 0) + v * v;
    }
  }
  return sq.map((s) => Math.sqrt(x.rows > 0 ? s / x.rows : 0));
}

/** X - 1 mᵀ: every row minus the vector m. */
export function subtractRowVector(x: Matrix, m: Float64Array): Matrix {
  const cols = x.cols;
  if (m.length !== cols) throw new MatrixShapeError(`Cannot subtract ${m.length} means from ${cols} columns.`);
  const out = createMatrix(x.rows, cols);
  const src = x.data;
  const dst = out.data;
  for (let i = 0; i < x.rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) dst[o + j] = (src[o + j] ?? 0) - (m[j] ?? 0);
  }
  return out;
}

/** The rows at `indices`, in that order (repeats allowed). */
export function selectRows(x: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(indices.length, x.cols);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i] ?? 0;
    if (!Number.isInteger(src) || src < 0 || src >= x.rows)
      throw new MatrixShapeError(`Row ${src} is outside a ${x.rows}-row matrix.`);
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
  if (start < 0 || count < 0 || start + count > x.cols)
    throw new MatrixShapeError(`Columns ${start}..${start + count - 1} are outside a ${x.cols}-column matrix.`);
  const out = createMatrix(x.rows, count);
  for (let i = 0; i < x.rows; i++)
    out.data.set(x.data.subarray(i * x.cols + start, i * x.cols + start + count), i * count);
  return out;
}
