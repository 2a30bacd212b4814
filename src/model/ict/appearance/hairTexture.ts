/**
 * The hair texture for the hair cap, whose uvs run u around the head and v from the hairline (0)
 * to the crown (1). Strands run along v: each texel column is a strand bundle with its own
 * brightness (octaves of fixed value noise across u), which drifts slowly along v and sways a
 * little sideways. Alpha is the hair's coverage: sparse at the hairline, where single strands
 * reach further down than others, full from v = 0.1, so the cap (drawn with an alpha test) ends
 * in a ragged hairline over the skin instead of a hard edge. Towards the crown overlapping strands
 * read a little darker. Colour from the identity (pigments.ts); the pattern is fixed. Hand designed.
 */
import { createRng } from '../../../lib/random';
import type { Rgb } from './skinColour';
import { toSrgbByte } from './skinColour';
import { smoothstep, texelHash } from './sparseField';

/** 512 texels around the head: about 1.2 mm per texel over a 600 mm circumference. */
export const HAIR_TEXTURE_SIZE = 512;
const SHADE_MIN = 0.3;
const SHADE_RANGE = 1.5;
/** Coverage is full from this v (the rest of the cap paints from a 256-entry table). */
const FULL_FROM_V = 0.1;
const NOISE_TABLE = 4096;

export interface HairModel {
  size: number;
  /** Per texel: strand brightness, quantised (shade = SHADE_MIN + level / 255 x SHADE_RANGE). */
  shade: Uint8Array;
  /** Per texel: alpha byte (hair coverage). */
  alpha: Uint8Array;
}

/** Periodic value noise across u (the cap wraps around the head), tabulated. */
function noiseTable(seed: string): Float32Array {
  const rng = createRng('ict-appearance', seed);
  const octaves = [8, 32, 128, 512].map((f) => ({
    f,
    values: Float32Array.from({ length: f }, () => rng.next() * 2 - 1),
  }));
  const weights = [0.2, 0.3, 0.35, 0.45];
  return Float32Array.from({ length: NOISE_TABLE }, (_, i) =>
    octaves.reduce((s, { f, values }, o) => {
      const x = (i / NOISE_TABLE) * f;
      const j = Math.floor(x);
      const t = x - j;
      const a = values[j % f] ?? 0;
      const b = values[(j + 1) % f] ?? 0;
      return s + (weights[o] ?? 0) * (a + (b - a) * t * t * (3 - 2 * t));
    }, 0),
  );
}

export function buildHairModel(size = HAIR_TEXTURE_SIZE): HairModel {
  const rng = createRng('ict-appearance', 'hair-sway');
  const table = noiseTable('hair');
  const noise = (u: number): number =>
    table[((Math.floor(u * NOISE_TABLE) % NOISE_TABLE) + NOISE_TABLE) % NOISE_TABLE] ?? 0;
  const sway = Array.from({ length: 3 }, () => [
    1 + Math.floor(4 * rng.next()),
    2 * Math.PI * rng.next(),
    0.6 + 0.8 * rng.next(),
  ]);
  const shade = new Uint8Array(size * size);
  const alpha = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    const v = (y + 0.5) / size;
    // Strands sway sideways along their length (a few texels).
    const drift = sway.reduce(
      (s, [f = 0, ph = 0, a = 0]) => s + ((3 * a) / size) * Math.sin(2 * Math.PI * f * v + ph),
      0,
    );
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size + drift;
      const k = y * size + x;
      const along = 0.15 * Math.sin(2 * Math.PI * (4 * v + 0.5 * noise(u * 0.25 + 0.37)));
      const s = (1 + noise(u) + along + 0.12 * (texelHash(k, 7) - 0.5)) * (1.08 - 0.16 * v);
      shade[k] = Math.round((255 * Math.min(SHADE_RANGE, Math.max(0, s - SHADE_MIN))) / SHADE_RANGE);
      // Each column's strand ends at its own height near the hairline.
      const reach = 0.03 * texelHash(x, 11) + 0.02 * (noise(u * 0.5) + 1);
      alpha[k] = Math.round(255 * smoothstep(reach, reach + 0.03, v) * smoothstep(0, FULL_FROM_V, v + 0.06));
    }
  }
  return { size, shade, alpha };
}

/** The identity's hair texture: RGB the hair colour at every texel (clean mipmaps), alpha the coverage. */
export function paintHair(model: HairModel, hair: Rgb): Uint8ClampedArray {
  const { size, shade, alpha } = model;
  const out = new Uint8ClampedArray(4 * size * size);
  // Only 256 shade levels: tabulate their colours.
  const table = new Uint8Array(3 * 256);
  for (let level = 0; level < 256; level++) {
    const s = SHADE_MIN + (level / 255) * SHADE_RANGE;
    for (let c = 0; c < 3; c++) table[3 * level + c] = toSrgbByte((hair[c] ?? 0) * s);
  }
  for (let k = 0; k < size * size; k++) {
    const level = 3 * (shade[k] ?? 0);
    const o = 4 * k;
    out[o] = table[level] ?? 0;
    out[o + 1] = table[level + 1] ?? 0;
    out[o + 2] = table[level + 2] ?? 0;
    out[o + 3] = alpha[k] ?? 255;
  }
  return out;
}
