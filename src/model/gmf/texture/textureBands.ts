/**
 * The texture space: 5 spatial-frequency bands x K components, added to log albedo.
 *
 * Component j of band b is a product of cosines over the unit UV square,
 *   phi(u, v) = 2 cos(2 pi fx u + ax) cos(2 pi fy v + ay)   (RMS 1),
 * whose frequency radius sqrt(fx^2 + fy^2) lies in band b's octave [2^b, 2^(b+1)) cycles across
 * the texture. Radius (log-spaced), orientation and phases follow low-discrepancy (R-sequence)
 * sequences in j, so the order is fixed and any prefix of components covers the ring evenly.
 * Colour directions cycle with j: luminance (1,1,1), red-green (1,-1,0), blue-yellow (1/2,1/2,-1).
 * SDs (log-albedo units, hand designed): sd[b][j] = BAND_SCALE[b] * COLOUR_WEIGHT[j % 3] / (1 + j/10),
 * decaying within a band and across bands; the total variance of a band barely depends on K.
 */
import { heldRowsOf } from '../../../lib/linalg/rowCombination';

export const TEXTURE_BAND_COUNT = 5;
/** Upper limit of components per band (as the original model's 394). */
export const MAX_TEXTURE_COMPONENTS = 394;
// Log-albedo sds, chosen by eye on rendered faces: larger values gave visible axis-aligned
// stripes (the components are cosine products) and colour casts.
const BAND_SCALE = [0.03, 0.018, 0.011, 0.008, 0.006];
const COLOUR_WEIGHT = [1, 0.25, 0.25];
/** Samples per cycle at a band's top frequency when evaluated on its own grid (then upsampled bilinearly). */
const SAMPLES_PER_CYCLE = 8;

export interface TextureBand {
  index: number;
  /** Frequency range in cycles across the texture: [low, high). */
  low: number;
  high: number;
  fx: Float64Array;
  fy: Float64Array;
  /** Colour direction per component: 0 luminance, 1 red-green, 2 blue-yellow. */
  colour: Uint8Array;
  sd: Float32Array;
  /** Grid side on which the band is evaluated (<= texture size). */
  grid: number;
  /** cos tables: xTable[j * grid + i] = sqrt(2) cos(2 pi fx_j (i + 0.5) / grid + ax_j); same for y. */
  xTable: Float64Array;
  yTable: Float64Array;
}

const frac = (x: number): number => x - Math.floor(x);
/** R-sequence constants (Roberts 2018): 1/g, 1/g^2, ... with g the plastic-like numbers for 1-4 dims. */
const R1 = 0.6180339887498949;
const R2A = 0.7548776662466927;
const R4 = [0.8566748838545029, 0.733891856627126, 0.6287067210378086, 0.5385972572236101];

export function buildTextureBand(index: number, components: number, textureSize: number): TextureBand {
  const low = 2 ** index;
  const high = 2 * low;
  const grid = Math.min(textureSize, SAMPLES_PER_CYCLE * high);
  const fx = new Float64Array(components);
  const fy = new Float64Array(components);
  const colour = new Uint8Array(components);
  const sd = new Float32Array(components);
  const xTable = new Float64Array(components * grid);
  const yTable = new Float64Array(components * grid);
  const scale = BAND_SCALE[index] ?? 0;
  for (let j = 0; j < components; j++) {
    const n = j + 1;
    const radius = low * 2 ** frac(n * R1);
    const angle = (Math.PI / 2) * frac(n * R2A);
    const ax = 2 * Math.PI * frac(n * (R4[0] ?? 0));
    const ay = 2 * Math.PI * frac(n * (R4[1] ?? 0));
    fx[j] = radius * Math.cos(angle);
    fy[j] = radius * Math.sin(angle);
    colour[j] = j % 3;
    sd[j] = (scale * (COLOUR_WEIGHT[j % 3] ?? 0)) / (1 + j / 10);
    for (let i = 0; i < grid; i++) {
      const s = (i + 0.5) / grid;
      xTable[j * grid + i] = Math.SQRT2 * Math.cos(2 * Math.PI * (fx[j] ?? 0) * s + ax);
      yTable[j * grid + i] = Math.SQRT2 * Math.cos(2 * Math.PI * (fy[j] ?? 0) * s + ay);
    }
  }
  return { index, low, high, fx, fy, colour, sd, grid, xTable, yTable };
}

/**
 * Adds sum_j coef[j] * phi_j to three grid x grid fields (luminance, red-green, blue-yellow,
 * stored one after another in `fields`, which must hold 3 * grid^2 values and is zeroed here).
 * Row y of field d is sum over the components j of colour d (in order) of (coef[j] yTable_j[y]) xTable_j,
 * each term multiplied and added in float64 as written.
 */
export function evaluateBand(band: TextureBand, coef: Float64Array, fields: Float64Array): void {
  const g = band.grid;
  const g2 = g * g;
  fields.fill(0, 0, 3 * g2);
  const { yTable, colour } = band;
  const held = heldRowsOf(band.xTable, g);
  for (let d = 0; d < 3; d++) {
    const rows: number[] = [];
    for (let j = 0; j < coef.length; j++) if ((colour[j] ?? 0) === d && (coef[j] ?? 0) !== 0) rows.push(j);
    if (rows.length === 0) continue;
    const weights = new Float64Array(rows.length);
    for (let y = 0; y < g; y++) {
      rows.forEach((j, i) => {
        weights[i] = (coef[j] ?? 0) * (yTable[j * g + y] ?? 0);
      });
      held.addCombination(fields.subarray(d * g2 + y * g, d * g2 + (y + 1) * g), rows, weights, 0);
    }
  }
}

/** Bilinear resampling taps from a grid of side `from` (cell-centred) to side `to`. */
export interface Taps {
  i0: Int32Array;
  i1: Int32Array;
  w: Float64Array;
}

export function bilinearTaps(from: number, to: number): Taps {
  const i0 = new Int32Array(to);
  const i1 = new Int32Array(to);
  const w = new Float64Array(to);
  for (let i = 0; i < to; i++) {
    const g = Math.min(from - 1, Math.max(0, ((i + 0.5) / to) * from - 0.5));
    const a = Math.min(from - 2, Math.floor(g));
    i0[i] = Math.max(0, a);
    i1[i] = Math.min(from - 1, a + 1);
    w[i] = from > 1 ? g - a : 0;
  }
  return { i0, i1, w };
}
