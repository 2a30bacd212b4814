/** Shapes one factor's stored testing predictions for the "Predicted vs true" chart (pure). */
import type { FactorPrediction } from '../../pipeline/decode/decodeLayer';

export interface ScatterView {
  readonly kind: 'scatter';
  /** True and predicted values of the shown component, thinned to at most maxPoints. */
  readonly x: number[];
  readonly y: number[];
  /** Smallest and largest value on either axis, for the identity line. */
  readonly range: [number, number];
  /** R² of the shown component over every sample (1 - SS_res / SS_tot). */
  readonly r2: number;
  readonly n: number;
  readonly components: number;
}

export interface ClassView {
  readonly kind: 'confusion' | 'pTrue';
  readonly classes: string[];
  /** confusion: row-normalised counts, z[true][predicted]; pTrue: one row, mean p(true class) per class. */
  readonly z: number[][];
  readonly accuracy: number;
  readonly meanPTrue: number;
  /** 1 / number of classes. */
  readonly chance: number;
  readonly n: number;
}

export type PredictionView = ScatterView | ClassView;

/** Above this many classes a confusion matrix is unreadable; show mean p(true class) per class instead. */
export const MAX_CONFUSION_CLASSES = 60;

function scatterView(
  p: Extract<FactorPrediction, { kind: 'continuous' }>,
  component: number,
  maxPoints: number,
): ScatterView {
  const cols = p.true.cols;
  const j = Math.min(Math.max(Math.round(component), 1), Math.max(cols, 1)) - 1;
  const n = p.true.rows;
  const t = (i: number) => p.true.data[i * cols + j] ?? NaN;
  const y = (i: number) => p.predicted.data[i * p.predicted.cols + j] ?? NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += t(i) / n;
  let ssRes = 0;
  let ssTot = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    ssRes += (t(i) - y(i)) ** 2;
    ssTot += (t(i) - mean) ** 2;
    for (const v of [t(i), y(i)]) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i += step) {
    xs.push(t(i));
    ys.push(y(i));
  }
  return {
    kind: 'scatter',
    x: xs,
    y: ys,
    range: lo <= hi ? [lo, hi] : [0, 1],
    r2: ssTot > 0 ? 1 - ssRes / ssTot : NaN,
    n,
    components: cols,
  };
}

function classView(p: Extract<FactorPrediction, { kind: 'categorical' | 'identity' }>): ClassView {
  const k = p.classes.length;
  const n = p.true.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const pSum = new Array<number>(k).fill(0);
  let hits = 0;
  let pTotal = 0;
  for (let i = 0; i < n; i++) {
    const t = p.true[i] ?? 0;
    const q = p.predicted[i] ?? 0;
    const cell = counts[t];
    if (cell) cell[q] = (cell[q] ?? 0) + 1;
    if (t === q) hits++;
    const pt = p.pTrue[i] ?? 0;
    pTotal += pt;
    pSum[t] = (pSum[t] ?? 0) + pt;
  }
  const rowTotals = counts.map((r) => r.reduce((s, v) => s + v, 0));
  const common = {
    classes: p.classes.map(String),
    accuracy: n ? hits / n : NaN,
    meanPTrue: n ? pTotal / n : NaN,
    chance: k ? 1 / k : NaN,
    n,
  };
  if (k > MAX_CONFUSION_CLASSES) {
    return { kind: 'pTrue', ...common, z: [pSum.map((s, c) => ((rowTotals[c] ?? 0) ? s / (rowTotals[c] ?? 1) : NaN))] };
  }
  return {
    kind: 'confusion',
    ...common,
    z: counts.map((r, c) => r.map((v) => ((rowTotals[c] ?? 0) ? v / (rowTotals[c] ?? 1) : NaN))),
  };
}

/** Continuous factors: predicted vs true of one component (1-based); categorical and id: a confusion view. */
export function predictionView(p: FactorPrediction, component = 1, maxPoints = 4000): PredictionView {
  return p.kind === 'continuous' ? scatterView(p, component, maxPoints) : classView(p);
}
