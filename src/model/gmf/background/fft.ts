/**
 * In-place radix-2 complex FFT over Float64Array pairs (real, imaginary). Written by hand
 * because it is ~60 lines and must run inside a Web Worker without dependencies.
 */
import { GmfError } from '../../../lib/errors';

export class FftSizeError extends GmfError {
  constructor(message: string) {
    super('FFT_SIZE', message);
  }
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

function requirePowerOfTwo(n: number, what: string): void {
  if (!isPowerOfTwo(n)) {
    throw new FftSizeError(`The FFT ${what} must be a power of two (1, 2, 4, ...), got ${n}.`);
  }
}

/**
 * Forward: X[k] = sum_n x[n] e^{-2 pi i k n / N}. Inverse uses e^{+...} and divides by N,
 * so inverse(forward(x)) == x.
 */
export function fft1d(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  requirePowerOfTwo(n, 'length');
  if (im.length !== n) {
    throw new FftSizeError(`Real and imaginary parts differ in length (${n} vs ${im.length}).`);
  }
  // Bit-reversal permutation, so the butterflies below can work in place.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i] ?? 0;
      re[i] = re[j] ?? 0;
      re[j] = tr;
      const ti = im[i] ?? 0;
      im[i] = im[j] ?? 0;
      im[j] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const angle = (sign * 2 * Math.PI) / len;
    for (let k = 0; k < half; k++) {
      // Twiddles computed directly (not by recurrence) to keep rounding error near 1e-15.
      const wr = Math.cos(angle * k);
      const wi = Math.sin(angle * k);
      for (let start = 0; start < n; start += len) {
        const a = start + k;
        const b = a + half;
        const br = re[b] ?? 0;
        const bi = im[b] ?? 0;
        const tr = br * wr - bi * wi;
        const ti = br * wi + bi * wr;
        const ar = re[a] ?? 0;
        const ai = im[a] ?? 0;
        re[a] = ar + tr;
        im[a] = ai + ti;
        re[b] = ar - tr;
        im[b] = ai - ti;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] ?? 0) / n;
      im[i] = (im[i] ?? 0) / n;
    }
  }
}

/** 2-D FFT of a row-major width x height grid: rows, then columns (inverse scaled by 1/(W*H)). */
export function fft2d(re: Float64Array, im: Float64Array, width: number, height: number, inverse: boolean): void {
  requirePowerOfTwo(width, 'width');
  requirePowerOfTwo(height, 'height');
  const size = width * height;
  if (re.length !== size || im.length !== size) {
    throw new FftSizeError(
      `A ${width}x${height} FFT needs ${size} values, got ${re.length} real and ${im.length} imaginary.`,
    );
  }
  for (let y = 0; y < height; y++) {
    // subarray views share memory, so each row is transformed in place.
    fft1d(re.subarray(y * width, (y + 1) * width), im.subarray(y * width, (y + 1) * width), inverse);
  }
  const colRe = new Float64Array(height);
  const colIm = new Float64Array(height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      colRe[y] = re[y * width + x] ?? 0;
      colIm[y] = im[y * width + x] ?? 0;
    }
    fft1d(colRe, colIm, inverse);
    for (let y = 0; y < height; y++) {
      re[y * width + x] = colRe[y] ?? 0;
      im[y * width + x] = colIm[y] ?? 0;
    }
  }
}
