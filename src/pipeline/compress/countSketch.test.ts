import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random';
import { applyCountSketch, createCountSketch } from './countSketch';

describe('count sketch', () => {
  it('equals the explicit sparse ±1 matrix product (brute force), and is seeded', () => {
    const sketch = createCountSketch(50, 7, 3);
    const rng = createRng('x');
    const x = Float64Array.from({ length: 3 * 50 }, () => rng.normal(0, 1));
    const out = applyCountSketch(sketch, x, 3);
    for (let r = 0; r < 3; r++) {
      for (let j = 0; j < 7; j++) {
        let expected = 0;
        for (let i = 0; i < 50; i++)
          if (sketch.bucket[i] === j) expected += (x[r * 50 + i] ?? 0) * (sketch.sign[i] ?? 0);
        expect(out[r * 7 + j]).toBeCloseTo(expected, 12);
      }
    }
    expect(createCountSketch(50, 7, 3)).toEqual(sketch);
    expect(createCountSketch(50, 7, 4).bucket).not.toEqual(sketch.bucket);
  });

  it('keeps inner products in expectation: mean squared norm ratio near 1 over many vectors (within 5 %)', () => {
    const sketch = createCountSketch(4000, 512, 1);
    const rng = createRng('norms');
    let ratio = 0;
    const n = 200;
    for (let t = 0; t < n; t++) {
      const x = Float64Array.from({ length: 4000 }, () => rng.normal(0, 1));
      const y = applyCountSketch(sketch, x, 1);
      ratio += y.reduce((s, v) => s + v * v, 0) / x.reduce((s, v) => s + v * v, 0);
    }
    expect(ratio / n).toBeGreaterThan(0.95);
    expect(ratio / n).toBeLessThan(1.05);
  });
});
