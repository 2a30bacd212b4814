import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { HEAP_START, simdKernels, simdRowDots } from './simdKernels';

function random(length: number, seed: number): Float64Array {
  const rng = createRng(seed, 'simdKernels');
  return Float64Array.from({ length }, () => rng.normal());
}

describe('WebAssembly SIMD kernels (against plain loops)', () => {
  const kernels = simdKernels();

  it('compile in this runtime (Node and Chromium have WebAssembly SIMD)', () => {
    expect(kernels).not.toBeNull();
  });

  it('a bᵀ over rows and over columns, with odd sizes padded, equals the triple loop (1e-12 relative)', () => {
    const [n, m, k] = [13, 7, 9];
    const a = random(n * k, 1);
    const b = random(m * k, 2);
    const bT = new Float64Array(k * m);
    for (let j = 0; j < m; j++) for (let t = 0; t < k; t++) bT[t * m + j] = b[j * k + t] ?? 0;
    const expected = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let t = 0; t < k; t++) expected[i * m + j] = (expected[i * m + j] ?? 0) + (a[i * k + t] ?? 0) * (b[j * k + t] ?? 0);
    for (const side of [{ data: b, rows: m, transposed: false }, { data: bT, rows: m, transposed: true }]) {
      const out = new Float64Array(n * m);
      expect(simdRowDots({ data: a, rows: n, transposed: false }, side, k, out)).toBe(true);
      for (let i = 0; i < n * m; i++) expect(Math.abs((out[i] ?? 0) - (expected[i] ?? 0))).toBeLessThan(1e-12 * (1 + Math.abs(expected[i] ?? 0)));
    }
    // Symmetric: a against itself, entries j ≥ i written.
    const g = new Float64Array(n * n);
    expect(simdRowDots({ data: a, rows: n, transposed: false }, null, k, g)).toBe(true);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += (a[i * k + t] ?? 0) * (a[j * k + t] ?? 0);
        expect(Math.abs((g[i * n + j] ?? 0) - s)).toBeLessThan(1e-12 * (1 + Math.abs(s)));
      }
    }
  });

  it('row kernels: updates bit-identical to the JavaScript expressions, sums to 1e-13, any length', () => {
    if (kernels === null) return;
    const [stride, count] = [11, 9];
    const at = { rows: HEAP_START, d: HEAP_START + 4 * stride, e: HEAP_START + 5 * stride, w: HEAP_START + 6 * stride };
    const heap = kernels.reserve(7 * stride);
    const fill = (): void => {
      heap.set(random(7 * stride, 3), HEAP_START);
    };
    const row = (r: number, i: number): number => heap[at.rows + r * stride + i] ?? 0;
    const f = [0.5, -1.25, 2, 0.75];
    const g = [-0.3, 1.1, 0.2, -2];

    fill();
    const before = heap.slice();
    kernels.symmetricProductRows4(at.rows, stride, at.d, at.e, count, f[0] ?? 0, f[1] ?? 0, f[2] ?? 0, f[3] ?? 0);
    for (let r = 0; r < 4; r++) {
      let s = 0;
      for (let i = 0; i < count; i++) s += (before[at.rows + r * stride + i] ?? 0) * (before[at.d + i] ?? 0);
      expect(Math.abs((kernels.sums[r] ?? 0) - s)).toBeLessThan(1e-13);
    }
    for (let i = 0; i < count; i++) {
      const x = (r: number): number => (before[at.rows + r * stride + i] ?? 0) * (f[r] ?? 0);
      expect(heap[at.e + i]).toBe((before[at.e + i] ?? 0) + x(0) + x(1) + x(2) + x(3));
    }

    fill();
    const before2 = heap.slice();
    kernels.rankTwoRows4(at.rows, stride, at.d, at.e, count, f[0] ?? 0, f[1] ?? 0, f[2] ?? 0, f[3] ?? 0, g[0] ?? 0, g[1] ?? 0, g[2] ?? 0, g[3] ?? 0);
    for (let r = 0; r < 4; r++) {
      for (let i = 0; i < stride; i++) {
        const old = before2[at.rows + r * stride + i] ?? 0;
        const expected = i < count ? old - ((f[r] ?? 0) * (before2[at.e + i] ?? 0) + (g[r] ?? 0) * (before2[at.d + i] ?? 0)) : old;
        expect(row(r, i)).toBe(expected);
      }
    }

    fill();
    const before3 = heap.slice();
    kernels.dotRows4(at.w, at.rows, stride, count);
    const sums = Array.from(kernels.sums);
    for (let r = 0; r < 4; r++) {
      let s = 0;
      for (let i = 0; i < count; i++) s += (before3[at.w + i] ?? 0) * (before3[at.rows + r * stride + i] ?? 0);
      expect(Math.abs((sums[r] ?? 0) - s)).toBeLessThan(1e-13);
    }
    kernels.axpyRows4(at.w, at.rows, stride, count, g[0] ?? 0, g[1] ?? 0, g[2] ?? 0, g[3] ?? 0);
    for (let r = 0; r < 4; r++) {
      for (let i = 0; i < count; i++) expect(row(r, i)).toBe((before3[at.rows + r * stride + i] ?? 0) - (g[r] ?? 0) * (before3[at.w + i] ?? 0));
    }
  });
});
