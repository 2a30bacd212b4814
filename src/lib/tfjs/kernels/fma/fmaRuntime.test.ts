import { describe, expect, it } from 'vitest';
import { fmaKernels } from './fmaRuntime';

describe('the product kernels at run time', () => {
  it('loads here without helpers (Node is no dedicated worker), and reserves memory that grows', () => {
    const kernels = fmaKernels();
    expect(kernels?.helpers).toBe(0);
    const at = kernels?.reserve(8 << 20) ?? 0;
    expect(kernels?.f32().length).toBeGreaterThanOrEqual((at + (8 << 20)) / 4);
  });

  it('reports a kernel that traps as an error, and the next call runs', () => {
    const kernels = fmaKernels();
    if (!kernels) throw new Error('no kernels');
    const at = kernels.reserve(4096);
    const i32 = kernels.i32();
    const f32 = kernels.f32();
    // A 1-tap, 1-channel product: rows table (6 entries) at `at`, tap offsets at + 64, b at + 128.
    const rows = at / 4;
    const x = at + 1024;
    for (let r = 0; r < 6; r++) i32[rows + r] = x + 4 * r;
    i32[rows + 16] = 0;
    f32.fill(0, (at + 128) / 4, (at + 128) / 4 + 8);
    f32[(at + 128) / 4] = 2; // b[0][0]
    for (let r = 0; r < 6; r++) f32[x / 4 + r] = r + 1;
    const args = (rowsAt: number) => [rowsAt, at + 64, 1, 1, at + 128, 1, at + 256, at + 512, 32, 0];
    expect(() => {
      kernels.run('conv', 1, args(0x7ffffff0));
    }).toThrow(/convolution kernel conv failed/);
    // out[r][0] = bias + 2 · x[r], with a zero bias at + 256.
    f32.fill(0, (at + 256) / 4, (at + 256) / 4 + 8);
    kernels.run('conv', 1, args(at));
    expect(Array.from({ length: 6 }, (_, r) => f32[(at + 512) / 4 + 8 * r])).toEqual([2, 4, 6, 8, 10, 12]);
  });
});
