/**
 * Planted testing splits for the tests of this folder (imported by tests only): identities ×
 * images, every factor drawn from a seeded stream, and layers built from them.
 */
import { type Matrix, createMatrix } from '../../lib/linalg/matrix';
import { type Rng, createRng } from '../../lib/random';
import type { TestingData } from '../beyond/records';
import type { FactorPrediction } from '../decode/decodeLayer';

type Factors = TestingData['factors'];
type NumberKey = keyof Factors['numbers'];

export interface FactorsSpec {
  identities: number;
  images: number;
  seed: number;
  shapeComponents?: number;
  texBands?: number;
  texComponents?: number;
  /** Yaw of image `k` of identity `id` (default: whole degrees in [-30, 30]). */
  yaw?: (id: number, k: number, rng: Rng) => number;
}

/**
 * Identity-level factors (age, gender, shape, tex) drawn per identity; per image xr, yr, xt
 * (uniform), emo (three levels), bg = image index; ethn, zr, yt, xl, yl constant; zt = 400.
 * Samples are ordered image-major (identities interleaved), ids numbered 100 + 7·identity.
 */
export function plantedFactors(spec: FactorsSpec): Factors {
  const { identities, images, seed } = spec;
  const shapeComponents = spec.shapeComponents ?? 3;
  const texBands = spec.texBands ?? 5;
  const texComponents = spec.texComponents ?? 3;
  const rng = createRng(seed, 'tuning-test-factors');
  const n = identities * images;
  const numbers = Object.fromEntries(
    (['id', 'age', 'bg', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'] as const).map((k) => [k, new Float64Array(n)]),
  ) as Record<NumberKey, Float64Array>;
  const labels: Factors['labels'] = { gender: [], ethn: [], emo: [] };
  const shape = new Float32Array(n * shapeComponents);
  const tex = new Float32Array(n * texBands * texComponents);
  const people = Array.from({ length: identities }, () => ({
    age: rng.int(20, 60),
    gender: rng.next() < 0.5 ? 'M' : 'F',
    shape: Float32Array.from({ length: shapeComponents }, () => rng.normal()),
    tex: Float32Array.from({ length: texBands * texComponents }, () => rng.normal()),
  }));
  for (let k = 0; k < images; k++) {
    for (let p = 0; p < identities; p++) {
      const i = k * identities + p;
      const person = people[p];
      if (person === undefined) continue;
      numbers.id[i] = 100 + 7 * p;
      numbers.age[i] = person.age;
      numbers.bg[i] = k;
      numbers.xr[i] = rng.int(-20, 20);
      numbers.yr[i] = spec.yaw ? spec.yaw(p, k, rng) : rng.int(-30, 30);
      numbers.xt[i] = rng.next() * 10 - 5;
      numbers.zt[i] = 400;
      labels.gender.push(person.gender);
      labels.ethn.push('WC');
      labels.emo.push(rng.pick(['happy', 'neutral', 'angry']));
      shape.set(person.shape, i * shapeComponents);
      tex.set(person.tex, i * texBands * texComponents);
    }
  }
  return {
    split: 'testing',
    samples: n,
    numbers,
    labels,
    shape,
    shapeComponents,
    tex,
    texBands,
    texComponents,
  };
}

/** A samples × cols matrix of N(0, sd) noise. */
export function noise(rows: number, cols: number, sd: number, seed: number | string): Matrix {
  const rng = createRng(seed, 'tuning-test-noise');
  return createMatrix(
    rows,
    cols,
    Array.from({ length: rows * cols }, () => rng.normal(0, sd)),
  );
}

/** A prediction record that only marks a layer as decoded (the views do not read it). */
export function decodedMark(samples: number): FactorPrediction[] {
  const m = createMatrix(samples, 1);
  return [{ factor: 'age', kind: 'continuous', true: m, predicted: m, alphas: new Float64Array(1) }];
}

export const rowsOf = (m: Matrix): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
