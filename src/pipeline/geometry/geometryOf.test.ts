import { describe, expect, it } from 'vitest';
import { createMatrix, type Matrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import type { LayerData, TestingData } from '../beyond/records';
import { linearCka } from './cka';
import { crossRunCka, geometryOf, sampleSubset } from './geometry';
import { correlationRdm, factorRdm } from './rdm';
import { averageRanks, permuteRdm, rsa, spearman } from './rsa';

const N = 40;

/** 8 identities × 5 images; layer0 noise, layer1 driven by yaw, layer2 = layer1 rotated and scaled. */
function testingData(): TestingData {
  const rng = createRng(7, 'geometry-of-test');
  const yaw = Float64Array.from({ length: N }, () => Math.round(rng.next() * 60 - 30));
  const id = Float64Array.from({ length: N }, (_, i) => i % 8);
  const zeros = () => new Float64Array(N);
  const numbers = {
    id,
    age: zeros(),
    bg: zeros(),
    xr: zeros(),
    yr: yaw,
    zr: zeros(),
    xt: zeros(),
    yt: zeros(),
    zt: zeros(),
    xl: zeros(),
    yl: zeros(),
  };
  const labels = {
    gender: Array.from({ length: N }, (_, i) => (i % 8 < 4 ? 'F' : 'M')),
    ethn: Array.from({ length: N }, () => 'WC'),
    emo: Array.from({ length: N }, () => 'neutral'),
  };
  const layer = (name: string, features: Matrix): LayerData => ({ name, opNr: 0, features, predictions: [] });
  const noise = createMatrix(
    N,
    6,
    Array.from({ length: N * 6 }, () => rng.next()),
  );
  const yawLayer = createMatrix(
    N,
    6,
    Array.from({ length: N * 6 }, (_, k) => Math.sin((yaw[Math.floor(k / 6)] ?? 0) / 15 + (k % 6)) + 0.02 * rng.next()),
  );
  const rotated = createMatrix(N, 6);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < 6; j++) rotated.data[i * 6 + j] = 3 * (yawLayer.data[i * 6 + ((j + 1) % 6)] ?? 0);
  return {
    factors: {
      split: 'testing',
      samples: N,
      numbers,
      labels,
      shape: new Float32Array(0),
      shapeComponents: 0,
      tex: new Float32Array(0),
      texBands: 0,
      texComponents: 0,
    },
    layers: [layer('layer00_noise', noise), layer('layer01_yaw', yawLayer), layer('layer02_rotated', rotated)],
  };
}

