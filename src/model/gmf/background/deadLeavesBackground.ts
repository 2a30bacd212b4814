/**
 * The backgrounds of the first (procedural) model, kept exactly so its datasets reproduce their
 * images: a dead-leaves source (~1/f amplitude) phase scrambled per channel, at half contrast.
 * Its power slope varies with the index (-1.1 to -2.3) and it shows fine colour speckle, which is
 * why newer models use the natural-statistics source of backgrounds.ts.
 */
import { phaseScramble } from './phaseScramble';

/** Radius density p(r) ~ r^-3 makes dead leaves scale invariant, hence ~1/f amplitude. */
const RADIUS_EXPONENT = 3;
/** Background contrast relative to the dead-leaves source (muted, like the original's). */
const BACKGROUND_CONTRAST = 0.5;
/** Safety cap; coverage normally completes after a few tens of thousands of small leaves. */
const MAX_LEAVES = 500_000;

function radiusFromUniform(u: number, rMin: number, rMax: number): number {
  // Inverse CDF of p(r) ~ r^-a on [rMin, rMax].
  const e = 1 - RADIUS_EXPONENT;
  const lo = rMin ** e;
  const hi = rMax ** e;
  return (lo + u * (hi - lo)) ** (1 / e);
}

/**
 * Dead leaves painted front to back: each new disc only fills pixels not yet covered, which is
 * the same image as painting back to front but stops as soon as the canvas is full. Positions
 * wrap around (torus) so the image is periodic and its FFT has no edge artefacts.
 */
function deadLeaves(size: number, uniform: () => number): Float64Array[] {
  const channels = [0, 1, 2].map(() => new Float64Array(size * size));
  const covered = new Uint8Array(size * size);
  let remaining = size * size;
  const rMin = 1;
  const rMax = size / 4;
  for (let leaf = 0; leaf < MAX_LEAVES && remaining > 0; leaf++) {
    const cx = uniform() * size;
    const cy = uniform() * size;
    const r = radiusFromUniform(uniform(), rMin, rMax);
    // A grey level plus a weaker tint: natural colours are strongly correlated across channels.
    const grey = uniform() * 255;
    const rgb = [0, 1, 2].map(() => Math.min(255, Math.max(0, grey + (uniform() - 0.5) * 30)));
    const r2 = r * r;
    for (let dy = Math.ceil(-r); dy <= r; dy++) {
      const y = (((Math.floor(cy) + dy) % size) + size) % size;
      const fy = Math.floor(cy) + dy + 0.5 - cy;
      for (let dx = Math.ceil(-r); dx <= r; dx++) {
        const fx = Math.floor(cx) + dx + 0.5 - cx;
        if (fx * fx + fy * fy > r2) continue;
        const x = (((Math.floor(cx) + dx) % size) + size) % size;
        const i = y * size + x;
        if (covered[i] === 1) continue;
        covered[i] = 1;
        remaining--;
        for (let c = 0; c < 3; c++) {
          const channel = channels[c];
          if (channel) channel[i] = rgb[c] ?? 0;
        }
      }
    }
  }
  return channels;
}

function meanAndStd(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(sq / values.length) };
}

/** Background pixels of the procedural model; `draw` is the index-mixed stream. */
export function deadLeavesBackground(size: number, draw: () => number): Uint8ClampedArray {
  const source = deadLeaves(size, draw);
  const scrambled = phaseScramble(source, size, size, draw);
  const rgba = new Uint8ClampedArray(size * size * 4).fill(255);
  scrambled.forEach((channel, c) => {
    // Restore the source mean and contrast per channel. Kept amplitudes already preserve both
    // (Parseval), so this mostly undoes rounding; it states the contract rather than relying on it.
    const src = meanAndStd(source[c] ?? channel);
    const out = meanAndStd(channel);
    // Half the source contrast: full-contrast scrambles compete with the face for attention.
    const gain = out.std > 0 ? (BACKGROUND_CONTRAST * src.std) / out.std : 0;
    for (let i = 0; i < channel.length; i++) {
      rgba[i * 4 + c] = src.mean + ((channel[i] ?? 0) - out.mean) * gain; // Uint8ClampedArray rounds and clamps.
    }
  });
  return rgba;
}
