import { describe, expect, it } from 'vitest';
import { textureKey } from './textureKey';

describe('textureKey', () => {
  it('keys on what textures depend on: demographics and texture coefficients, not shape', () => {
    const base = { gender: 'F' as const, ethn: 'WC' as const, age: 30, tex: [new Float32Array([1, 2])] };
    expect(textureKey(base)).toBe(textureKey({ ...base, tex: [new Float32Array([1, 2])] }));
    expect(textureKey(base)).not.toBe(textureKey({ ...base, age: 31 }));
    expect(textureKey(base)).not.toBe(textureKey({ ...base, tex: [new Float32Array([1, 2.5])] }));
    expect(textureKey(base)).not.toBe(textureKey({ ...base, ethn: 'EA' }));
  });
});
