/**
 * Alpha texture for ICT's eyelash cards (groups eyelashesLeft/Right, uvs in u 6..7: the right
 * eye's cards in u 6.0..6.5, the left's in 6.5..7). Each eye has six strips stacked in v, three
 * for the lower lashes (v 0..0.5) and three for the upper (0.5..1); in each strip the root (at
 * the lid) is the strip's top edge and the tip its bottom. Drawn opaque the cards are black
 * crescents; with this texture they are dark hairs: tapering strokes from root to tip, upper
 * lashes denser and longer. Fixed for every face (one seeded stream); sampled with u wrapped.
 */
import { createRng } from '../../../lib/random';
import type { MaterialTexture } from '../../gmf/face/faceModel';

export const LASH_TEXTURE_SIZE = 512;
const STRIP_START = 0.014;
const STRIP_HEIGHT = 0.14;
const STRIP_PITCH = 1 / 6;
/** sRGB colour of the lashes (very dark brown). */
const LASH_SRGB = [24, 19, 17];

export function buildLashTexture(size = LASH_TEXTURE_SIZE): MaterialTexture {
  const alpha = new Float32Array(size * size);
  const rng = createRng('ict-appearance', 'lashes');
  for (let strip = 0; strip < 6; strip++) {
    const upper = strip >= 3;
    const top = (STRIP_START + STRIP_HEIGHT + strip * STRIP_PITCH) * size;
    const height = STRIP_HEIGHT * size;
    for (const [u0, u1] of [
      [0.01, 0.49],
      [0.51, 0.99],
    ] as const) {
      const count = upper ? 70 : 35;
      for (let i = 0; i < count; i++) {
        const root = (u0 + (u1 - u0) * rng.next()) * size;
        const length = height * (upper ? 0.75 + 0.25 * rng.next() : 0.5 + 0.3 * rng.next());
        const lean = (rng.next() - 0.5) * 0.012 * size;
        const width = upper ? 1.4 : 1;
        const steps = Math.ceil(length * 2);
        for (let s = 0; s <= steps; s++) {
          const f = s / steps;
          const x = root + lean * f * f;
          const y = top - length * f;
          const half = 0.5 * width * (1 - 0.75 * f);
          for (let xi = Math.floor(x - half - 1); xi <= Math.ceil(x + half + 1); xi++) {
            const yi = Math.floor(y);
            if (xi < 0 || xi >= size || yi < 0 || yi >= size) continue;
            const a = Math.min(1, Math.max(0, half + 0.5 - Math.abs(xi + 0.5 - x)));
            const k = yi * size + xi;
            alpha[k] = Math.max(alpha[k] ?? 0, a * 0.95);
          }
        }
      }
    }
  }
  const rgba = new Uint8ClampedArray(4 * size * size);
  for (let k = 0; k < size * size; k++) {
    rgba[4 * k] = LASH_SRGB[0] ?? 0;
    rgba[4 * k + 1] = LASH_SRGB[1] ?? 0;
    rgba[4 * k + 2] = LASH_SRGB[2] ?? 0;
    rgba[4 * k + 3] = Math.round(255 * (alpha[k] ?? 0));
  }
  return { size, rgba };
}
