import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { heldRowsOf, holdRows } from './rowCombination';
import { setSimdKernels } from './simdKernels';

afterEach(() => {
  setSimdKernels(true);
});

function randomRows(kind: 'f32' | 'f64', rows: number, length: number, seed: number): Float32Array | Float64Array {
  const rng = createRng(seed, 'rowCombination');
  const values = Array.from({ length: rows * length }, () => rng.normal() * 37.5);
  return kind === 'f32' ? Float32Array.from(values) : Float64Array.from(values);
}

/** The combination written out term by term, straight from the definition. */
function byDefinition(
  values: Float32Array | Float64Array,
  rowLength: number,
  out: Float64Array,
  rows: number[],
  weights: number[],
  start: number,
): Float64Array {
  const sums = Float64Array.from(out);
  for (let i = 0; i < sums.length; i++) {
    let s = sums[i] ?? 0;
    rows.forEach((r, j) => {
      s += (weights[j] ?? 0) * (values[r * rowLength + start + i] ?? 0);
    });
    sums[i] = s;
  }
  return sums;
}

describe('holdRows(...).addCombination', () => {
  for (const kind of ['f32', 'f64'] as const) {
    it(`adds Σ w_j · row_j in order, to the bit, for ${kind} rows (WebAssembly and JavaScript alike)`, () => {
      const rowLength = 301;
      const values = randomRows(kind, 11, rowLength, kind === 'f32' ? 1 : 2);
      const rng = createRng(3, 'rowCombination weights');
      const simd = holdRows(values, rowLength);
      setSimdKernels(false);
      const plain = holdRows(values, rowLength);
      setSimdKernels(true);
      // Row counts around the kernel's groups of four, odd and even lengths, offsets into the rows.
      for (const count of [0, 1, 3, 4, 5, 8, 9, 11]) {
        for (const [start, length] of [
          [0, rowLength],
          [7, 64],
          [100, 1],
          [2, 33],
        ] as const) {
          const rows = Array.from({ length: count }, (_, j) => (j * 7 + count) % 11);
          const weights = rows.map(() => rng.normal());
          const initial = Float64Array.from({ length }, () => rng.normal());
          const expected = byDefinition(values, rowLength, initial, rows, weights, start);
          const a = Float64Array.from(initial);
          const b = Float64Array.from(initial);
          simd.addCombination(a, rows, weights, start);
          plain.addCombination(b, rows, weights, start);
          expect(Array.from(a)).toEqual(Array.from(expected));
          expect(Array.from(b)).toEqual(Array.from(expected));
        }
      }
    });
  }

  it('equals the exact sum where every term is an integer', () => {
    // rows r_j[i] = j + i, weights w_j = j + 1, out starts at 1000: Σ_j (j + 1)(j + i) exactly.
    const rowLength = 9;
    const values = Float32Array.from({ length: 6 * rowLength }, (_, k) => Math.floor(k / rowLength) + (k % rowLength));
    const held = holdRows(values, rowLength);
    const out = new Float64Array(rowLength).fill(1000);
    held.addCombination(out, [0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], 0);
    const exact = Array.from({ length: rowLength }, (_, i) => {
      let s = 1000;
      for (let j = 0; j < 6; j++) s += (j + 1) * (j + i);
      return s;
    });
    expect(Array.from(out)).toEqual(exact);
  });

  it('keeps its own copy of the rows and grows its memory for long outputs', () => {
    const values = new Float64Array(3 * 5000).fill(1);
    const held = holdRows(values, 5000);
    values.fill(2); // the kernels read their copy
    const out = new Float64Array(5000);
    held.addCombination(out, [0, 2, 1], [1, 1, 1], 0);
    expect(out.every((x) => x === 3)).toBe(true);
  });

  it('rejects rows it does not hold, ranges outside the rows and mismatched weights', () => {
    const held = holdRows(new Float32Array(20), 10);
    expect(held.rowCount).toBe(2);
    const add = (rows: number[], weights: number[], start: number) => () => {
      held.addCombination(new Float64Array(3), rows, weights, start);
    };
    expect(add([2], [1], 0)).toThrow(/row 2 is not one of the 2 held rows/);
    expect(add([0], [1], 8)).toThrow(/elements 8..11 are not inside/);
    expect(add([0, 1], [1], 0)).toThrow(/2 rows but 1 weights/);
    expect(() => holdRows(new Float32Array(4), 0)).toThrow(/row length 0/);
  });

  it('heldRowsOf holds each values array once per row length', () => {
    const values = randomRows('f32', 3, 8, 5);
    const held = heldRowsOf(values, 8);
    expect(heldRowsOf(values, 8)).toBe(held);
    expect(heldRowsOf(values.slice(), 8)).not.toBe(held);
    expect(heldRowsOf(values, 4).rowCount).toBe(6);
  });
});
