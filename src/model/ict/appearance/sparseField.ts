/** A mask that is zero almost everywhere: only its nonzero texels, with their values. */
export interface SparseField {
  index: Uint32Array;
  value: Float32Array;
}

/** A texel of the face as the region builders see it: atlas index, neutral position and normal. */
export interface FaceTexel {
  k: number;
  x: number;
  y: number;
  z: number;
  nx: number;
  ny: number;
  nz: number;
}

/** Evaluates `f` at every texel and keeps the values above 1e-3. */
export function sparseField(texels: readonly FaceTexel[], f: (t: FaceTexel) => number): SparseField {
  const index: number[] = [];
  const value: number[] = [];
  for (const t of texels) {
    const v = f(t);
    if (v > 1e-3) {
      index.push(t.k);
      value.push(Math.min(1, v));
    }
  }
  return { index: Uint32Array.from(index), value: Float32Array.from(value) };
}

export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

export const gaussian = (d: number, sigma: number): number => Math.exp(-(d * d) / (2 * sigma * sigma));

/** A fixed, well-mixed hash of a texel index to [0, 1): per-texel grain that is the same for every face. */
export function texelHash(k: number, salt: number): number {
  let h = Math.imul(k ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