describe('geometry of an analysis', () => {
  const data = testingData();
  const result = geometryOf(data, { rdmSamples: 30, permutations: 99, seed: 4 });

  it('takes a seeded, sorted subset of the testing images for its RDMs', () => {
    expect(result.samples).toEqual(sampleSubset(N, 30, 4));
    expect(result.samples).toHaveLength(30);
    expect([...result.samples].sort((a, b) => a - b)).toEqual(result.samples);
    expect(new Set(result.samples).size).toBe(30);
    expect(sampleSubset(10, 30, 4)).toEqual([...Array(10).keys()]);
    const rows = createMatrix(30, 6);
    result.samples.forEach((s, i) => {
      rows.data.set(data.layers[1]?.features.data.subarray(s * 6, s * 6 + 6) ?? [], i * 6);
    });
    const direct = correlationRdm(rows);
    result.rdms[1]?.forEach((v, k) => {
      expect(v).toBeCloseTo(direct[k] ?? NaN, 6); // stored as float32
    });
  });

  it('leaves constant factors out and finds the planted yaw code only where it is', () => {
    const factors = new Set(result.rsa.map((r) => r.factor));
    expect([...factors]).toEqual(['id', 'gender', 'yr']);
    const yr = (layer: string) => result.rsa.find((r) => r.layer === layer && r.factor === 'yr');
    expect(yr('layer01_yaw')?.rho).toBeGreaterThan(0.5);
    expect(yr('layer01_yaw')?.pValue).toBeCloseTo(1 / 100, 12);
    expect(Math.abs(yr('layer00_noise')?.rho ?? 1)).toBeLessThan(0.2);
    expect(yr('layer00_noise')?.pValue).toBeGreaterThan(0.05);
    // The same rho as a direct Spearman of the stored RDM with |Δyaw|.
    const yaw = createMatrix(
      30,
      1,
      result.samples.map((s) => data.factors.numbers.yr[s] ?? 0),
    );
    expect(yr('layer01_yaw')?.rho).toBeCloseTo(
      spearman(correlationRdm(rowsOfLayer(data, 1, result.samples)), factorRdm({ kind: 'continuous', values: yaw })),
      12,
    );
  });

  it('CKA between layers: 1 on the diagonal, symmetric, 1 for a rotated and scaled copy, low for noise', () => {
    const l = result.layers.length;
    for (let i = 0; i < l; i++) {
      expect(result.cka[i * l + i]).toBeCloseTo(1, 12);
      for (let j = 0; j < l; j++) expect(result.cka[i * l + j]).toBeCloseTo(result.cka[j * l + i] ?? NaN, 12);
    }
    expect(result.cka[1 * l + 2]).toBeCloseTo(1, 12);
    expect(result.cka[0 * l + 1]).toBeCloseTo(linearCka(featuresOf(data, 0), featuresOf(data, 1)), 12);
    expect(result.cka[0 * l + 1]).toBeLessThan(0.5);
  });

  it('compares two runs only on the same images', () => {
    const other = testingData();
    const cross = crossRunCka(data, { ...other, layers: other.layers.slice(1) });
    expect(cross.layersB).toEqual(['layer01_yaw', 'layer02_rotated']);
    expect(cross.cka[1 * 2 + 0]).toBeCloseTo(1, 12);
    const yr = Float64Array.from(other.factors.numbers.yr);
    yr[0] = (yr[0] ?? 0) + 1;
    expect(() =>
      crossRunCka(data, { ...other, factors: { ...other.factors, numbers: { ...other.factors.numbers, yr } } }),
    ).toThrow(/same testing images/);
  });
});

function featuresOf(data: TestingData, l: number): Matrix {
  const layer = data.layers[l];
  if (!layer) throw new Error(`no layer ${l}`);
  return layer.features;
}

function rowsOfLayer(data: TestingData, l: number, samples: readonly number[]): Matrix {
  const f = featuresOf(data, l);
  return createMatrix(
    samples.length,
    f.cols,
    samples.flatMap((s) => Array.from(f.data.subarray(s * f.cols, (s + 1) * f.cols))),
  );
}

describe('RSA permutation test', () => {
  it('equals re-ranking every relabelled model RDM (the brute force the fast path replaces)', () => {
    const rng = createRng(3, 'rsa-brute');
    const x = createMatrix(
      15,
      4,
      Array.from({ length: 60 }, () => rng.next()),
    );
    // Ties on purpose: a categorical model RDM.
    const model = factorRdm({ kind: 'categorical', labels: Array.from({ length: 15 }, (_, i) => i % 3) });
    const data = correlationRdm(x);
    const fast = rsa(data, model, 50, 9, 'stream');
    const brute = createRng(9, 'rsa-permutation', 'stream');
    const perm = Array.from({ length: 15 }, (_, i) => i);
    let atLeast = 0;
    for (let t = 0; t < 50; t++) {
      for (let i = 14; i > 0; i--) {
        const j = brute.int(0, i);
        [perm[i], perm[j]] = [perm[j] ?? 0, perm[i] ?? 0];
      }
      // Ties within 1e-12 count as reaching rho (the fast path sums in another order).
      if (spearman(averageRanks(data), averageRanks(permuteRdm(model, perm))) >= fast.rho - 1e-12) atLeast++;
    }
    expect(fast.pValue).toBe((1 + atLeast) / 51);
  });
});
