/**
 * The 'delta-byteplanes' encoding of int16 sections (see ictFormat.ts): each value is stored as
 * its difference from the previous one (wrapping in 16 bits, so it is lossless), then all low
 * bytes are written before all high bytes. Neighbouring vertices move alike under a shape mode,
 * so the differences are small and their high bytes compress to almost nothing.
 */

/** Encodes int16 values (given as integers in [-32768, 32767]) into 2 * n bytes. */
export function encodeDeltaBytePlanes(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(2 * n);
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] ?? 0;
    const difference = (value - previous) & 0xffff;
    out[i] = difference & 0xff;
    out[n + i] = difference >>> 8;
    previous = value;
  }
  return out;
}

/** Inverse of encodeDeltaBytePlanes; `bytes` must hold exactly 2 * n bytes. */
export function decodeDeltaBytePlanes(bytes: Uint8Array): Int16Array {
  const n = bytes.length >>> 1;
  const out = new Int16Array(n);
  let value = 0;
  for (let i = 0; i < n; i++) {
    const difference = (bytes[i] ?? 0) | ((bytes[n + i] ?? 0) << 8);
    // Shifting left then right by 16 wraps the running sum back into int16, as the encoder did.
    value = ((value + difference) << 16) >> 16;
    out[i] = value;
  }
  return out;
}
