/**
 * A planted testing split for the tests of this folder (imported by tests only): 24 identities ×
 * 6 views, identities interleaved and numbered against their numeric order, yaw over
 * [-45, 45] with a gap at [4, 16] (an empty bin), xl constant. Layer 0's yaw error grows with
 * |yaw| (|error| = |yaw| / 2 + U(0, 2)); layer 1's is flat (U(-4, 4)); layer 2 (softmax) has none.
 */
import { createMatrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import type { FactorPrediction } from '../decode/decodeLayer';
import type { LayerData, TestingData } from '../beyond/records';
import type { PsychophysicsOptions } from './psychophysics';

export const IDENTITIES = 24;
export const SAMPLES = IDENTITIES * 6;
export const OPTIONS: PsychophysicsOptions = { bins: 9, bootstraps: 200, seed: 3 };
export const CONFUSION_FACTORS = ['gender', 'bg'] as const;

const identityOf = (i: number) => i % IDENTITIES;
const BG = [1, 4, 8];

function yaws(): Float64Array {
  const rng = createRng(1, 'psychophysics-test', 'yaw');
  return Float64Array.from({ length: SAMPLES }, (_, i) => {
    if (i < 2) return i === 0 ? -45 : 45;
    let v = rng.next() * 90 - 45;
    while (v >= 4 && v <= 16) v = rng.next() * 90 - 45;
    return v;
  });
}

const YAW = yaws();
const AGE = Float64Array.from({ length: SAMPLES }, (_, i) => 20 + 2.5 * identityOf(i) + 0.25);
const GENDER = Int32Array.from({ length: SAMPLES }, (_, i) => identityOf(i) % 2);
const BG_CODE = Int32Array.from({ length: SAMPLES }, (_, i) => i % 3);

function continuous(factor: string, truth: Float64Array, pred: (t: number, i: number) => number, cols = 1) {
  const t = createMatrix(SAMPLES, cols, cols === 1 ? truth : undefined);
  const p = createMatrix(
    SAMPLES,
    cols,
    Array.from({ length: SAMPLES * cols }, (_, k) => pred(t.data[k] ?? 0, Math.floor(k / cols))),
  );
  return { factor, kind: 'continuous' as const, true: t, predicted: p, alphas: new Float64Array(cols).fill(1) };
}

function classes(
  factor: string,
  kind: 'categorical' | 'identity',
  labels: (number | string)[],
  truth: Int32Array,
  flip: () => boolean,
  pick: () => number,
): FactorPrediction {
  const k = labels.length;
  const predicted = Int32Array.from(truth, (t) => (flip() ? pick() : t));
  const proba = createMatrix(
    SAMPLES,
    k,
    Array.from({ length: SAMPLES * k }, (_, j) => (j % k === 0 ? 1 : 0)),
  );
  return { factor, kind, classes: labels, true: truth, predicted, proba, pTrue: new Float64Array(SAMPLES) };
}

/** Layer `index` of the planted split (0: U-shaped yaw error, 1: flat, 2: no predictions). */
export function planted(name: string, index: number): LayerData {
  const rng = createRng(2, 'psychophysics-test', index);
  const u = () => rng.next();
  const yaw =
    index === 0
      ? (t: number) => t + (u() < 0.5 ? -1 : 1) * (0.5 * Math.abs(t) + 2 * u())
      : (t: number) => t + 8 * u() - 4;
  const predictions: FactorPrediction[] =
    index > 1
      ? []
      : [
          continuous('yr', YAW, yaw),
          continuous('age', AGE, (t) => t + 6 * u() - 3),
          continuous('xl', new Float64Array(SAMPLES), () => u()),
          continuous('shape', new Float64Array(0), () => u(), 3),
          classes(
            'gender',
            'categorical',
            ['F', 'M'],
            GENDER,
            () => u() < 0.2,
            () => rng.int(0, 1),
          ),
          classes(
            'bg',
            'categorical',
            BG,
            BG_CODE,
            () => u() < 0.3,
            () => rng.int(0, 2),
          ),
          classes(
            'id',
            'identity',
            Array.from({ length: IDENTITIES }, (_, g) => 1000 - 7 * (IDENTITIES - 1 - g)),
            Int32Array.from({ length: SAMPLES }, (_, i) => IDENTITIES - 1 - identityOf(i)),
            () => u() < 0.5,
            () => rng.int(0, IDENTITIES - 1),
          ),
        ];
  return { name, opNr: index + 1, features: createMatrix(SAMPLES, 2), predictions };
}

export function plantedData(): TestingData {
  const zeros = () => new Float64Array(SAMPLES);
  return {
    factors: {
      split: 'testing',
      samples: SAMPLES,
      numbers: {
        // Identity g is 1000 - 7g: first-appearance order is the reverse of numeric order.
        id: Float64Array.from({ length: SAMPLES }, (_, i) => 1000 - 7 * identityOf(i)),
        age: AGE,
        bg: Float64Array.from(BG_CODE, (c) => BG[c] ?? 0),
        xr: zeros(),
        yr: YAW,
        zr: zeros(),
        xt: zeros(),
        yt: zeros(),
        zt: zeros(),
        xl: zeros(),
        yl: zeros(),
      },
      labels: {
        gender: Array.from(GENDER, (c) => (c ? 'M' : 'F')),
        ethn: new Array<string>(SAMPLES).fill('WC'),
        emo: new Array<string>(SAMPLES).fill('neutral'),
      },
      shape: new Float32Array(0),
      shapeComponents: 0,
      tex: new Float32Array(0),
      texBands: 0,
      texComponents: 0,
    },
    layers: [planted('layer01_conv', 0), planted('layer02_globalpool', 1), planted('layer03_softmax', 2)],
  };
}
