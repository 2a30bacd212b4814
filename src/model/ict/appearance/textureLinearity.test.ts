/**
 * Texture component k must change the skin by coefficient x sd x phi_k x direction in log
 * reflectance. phi_k is computed here independently, from the formula textureBands.ts documents
 * (R-sequence frequencies and phases, 2 cos(.) cos(.)), not from the model's tables.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FaceIdentity } from '../../gmf/face/faceModel';
import { decodeIctAsset } from '../ictAsset';
import { buildIctAppearanceParts, type IctAppearanceParts, paintIctTextures } from './appearanceParts';
import { bandUnitCoordinates, GLOBAL_TONE_COMPONENTS, sourceBand, surfaceCoordinates } from './skinBands';
import { CHROMOPHORE_DIRECTIONS, srgbByteToLinear, toSrgbByte } from './skinColour';

let parts: IctAppearanceParts;
beforeAll(() => {
  parts = buildIctAppearanceParts(
    decodeIctAsset(new Uint8Array(readFileSync(new URL('../ictFaceKit.bin', import.meta.url)))),
  );
}, 120_000);

const frac = (x: number): number => x - Math.floor(x);
/** Component j of the procedural model's band `gmfBand` at unit coordinates (p, q). */
function phi(gmfBand: number, j: number, p: number, q: number): number {
  const n = j + 1;
  const radius = 2 ** gmfBand * 2 ** frac(n * 0.6180339887498949);
  const angle = (Math.PI / 2) * frac(n * 0.7548776662466927);
  const ax = 2 * Math.PI * frac(n * 0.8566748838545029);
  const ay = 2 * Math.PI * frac(n * 0.733891856627126);
  return (
    2 *
    Math.cos(2 * Math.PI * radius * Math.cos(angle) * p + ax) *
    Math.cos(2 * Math.PI * radius * Math.sin(angle) * q + ay)
  );
}

function texWith(band: number, j: number, value: number): FaceIdentity {
  const tex = Array.from({ length: 5 }, () => new Float32Array(100));
  (tex[band] as Float32Array)[j] = value;
  return { gender: 'F', ethn: 'EA', age: 30, shape: [], tex };
}

/** Log change of each texel's linear colour in channel c, and the expected one, over usable texels. */
function measure(band: number, j: number, coefficient: number, c: number): { got: number[]; want: number[] } {
  const base = paintIctTextures(parts, texWith(band, j, 0)).skin.rgba;
  const moved = paintIctTextures(parts, texWith(band, j, coefficient)).skin.rgba;
  const k0 = band === 0 ? j - GLOBAL_TONE_COMPONENTS : j;
  const sd = parts.skin.bands.sd[band]?.[j] ?? 0;
  const direction = CHROMOPHORE_DIRECTIONS[k0 % 3]?.[c] ?? 0;
  const got: number[] = [];
  const want: number[] = [];
  // Brows and lash line take the hair colour, which follows the melanin coefficient too.
  const { brows, regions } = parts.skin;
  const hairy = new Set([...brows.F.index, ...brows.M.index, ...regions.lashLine.index]);
  for (const t of parts.faceTexels) {
    if (hairy.has(t.k)) continue;
    // Inside the local bands' full-weight area, on surfaces facing forward; away from clipping.
    const [s, tt] = surfaceCoordinates(t.x, t.y, t.z);
    if (Math.abs(s) > 90 || Math.abs(tt + 15) > 90 || t.ny < -0.3 || t.k % 7 !== 0) continue;
    const a = srgbByteToLinear(base[4 * t.k + c] ?? 0);
    const b = srgbByteToLinear(moved[4 * t.k + c] ?? 0);
    if (a < 0.04 || b < 0.04 || a > 0.95 || b > 0.95) continue;
    const [p, q] = bandUnitCoordinates(band, s, tt);
    got.push(Math.log(b / a));
    want.push(coefficient * sd * direction * phi(sourceBand(band), k0, p, q));
  }
  return { got, want };
}

function fit(got: readonly number[], want: readonly number[]): { slope: number; residual: number } {
  let sxy = 0;
  let sxx = 0;
  got.forEach((g, i) => {
    sxy += g * (want[i] ?? 0);
    sxx += (want[i] ?? 0) ** 2;
  });
  const slope = sxy / sxx;
  const residual = Math.sqrt(got.reduce((s, g, i) => s + (g - slope * (want[i] ?? 0)) ** 2, 0) / got.length);
  return { slope, residual: residual / Math.sqrt(sxx / want.length) };
}

describe('texture components are linear in log reflectance', () => {
  // (band, component, channel): a head-wide cosine (melanin), a head-wide one along haemoglobin
  // (green channel), and a local band (melanin, blue channel).
  const cases: [number, number, number][] = [
    [0, 3, 0],
    [1, 1, 1],
    [3, 0, 2],
  ];
  for (const [band, j, c] of cases) {
    it(`band ${band}, component ${j}: pixels move by coefficient x sd x phi x direction`, () => {
      const { got, want } = measure(band, j, 6, c);
      expect(got.length).toBeGreaterThan(1000);
      const { slope, residual } = fit(got, want);
      // Bilinear interpolation of the cosines (>= 8 samples per cycle) and 8-bit rounding.
      expect(slope).toBeGreaterThan(0.93);
      expect(slope).toBeLessThan(1.07);
      expect(residual).toBeLessThan(0.15);
    });
  }

  it('scales with the coefficient, and the global melanin component shifts every texel alike', () => {
    // Slopes against the expected change stay 1 as the coefficient grows (no saturation).
    for (const coefficient of [-8, 2, 8]) {
      const { got, want } = measure(2, 0, coefficient, 2);
      expect(Math.abs(fit(got, want).slope - 1)).toBeLessThan(0.07);
    }
    // Every skin texel (but hair-coloured ones) is multiplied by exp(sd x gain x direction): predict
    // each byte from the unmoved one; rounding twice allows one code value, rarely two.
    const base = paintIctTextures(parts, texWith(0, 0, 0)).skin.rgba;
    const moved = paintIctTextures(parts, texWith(0, 0, 1)).skin.rgba;
    const { brows, regions } = parts.skin;
    const hairy = new Set([...brows.F.index, ...brows.M.index, ...regions.lashLine.index]);
    let within1 = 0;
    let count = 0;
    let worst = 0;
    for (const k of parts.skin.skinTexels) {
      if (hairy.has(k)) continue;
      for (let c = 0; c < 3; c++) {
        const factor = Math.exp(0.13 * 0.9 * (CHROMOPHORE_DIRECTIONS[0][c] ?? 0)); // sd x EA gain
        const predicted = toSrgbByte(srgbByteToLinear(base[4 * k + c] ?? 0) * factor);
        const error = Math.abs((moved[4 * k + c] ?? 0) - predicted);
        worst = Math.max(worst, error);
        if (error <= 1) within1++;
        count++;
      }
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(within1 / count).toBeGreaterThan(0.99);
  });
});
