import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { renderAlbedo } from './renderAlbedo';
import { firstDifference } from '../../../../test/support/firstDifference';
import { lumaOf, zeroTex } from '../../../../test/support/textureTestUtils';
import { setSimdKernels } from '../../../lib/linalg/simdKernels';
import { bilinearTaps, buildTextureBand, evaluateBand } from './textureBands';
import { buildTextureModel } from './textureModel';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const SIZE = 256;

const model = buildTextureModel(mesh, { size: SIZE, components: 12 });
const params = { gender: 'F', ethn: 'WC', age: 25 } as const;
const reference = renderAlbedo(model, { ...params, tex: zeroTex(12) });

/** Radius (cycles across the texture) of the strongest DFT peak up to 64 cycles, by brute-force DFT. */
function peakFrequency(image: Float64Array, size: number): number {
  const K = 64;
  // Row transform for kx = 0..K, then column transform for ky = -K..K.
  const rowRe = new Float64Array(size * (K + 1));
  const rowIm = new Float64Array(size * (K + 1));
  for (let y = 0; y < size; y++) {
    for (let kx = 0; kx <= K; kx++) {
      let re = 0;
      let im = 0;
      for (let x = 0; x < size; x++) {
        const a = (-2 * Math.PI * kx * x) / size;
        const p = image[y * size + x] ?? 0;
        re += p * Math.cos(a);
        im += p * Math.sin(a);
      }
      rowRe[y * (K + 1) + kx] = re;
      rowIm[y * (K + 1) + kx] = im;
    }
  }
  let best = -1;
  let bestRadius = 0;
  for (let kx = 0; kx <= K; kx++) {
    for (let ky = -K; ky <= K; ky++) {
      let re = 0;
      let im = 0;
      for (let y = 0; y < size; y++) {
        const a = (-2 * Math.PI * ky * y) / size;
        const r = rowRe[y * (K + 1) + kx] ?? 0;
        const i = rowIm[y * (K + 1) + kx] ?? 0;
        re += r * Math.cos(a) - i * Math.sin(a);
        im += r * Math.sin(a) + i * Math.cos(a);
      }
      const power = re * re + im * im;
      if (power > best) {
        best = power;
        bestRadius = Math.hypot(kx, ky);
      }
    }
  }
  return bestRadius;
}

/** Luminance difference (sRGB levels) between a one-component albedo and the zero-coefficient one. */
function singleComponentDifference(band: number, component: number): Float64Array {
  const tex = zeroTex(12);
  const sd = model.bandSd[band]?.[component] ?? 1;
  (tex[band] ?? new Float32Array(12))[component] = 0.08 / sd; // a clearly visible but unclipped amplitude
  const img = renderAlbedo(model, { ...params, tex });
  const diff = new Float64Array(SIZE * SIZE);
  for (let k = 0; k < diff.length; k++) {
    const at = (im: Uint8ClampedArray): number[] => [im[4 * k] ?? 0, im[4 * k + 1] ?? 0, im[4 * k + 2] ?? 0];
    diff[k] = lumaOf(at(img)) - lumaOf(at(reference));
  }
  return diff;
}

describe('texture bands', () => {
  it('put the DFT peak of each luminance component in its band octave, bands ordered low to high', () => {
    const means: number[] = [];
    for (let b = 0; b < 5; b++) {
      const band = model.bands[b];
      let sum = 0;
      for (const j of [0, 3]) {
        // luminance components
        const peak = peakFrequency(singleComponentDifference(b, j), SIZE);
        // Non-integer frequencies leak to the neighbouring DFT bins: allow one bin either side.
        expect(peak).toBeGreaterThanOrEqual((band?.low ?? 0) - 1);
        expect(peak).toBeLessThanOrEqual((band?.high ?? 0) + 1);
        const declared = Math.hypot(band?.fx[j] ?? 0, band?.fy[j] ?? 0);
        expect(Math.abs(peak - declared)).toBeLessThan(1.5);
        sum += peak;
      }
      means.push(sum / 2);
    }
    for (let b = 1; b < 5; b++) expect(means[b] ?? 0).toBeGreaterThan(means[b - 1] ?? 0);
  });

  it('declares frequencies inside the octave and SDs that decay within and across bands', () => {
    for (let b = 0; b < 5; b++) {
      const band = buildTextureBand(b, 394, 256);
      for (let j = 0; j < 394; j++) {
        const r = Math.hypot(band.fx[j] ?? 0, band.fy[j] ?? 0);
        expect(r).toBeGreaterThanOrEqual(2 ** b - 1e-9);
        expect(r).toBeLessThan(2 ** (b + 1));
      }
      for (let j = 3; j < 394; j++) expect(band.sd[j] ?? 0).toBeLessThan(band.sd[j - 3] ?? 0);
      if (b > 0) expect(band.sd[0] ?? 0).toBeLessThan(buildTextureBand(b - 1, 1, 256).sd[0] ?? 0);
    }
  });

  it('evaluates a component as 2 cos(2 pi fx u + ax) cos(2 pi fy v + ay) with RMS about 1', () => {
    const band = buildTextureBand(2, 4, 64);
    const fields = new Float64Array(3 * band.grid * band.grid);
    evaluateBand(band, Float64Array.from([1, 0, 0, 0]), fields);
    let sq = 0;
    for (let k = 0; k < band.grid ** 2; k++) sq += (fields[k] ?? 0) ** 2;
    expect(Math.sqrt(sq / band.grid ** 2)).toBeCloseTo(1, 1);
    expect(fields.subarray(band.grid ** 2).every((x) => x === 0)).toBe(true); // luminance only
  });

  it('sums the components to the bit as the component-by-component loop does, with SIMD rows or without', () => {
    const band = buildTextureBand(3, 40, 4096);
    const g = band.grid;
    const coef = Float64Array.from({ length: 40 }, (_, j) => (j % 7 === 3 ? 0 : Math.sin(1.3 * j) * 0.02));
    // By definition: fields[colour_j][y][x] += (coef_j yTable_j[y]) xTable_j[x], j ascending.
    const expected = new Float64Array(3 * g * g);
    for (let j = 0; j < 40; j++) {
      const c = coef[j] ?? 0;
      if (c === 0) continue;
      for (let y = 0; y < g; y++) {
        const cy = c * (band.yTable[j * g + y] ?? 0);
        const row = (band.colour[j] ?? 0) * g * g + y * g;
        for (let x = 0; x < g; x++) expected[row + x] = (expected[row + x] ?? 0) + cy * (band.xTable[j * g + x] ?? 0);
      }
    }
    const fields = new Float64Array(3 * g * g).fill(7);
    evaluateBand(band, coef, fields);
    expect(firstDifference(fields, expected)).toBe(-1);
    setSimdKernels(false);
    try {
      const plain = new Float64Array(3 * g * g);
      evaluateBand(buildTextureBand(3, 40, 4096), coef, plain);
      expect(firstDifference(plain, expected)).toBe(-1);
    } finally {
      setSimdKernels(true);
    }
  });

  it('bilinear taps reproduce a linear ramp', () => {
    const taps = bilinearTaps(16, 64);
    for (let i = 4; i < 60; i++) {
      const g = (taps.i0[i] ?? 0) + ((taps.i1[i] ?? 0) - (taps.i0[i] ?? 0)) * (taps.w[i] ?? 0);
      expect(g).toBeCloseTo(((i + 0.5) / 64) * 16 - 0.5, 12);
    }
  });
});
