import { GmfError } from './errors';

/**
 * The one seeded PRNG of the generative model (DESIGN.md section 3, Determinism).
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, passes PractRand to 2^45+ bytes)
 * seeded by cyrb128 over the seed and stream keys. Each (seed, ...keys) names its own stream, so
 * identity 17 of seed 42 draws the same numbers whether or not identities 0..16 came first and
 * a resumed generation reproduces an uninterrupted one. Math.random is never used.
 */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of resolution. */
  readonly next: () => number;
  /** Uniform unsigned 32-bit integer. */
  readonly uint32: () => number;
  /** Uniform integer in [min, max], both ends included, without modulo bias. */
  readonly int: (min: number, max: number) => number;
  /**
   * Normal deviate by Box–Muller; consumes exactly two uniforms per call (no cached spare), so
   * draw counts stay easy to reason about. Math.log/cos are fdlibm ports in V8, so results are
   * bit-identical across V8 builds; other engines may differ in the last bit.
   */
  readonly normal: (mu?: number, sd?: number) => number;
  /** Uniform choice of one item. */
  readonly pick: <T>(items: readonly T[]) => T;
}

export type StreamKey = number | string;

const TWO_POW_32 = 4294967296;

/** cyrb128: a fast 128-bit string hash, used only to spread the seed text over sfc32's state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function checkKey(what: string, key: StreamKey): void {
  if (typeof key === 'number' && !Number.isFinite(key)) {
    throw new GmfError('RNG_BAD_SEED', `The random ${what} must be a finite number, got ${key}.`);
  }
}

export function createRng(seed: StreamKey, ...streamKeys: StreamKey[]): Rng {
  checkKey('seed', seed);
  for (const key of streamKeys) checkKey('stream key', key);
  // JSON keeps types apart (1 vs "1") and key boundaries apart (["ab"] vs ["a","b"]).
  let [a, b, c, d] = cyrb128(JSON.stringify([seed, ...streamKeys]));

  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up so that similar hashes do not start with correlated outputs.
  for (let i = 0; i < 12; i++) uint32();

  const next = (): number => uint32() / TWO_POW_32;

  const int = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
      throw new GmfError('RNG_BAD_RANGE', `Integer range ends must be integers, got ${min}..${max}.`);
    }
    if (min > max) {
      throw new GmfError('RNG_BAD_RANGE', `Integer range minimum ${min} is above its maximum ${max}.`);
    }
    const span = max - min + 1;
    if (span > TWO_POW_32) {
      throw new GmfError('RNG_BAD_RANGE', `Integer range ${min}..${max} is wider than 2^32 values.`);
    }
    // Rejection sampling: draws at or above the last whole multiple of span would bias low values.
    const limit = Math.floor(TWO_POW_32 / span) * span;
    let u = uint32();
    while (u >= limit) u = uint32();
    return min + (u % span);
  };

  const normal = (mu = 0, sd = 1): number => {
    const u1 = 1 - next(); // (0, 1]: log(0) would be -Infinity
    const u2 = next();
    return mu + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new GmfError('RNG_EMPTY_PICK', 'Cannot pick from an empty list.');
    return items[int(0, items.length - 1)] as T;
  };

  return { next, uint32, int, normal, pick };
}
