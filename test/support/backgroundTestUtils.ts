/** Test helpers shared by this folder's tests (not used by production code). */

/** Tiny deterministic LCG (Numerical Recipes constants) giving uniforms in [0, 1). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Naive O(N^2) 2-D DFT, the independent reference for the FFT. */
export function naiveDft2d(
  re: Float64Array,
  im: Float64Array,
  width: number,
  height: number,
): { re: Float64Array; im: Float64Array } {
  const outRe = new Float64Array(width * height);
  const outIm = new Float64Array(width * height);
  for (let ky = 0; ky < height; ky++) {
    for (let kx = 0; kx < width; kx++) {
      let sr = 0;
      let si = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const a = -2 * Math.PI * ((kx * x) / width + (ky * y) / height);
          const r = re[y * width + x] ?? 0;
          const m = im[y * width + x] ?? 0;
          sr += r * Math.cos(a) - m * Math.sin(a);
          si += r * Math.sin(a) + m * Math.cos(a);
        }
      }
      outRe[ky * width + kx] = sr;
      outIm[ky * width + kx] = si;
    }
  }
  return { re: outRe, im: outIm };
}

export function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}
