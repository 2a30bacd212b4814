import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng } from '../random';
import { JavaScriptRowKernels, type RowKernels } from './javascriptKernels';
import kernelBytes from './kernels.wat';
import probeBytes from './simdProbe.wat';
import { HEAP_START, SimdKernelsError, loadSimdKernels, setSimdKernels, simdKernels, simdStatus } from './simdKernels';
import { simdRowDots } from './simdProduct';

function random(length: number, seed: number): Float64Array {
  const rng = createRng(seed, 'simdKernels');
  return Float64Array.from({ length }, () => rng.normal());
}

afterEach(() => {
  setSimdKernels(true);
  vi.restoreAllMocks();
});

describe('loading the WebAssembly SIMD kernels', () => {
  it('are active in this runtime (Node, like Chromium, has WebAssembly SIMD)', () => {
    expect(simdStatus()).toEqual({ active: true });
    expect(simdKernels()).not.toBeNull();
  });

  it('throw SIMD_KERNELS_FAILED for a module that does not compile, or lacks a kernel, where SIMD is supported', () => {
    const truncated = kernelBytes.slice(0, kernelBytes.length - 9);
    expect(() => loadSimdKernels(truncated)).toThrow(SimdKernelsError);
    expect(() => loadSimdKernels(truncated)).toThrow(
      expect.objectContaining({ code: 'SIMD_KERNELS_FAILED' }) as SimdKernelsError,
    );
    // The probe is valid SIMD, but exports none of the kernels.
    expect(() => loadSimdKernels(probeBytes)).toThrow(
      /does not export dots, symmetricProductRows4, rankTwoRows4, dotRows4, axpyRows4/,
    );
  });

  it('fall back to JavaScript, saying why, only where the runtime has no SIMD', () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(loadSimdKernels(kernelBytes)).toEqual({
      kernels: null,
      reason: "this runtime's WebAssembly has no 128-bit SIMD",
    });
  });

  it('can be switched off for comparisons, and say so', () => {
    setSimdKernels(false);
    expect(simdKernels()).toBeNull();
    expect(simdStatus()).toEqual({ active: false, reason: 'switched off with setSimdKernels(false)' });
  });
});

describe('WebAssembly SIMD kernels (against plain loops and the JavaScript kernels)', () => {
  const kernels = simdKernels();
  if (kernels === null) throw new Error('no SIMD kernels in this runtime');

  it('a bᵀ over rows and over columns, with odd sizes padded, equals the triple loop (1e-12 relative)', () => {
    const [n, m, k] = [13, 7, 9];
    const a = random(n * k, 1);
    const b = random(m * k, 2);
    const bT = new Float64Array(k * m);
    for (let j = 0; j < m; j++) for (let t = 0; t < k; t++) bT[t * m + j] = b[j * k + t] ?? 0;
    const expected = new Float64Array(n * m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++)
        for (let t = 0; t < k; t++)
          expected[i * m + j] = (expected[i * m + j] ?? 0) + (a[i * k + t] ?? 0) * (b[j * k + t] ?? 0);
    for (const side of [
      { data: b, rows: m, transposed: false },
      { data: bT, rows: m, transposed: true },
    ]) {
      const out = new Float64Array(n * m);
      simdRowDots(kernels, { data: a, rows: n, transposed: false }, side, k, out);
      for (let i = 0; i < n * m; i++)
        expect(Math.abs((out[i] ?? 0) - (expected[i] ?? 0))).toBeLessThan(1e-12 * (1 + Math.abs(expected[i] ?? 0)));
    }
    // Symmetric: a against itself, entries j ≥ i written.
    const g = new Float64Array(n * n);
    simdRowDots(kernels, { data: a, rows: n, transposed: false }, null, k, g);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += (a[i * k + t] ?? 0) * (a[j * k + t] ?? 0);
        expect(Math.abs((g[i * n + j] ?? 0) - s)).toBeLessThan(1e-12 * (1 + Math.abs(s)));
      }
    }
  });

  // Operands at the same offsets in the SIMD memory and in a JavaScript one of the same contents.
  const stride = 11;
  const at = { rows: HEAP_START, d: HEAP_START + 4 * stride, e: HEAP_START + 5 * stride };
  const size = HEAP_START + 6 * stride;
  const f = [0.5, -1.25, 2, 0.75] as const;
  const g = [-0.3, 1.1, 0.2, -2] as const;

  function twin(values: Float64Array): JavaScriptRowKernels {
    kernels?.reserve(size).set(values, HEAP_START);
    const memory = new Float64Array(size);
    memory.set(values, HEAP_START);
    return new JavaScriptRowKernels(memory);
  }

  const run = (both: readonly RowKernels[], step: (k: RowKernels) => void): void => {
    for (const k of both) step(k);
  };

  for (const count of [9, 10]) {
    it(`row kernels (count ${count}): updates bit-identical to the JavaScript kernels, sums to 1e-13`, () => {
      const initial = random(size - HEAP_START, count);
      const js = twin(initial);
      const both = [kernels, js];
      const sumsAgree = (): void => {
        for (let r = 0; r < 4; r++) expect(Math.abs((kernels.sums[r] ?? 0) - (js.sums[r] ?? 0))).toBeLessThan(1e-13);
      };
      const memoryAgrees = (): void => {
        expect(kernels.memory.subarray(HEAP_START, size)).toEqual(js.memory.subarray(HEAP_START, size));
      };

      run(both, (k) => {
        k.symmetricProductRows4(at.rows, stride, at.d, at.e, count, ...f, 1, 2, 3, 4);
      });
      sumsAgree();
      memoryAgrees();

      run(both, (k) => {
        k.rankTwoRows4(at.rows, stride, at.d, at.e, count, ...f, ...g);
      });
      memoryAgrees();

      run(both, (k) => {
        k.dotRows4(at.d, at.rows, stride, count);
      });
      sumsAgree();

      run(both, (k) => {
        k.axpyRows4(at.e, at.rows, stride, count, ...g);
      });
      memoryAgrees();
      // Positions past count are untouched.
      for (let r = 0; r < 4; r++) {
        for (let k = count; k < stride; k++)
          expect(kernels.memory[at.rows + r * stride + k]).toBe(initial[at.rows - HEAP_START + r * stride + k]);
      }
    });
  }
});
