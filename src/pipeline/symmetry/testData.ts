/** Synthetic testing data for the tests of this folder (imported by tests only). */
import { createMatrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import type { LayerData, TestingData } from '../beyond/records';
import type { FactorPrediction } from '../decode/decodeLayer';

export interface Sample {
  id: number;
  yaw: number;
}

export interface SyntheticLayer {
  name: string;
  /** features[i] is sample i's row. */
  features: readonly (readonly number[])[];
  /** A softmax layer: not decoded, no predictions. */
  undecoded?: boolean;
}

/** A stand-in prediction: the symmetry view only asks whether a layer has any. */
function predictionFor(n: number): FactorPrediction {
  return {
    factor: 'yr',
    kind: 'continuous',
    true: createMatrix(n, 1),
    predicted: createMatrix(n, 1),
    alphas: new Float64Array(1),
  };
}

export function testingData(samples: readonly Sample[], layers: readonly SyntheticLayer[]): TestingData {
  const n = samples.length;
  const zeros = () => new Float64Array(n);
  const factors: TestingData['factors'] = {
    split: 'testing',
    samples: n,
    numbers: {
      id: Float64Array.from(samples, (s) => s.id),
      yr: Float64Array.from(samples, (s) => s.yaw),
      age: zeros(),
      bg: zeros(),
      xr: zeros(),
      zr: zeros(),
      xt: zeros(),
      yt: zeros(),
      zt: zeros(),
      xl: zeros(),
      yl: zeros(),
    },
    labels: { gender: samples.map(() => 'F'), ethn: samples.map(() => 'WC'), emo: samples.map(() => 'neutral') },
    shape: new Float32Array(0),
    shapeComponents: 0,
    tex: new Float32Array(0),
    texBands: 0,
    texComponents: 0,
  };
  const layerData = layers.map((l, opNr): LayerData => ({
    name: l.name,
    opNr,
    features: createMatrix(n, l.features[0]?.length ?? 0, l.features.flat()),
    predictions: l.undecoded ? [] : [predictionFor(n)],
  }));
  return { factors, layers: layerData };
}

export const PLANTED_IDENTITIES = 40;
export const PLANTED_VIEWS = 9;
/** The preset's grid: -90..90 in 22.5° steps. */
export const PLANTED_YAWS = Array.from({ length: PLANTED_VIEWS }, (_, v) => -90 + 22.5 * v);

/**
 * 40 identities × 9 views (one image each, views interleaved across identities), 12 components:
 * `mirror` responds to |yaw| only (plus an identity offset and 1 % noise), `signed` to yaw
 * linearly, `noise` to nothing; `softmax` is not decoded.
 */
export function plantedData(): TestingData {
  const rng = createRng(7, 'symmetry-test', 'planted');
  const p = 12;
  const normal = (n: number) => Array.from({ length: n }, () => rng.normal());
  const offsets = Array.from({ length: PLANTED_IDENTITIES }, () => normal(p));
  const directions = [normal(p), normal(p), normal(p)];
  const samples: Sample[] = [];
  for (let v = 0; v < PLANTED_VIEWS; v++)
    for (let id = 0; id < PLANTED_IDENTITIES; id++) samples.push({ id: 100 + id, yaw: PLANTED_YAWS[v] ?? NaN });
  const row = (s: Sample, coefficients: readonly number[], noise: number) =>
    Array.from({ length: p }, (_, f) => {
      const base = (offsets[s.id - 100]?.[f] ?? 0) * 0.5;
      return coefficients.reduce((sum, c, k) => sum + c * (directions[k]?.[f] ?? 0), base) + noise * rng.normal();
    });
  const mirror = samples.map((s) => {
    const a = Math.abs(s.yaw) / 90;
    return row(s, [a, a * a, Math.cos(3 * a)], 0.01);
  });
  const signed = samples.map((s) => row(s, [s.yaw / 90], 0.05));
  // Its own stream, so the noise does not depend on how many draws the other layers took.
  const noiseRng = createRng(7, 'symmetry-test', 'noise');
  const noise = samples.map(() => Array.from({ length: p }, () => noiseRng.normal()));
  return testingData(samples, [
    { name: 'layer01_mirror', features: mirror },
    { name: 'layer02_signed', features: signed },
    { name: 'layer03_noise', features: noise },
    { name: 'layer04_softmax', features: noise, undecoded: true },
  ]);
}
