/** Test helpers shared by this folder's tests (not used by production code). */

/** Texel index for a UV point (row 0 at v = 0). */
export function texelAt(size: number, u: number, v: number): number {
  const x = Math.min(size - 1, Math.max(0, Math.floor(u * size)));
  const y = Math.min(size - 1, Math.max(0, Math.floor(v * size)));
  return y * size + x;
}

export function rgbAt(rgba: Uint8ClampedArray, size: number, u: number, v: number): [number, number, number] {
  const k = 4 * texelAt(size, u, v);
  return [rgba[k] ?? 0, rgba[k + 1] ?? 0, rgba[k + 2] ?? 0];
}

export const lumaOf = ([r, g, b]: readonly number[]): number =>
  0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);

/** Zero coefficients for every band. */
export function zeroTex(components: number): Float32Array[] {
  return Array.from({ length: 5 }, () => new Float32Array(components));
}
