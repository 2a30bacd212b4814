import { describe, expect, it } from 'vitest';
import { ORIGINAL_COMPONENTS, originalShape, originalTex, type SplitFactorsRecord } from './factors';

/** A split whose tex value at (sample i, band b, component c) is i * 10000 + b * 1000 + c. */
function split(
  samples: number,
  shapeComponents: number,
  texComponents: number,
): Omit<SplitFactorsRecord, 'key' | 'owner'> {
  const texBands = 5;
  const tex = new Float32Array(samples * texBands * texComponents);
  for (let i = 0; i < samples; i++)
    for (let b = 0; b < texBands; b++)
      for (let c = 0; c < texComponents; c++) tex[(i * texBands + b) * texComponents + c] = i * 10000 + b * 1000 + c;
  const shape = Float32Array.from({ length: samples * shapeComponents }, (_, k) => k);
  return {
    split: 'testing',
    samples,
    numbers: {} as SplitFactorsRecord['numbers'],
    labels: { gender: [], ethn: [], emo: [] },
    shape,
    shapeComponents,
    tex,
    texBands,
    texComponents,
  };
}

describe("shape and tex in the original's decomposed.h5 layout", () => {
  it('flattens tex component-major (column c * 5 + b), as io.py does with tex[:, :100].T.flatten()', () => {
    const t = originalTex(split(2, 3, 4));
    expect(t.cols).toBe(20);
    // Sample 1, column 7 = component 1, band 2.
    expect(t.data[1 * 20 + 7]).toBe(10000 + 2 * 1000 + 1);
    expect(Array.from(t.data.subarray(0, 6))).toEqual([0, 1000, 2000, 3000, 4000, 1]);
  });

  it(`keeps at most ${ORIGINAL_COMPONENTS} shape and texture components, the first ones`, () => {
    const f = split(2, 150, 120);
    const s = originalShape(f);
    expect(s.cols).toBe(100);
    expect(s.data[100]).toBe(150); // sample 1 starts at its own first coefficient
    const t = originalTex(f);
    expect(t.cols).toBe(500);
    expect(t.data[1 * 500 + 499]).toBe(10000 + 4 * 1000 + 99);
  });

  it('leaves fewer components as they are', () => {
    const f = split(3, 4, 2);
    expect(originalShape(f)).toEqual({ data: f.shape, cols: 4 });
  });
});
