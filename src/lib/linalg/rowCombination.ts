/**
 * Linear combinations of fixed rows, out += Σ_j w_j · row_j, summed in float64 with each term
 * multiplied and added in order, as the plain JavaScript loop does: the face models' identity
 * shape (neutral + Σ_m w_m · mode_m over 100 float32 modes) and texture bands (Σ_j c_j y_j[y] ·
 * x_j over cosine tables). `holdRows` copies the rows once into WebAssembly memory, where
 * rowCombination.wat combines them two lanes at a time; without WebAssembly SIMD (or with
 * setSimdKernels(false)) the same loop runs in JavaScript. Both give the same bits.
 */
import kernelBytes from './rowCombination.wat';
import { missingSupport, SimdKernelsError, simdKernelsEnabled } from './simdKernels';

export interface HeldRows {
  readonly rowLength: number;
  readonly rowCount: number;
  /**
   * out[i] = (((out[i] + w_0 · r_0[start + i]) + w_1 · r_1[start + i]) + ...) for i < out.length,
   * r_j = row `rows[j]`, w_j = weights[j], float64 throughout.
   */
  addCombination(out: Float64Array, rows: ArrayLike<number>, weights: ArrayLike<number>, start: number): void;
}

/** rowCombination.wat's exports: byte offsets into the memory, counts of elements. */
type Combine = (out: number, len: number, table: number, weights: number, count: number) => void;
interface Exports {
  combineRows64: Combine;
  combineRows32: Combine;
}

type RowValues = Float32Array | Float64Array;

const PAGE = 65536;

function checkCall(
  held: HeldRows,
  out: Float64Array,
  rows: ArrayLike<number>,
  weights: ArrayLike<number>,
  start: number,
) {
  if (rows.length !== weights.length)
    throw new RangeError(`${rows.length} rows but ${weights.length} weights to combine them with`);
  if (!Number.isInteger(start) || start < 0 || start + out.length > held.rowLength)
    throw new RangeError(`elements ${start}..${start + out.length} are not inside rows of ${held.rowLength}`);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j] ?? -1;
    if (!Number.isInteger(r) || r < 0 || r >= held.rowCount)
      throw new RangeError(`row ${r} is not one of the ${held.rowCount} held rows`);
  }
}

/** The JavaScript loop (and the reference for the kernels): the rows stay where they are. */
class JavaScriptRows implements HeldRows {
  readonly rowCount: number;

  constructor(
    private readonly values: RowValues,
    readonly rowLength: number,
  ) {
    this.rowCount = Math.floor(values.length / rowLength);
  }

  addCombination(out: Float64Array, rows: ArrayLike<number>, weights: ArrayLike<number>, start: number): void {
    checkCall(this, out, rows, weights, start);
    const { values, rowLength } = this;
    for (let j = 0; j < rows.length; j++) {
      const w = weights[j] ?? 0;
      const base = (rows[j] ?? 0) * rowLength + start;
      for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + w * (values[base + i] ?? 0);
    }
  }
}

/** The rows in a WebAssembly memory of their own: [rows | row table | weights | out]. */
class WasmRows implements HeldRows {
  readonly rowCount: number;
  private readonly rowBytes: number;
  private readonly scratchAt: number;
  private readonly combine: Combine;

  constructor(
    private readonly memory: WebAssembly.Memory,
    fns: Exports,
    values: RowValues,
    readonly rowLength: number,
  ) {
    this.rowCount = Math.floor(values.length / rowLength);
    this.rowBytes = values.BYTES_PER_ELEMENT;
    const used = values.subarray(0, this.rowCount * rowLength);
    this.scratchAt = Math.ceil((used.length * this.rowBytes) / 16) * 16;
    this.reserve(0);
    if (values instanceof Float32Array) {
      new Float32Array(memory.buffer, 0, used.length).set(used);
      this.combine = fns.combineRows32;
    } else {
      new Float64Array(memory.buffer, 0, used.length).set(used);
      this.combine = fns.combineRows64;
    }
  }

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    const need = this.scratchAt + bytes;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
  }

  addCombination(out: Float64Array, rows: ArrayLike<number>, weights: ArrayLike<number>, start: number): void {
    checkCall(this, out, rows, weights, start);
    const count = rows.length;
    // The row table (i32, padded to 8 bytes), the weights and the sums (f64).
    const tableBytes = Math.ceil((4 * count) / 8) * 8;
    const weightsAt = this.scratchAt + tableBytes;
    const outAt = weightsAt + 8 * count;
    this.reserve(outAt - this.scratchAt + 8 * out.length);
    const { buffer } = this.memory;
    const table = new Int32Array(buffer, this.scratchAt, count);
    const w = new Float64Array(buffer, weightsAt, count);
    const sums = new Float64Array(buffer, outAt, out.length);
    const rowStride = this.rowLength * this.rowBytes;
    for (let j = 0; j < count; j++) {
      table[j] = (rows[j] ?? 0) * rowStride + start * this.rowBytes;
      w[j] = weights[j] ?? 0;
    }
    sums.set(out);
    this.combine(outAt, out.length, this.scratchAt, weightsAt, count);
    out.set(sums);
  }
}

let module: WebAssembly.Module | SimdKernelsError | null | undefined;

function compiled(): WebAssembly.Module | null {
  if (module === undefined) {
    if (missingSupport() !== null) module = null;
    else {
      try {
        module = new WebAssembly.Module(kernelBytes);
      } catch (error) {
        module = new SimdKernelsError(error instanceof Error ? error.message : String(error), { cause: error });
      }
    }
  }
  if (module instanceof SimdKernelsError) throw module;
  return module;
}

/**
 * Holds the first ⌊values.length / rowLength⌋ rows of `values` (row-major) for addCombination;
 * float32 rows are widened to float64 as each term is formed. The kernels work on a copy and
 * the JavaScript loop on `values` itself: the caller does not change them afterwards.
 */
export function holdRows(values: RowValues, rowLength: number): HeldRows {
  if (!Number.isInteger(rowLength) || rowLength < 1) throw new RangeError(`row length ${rowLength} is not a count`);
  const wasm = simdKernelsEnabled() ? compiled() : null;
  if (!wasm) return new JavaScriptRows(values, rowLength);
  const rowsBytes = Math.floor(values.length / rowLength) * rowLength * values.BYTES_PER_ELEMENT;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((rowsBytes + PAGE) / PAGE) });
  const instance = new WebAssembly.Instance(wasm, { env: { memory } });
  const fns = instance.exports as unknown as Exports;
  if (typeof fns.combineRows64 !== 'function' || typeof fns.combineRows32 !== 'function')
    throw new SimdKernelsError('the row combination module does not export combineRows64 and combineRows32.');
  return new WasmRows(memory, fns, values, rowLength);
}

const heldByValues = new WeakMap<RowValues, HeldRows>();

/**
 * `holdRows(values, rowLength)`, made once per values array (the face models' fixed tables: an
 * asset's identity modes, a texture band's cosine table) and kept while the array lives.
 */
export function heldRowsOf(values: RowValues, rowLength: number): HeldRows {
  const cached = heldByValues.get(values);
  if (cached?.rowLength === rowLength) return cached;
  const held = holdRows(values, rowLength);
  heldByValues.set(values, held);
  return held;
}
