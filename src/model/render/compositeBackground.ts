/**
 * Alpha-blends a rendered face (RGBA, alpha 0 where there is no face) over a background
 * (DESIGN.md: backgrounds "alpha-blended behind the rendered face"). Pure pixels.
 */
export function compositeOverBackground(
  face: Uint8Array | Uint8ClampedArray,
  background: Uint8Array | Uint8ClampedArray,
  out = new Uint8ClampedArray(face.length),
): Uint8ClampedArray {
  if (background.length !== face.length)
    throw new Error(`background has ${background.length} bytes, face ${face.length}`);
  for (let i = 0; i < face.length; i += 4) {
    const a = (face[i + 3] ?? 0) / 255;
    for (let k = 0; k < 3; k++) out[i + k] = a * (face[i + k] ?? 0) + (1 - a) * (background[i + k] ?? 0);
    out[i + 3] = 255;
  }
  return out;
}

/** Nearest-neighbour resize of an RGBA square image (backgrounds come in powers of two). */
export function resizeRgba(
  src: Uint8Array | Uint8ClampedArray,
  srcSize: number,
  width: number,
  height: number,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(srcSize - 1, Math.floor(((y + 0.5) * srcSize) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(srcSize - 1, Math.floor(((x + 0.5) * srcSize) / width));
      out.set(src.subarray(4 * (sy * srcSize + sx), 4 * (sy * srcSize + sx) + 4), 4 * (y * width + x));
    }
  }
  return out;
}

/**
 * Box-filters an RGBA image rendered at `scale` times the size down to width x height (the
 * original generator's render scale: supersampling for anti-aliasing). Colour is averaged
 * weighted by alpha, so edge pixels keep the face's colour and get fractional alpha.
 */
export function downsampleRgba(
  src: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  scale: number,
): Uint8ClampedArray {
  if (scale === 1) return new Uint8ClampedArray(src);
  const out = new Uint8ClampedArray(width * height * 4);
  const srcWidth = width * scale;
  const n = scale * scale;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = 4 * ((y * scale + dy) * srcWidth + x * scale + dx);
          const alpha = src[i + 3] ?? 0;
          r += (src[i] ?? 0) * alpha;
          g += (src[i + 1] ?? 0) * alpha;
          b += (src[i + 2] ?? 0) * alpha;
          a += alpha;
        }
      }
      const o = 4 * (y * width + x);
      if (a > 0) {
        out[o] = r / a;
        out[o + 1] = g / a;
        out[o + 2] = b / a;
      }
      out[o + 3] = a / n;
    }
  }
  return out;
}
