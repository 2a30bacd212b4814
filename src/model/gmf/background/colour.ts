/**
 * Opponent colour coordinates: luminance (Rec. 601 luma), red-green (R - G) and blue-yellow
 * (B - (R + G) / 2). Natural images are described well in these: most contrast is luminance,
 * and the two colour-difference channels carry much less.
 */

/** Rec. 601 luma weights for R, G, B. */
const WR = 0.299;
const WG = 0.587;
const WB = 0.114;

export interface OpponentImage {
  luminance: Float64Array;
  redGreen: Float64Array;
  blueYellow: Float64Array;
}

/** Opponent channels of an RGBA image, one value per pixel each. */
export function toOpponent(rgba: Uint8ClampedArray): OpponentImage {
  const n = rgba.length / 4;
  const luminance = new Float64Array(n);
  const redGreen = new Float64Array(n);
  const blueYellow = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rgba[i * 4] ?? 0;
    const g = rgba[i * 4 + 1] ?? 0;
    const b = rgba[i * 4 + 2] ?? 0;
    luminance[i] = WR * r + WG * g + WB * b;
    redGreen[i] = r - g;
    blueYellow[i] = b - (r + g) / 2;
  }
  return { luminance, redGreen, blueYellow };
}

/**
 * The exact inverse of `toOpponent`: R, G, B channels (unclamped) from opponent channels.
 * With R = m + RG/2, G = m - RG/2, B = m + BY, the luma equation gives m below.
 */
export function fromOpponent({ luminance, redGreen, blueYellow }: OpponentImage): Float64Array[] {
  const n = luminance.length;
  const channels = [new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  const [red, green, blue] = channels;
  for (let i = 0; i < n; i++) {
    const rg = redGreen[i] ?? 0;
    const by = blueYellow[i] ?? 0;
    const m = (luminance[i] ?? 0) - ((WR - WG) / 2) * rg - WB * by;
    red[i] = m + rg / 2;
    green[i] = m - rg / 2;
    blue[i] = m + by;
  }
  return [...channels];
}
