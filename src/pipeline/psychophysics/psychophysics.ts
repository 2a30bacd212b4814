/**
 * Issue 13 §1, parametric ("psychophysics") curves: where along a factor's range a layer's
 * decoder goes wrong, from the testing predictions the decode step stored.
 * - Continuous scalar factors: equal-width bins over [min, max] of the true testing values
 *   (edges as numpy.linspace, bin b = [edges[b], edges[b+1]), the last one closed, as
 *   numpy.histogram); per bin n, mean |predicted − true|, mean predicted − true, and a 95 %
 *   percentile bootstrap interval of the mean |error| that resamples testing identities.
 * - Categorical factors: confusion counts[true][predicted].
 * Cost per curve: O(samples × bootstraps).
 */
import { GmfError } from '../../lib/errors';
import { createRng } from '../../lib/random';
import type { FactorPrediction } from '../decode/decodeLayer';
import type {
  BeyondOptions,
  ConfusionMatrix,
  ErrorCurve,
  LayerData,
  PsychophysicsResult,
  TestingData,
} from '../beyond/records';

export type PsychophysicsOptions = Pick<BeyondOptions, 'bins' | 'bootstraps' | 'seed'>;

type ContinuousPrediction = Extract<FactorPrediction, { kind: 'continuous' }>;
type ClassPrediction = Extract<FactorPrediction, { kind: 'categorical' | 'identity' }>;

/** Coverage of the bootstrap interval. */
const LEVEL = 0.95;

export class PsychophysicsError extends GmfError {
  constructor(message: string) {
    super('PSYCHOPHYSICS', message);
  }
}

function checkOptions({ bins, bootstraps }: PsychophysicsOptions): void {
  if (!Number.isInteger(bins) || bins < 1)
    throw new PsychophysicsError(`The error curves need a whole number of bins ≥ 1, got ${bins}.`);
  if (!Number.isInteger(bootstraps) || bootstraps < 0)
    throw new PsychophysicsError(`The number of bootstrap resamples must be a whole number ≥ 0, got ${bootstraps}.`);
}

/**
 * Dense identity index per sample, identities numbered in order of first appearance in the
 * testing split: the order bootstrap draws refer to (the tests rebuild resamples from it).
 */
function identityIndex(ids: ArrayLike<number>): { index: Int32Array; count: number } {
  const map = new Map<number, number>();
  const index = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? NaN;
    let k = map.get(id);
    if (k === undefined) {
      k = map.size;
      map.set(id, k);
    }
    index[i] = k;
  }
  return { index, count: map.size };
}

/** numpy.percentile(sorted, q) with linear interpolation; NaN for no values. */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? NaN;
  return a + ((sorted[hi] ?? NaN) - a) * (pos - lo);
}

/** numpy.linspace(min, max, bins + 1): the last edge is max exactly. */
function binEdges(min: number, max: number, bins: number): number[] {
  const step = (max - min) / bins;
  return Array.from({ length: bins + 1 }, (_, b) => (b === bins ? max : b * step + min));
}

/** numpy.histogram's bin of v (v within [edges[0], edges[bins]]): a first guess, then corrected against the edges. */
function binOf(v: number, edges: readonly number[], bins: number): number {
  const first = edges[0] ?? 0;
  const last = edges[bins] ?? 0;
  let b = Math.min(Math.floor(((v - first) * bins) / (last - first)), bins - 1);
  if (v < (edges[b] ?? -Infinity)) b--;
  else if (b < bins - 1 && v >= (edges[b + 1] ?? Infinity)) b++;
  return b;
}

interface Identities {
  index: Int32Array;
  count: number;
}

function errorCurve(
  layer: string,
  p: ContinuousPrediction,
  identities: Identities,
  options: PsychophysicsOptions,
): ErrorCurve | null {
  const n = p.true.rows;
  const truth = (i: number) => p.true.data[i] ?? NaN;
  const err = (i: number) => (p.predicted.data[i * p.predicted.cols] ?? NaN) - truth(i);
  // Samples without a finite value or prediction count in no bin.
  const used = (i: number) => Number.isFinite(truth(i)) && Number.isFinite(err(i));
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++)
    if (used(i)) {
      min = Math.min(min, truth(i));
      max = Math.max(max, truth(i));
    }
  if (!(min < max)) return null; // constant (or empty) in testing: no range to bin
  const { bins, bootstraps } = options;
  const edges = binEdges(min, max, bins);
  const binIndex = Int32Array.from({ length: n }, (_, i) => (used(i) ? binOf(truth(i), edges, bins) : -1));
  const absError = Float64Array.from({ length: n }, (_, i) => Math.abs(err(i)));

  const count = new Array<number>(bins).fill(0);
  const sumAbs = new Array<number>(bins).fill(0);
  const sum = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = binIndex[i] ?? -1;
    if (b < 0) continue;
    count[b] = (count[b] ?? 0) + 1;
    sumAbs[b] = (sumAbs[b] ?? 0) + (absError[i] ?? 0);
    sum[b] = (sum[b] ?? 0) + err(i);
  }
  const meanAbsError = sumAbs.map((s, b) => s / (count[b] || NaN));
  const meanError = sum.map((s, b) => s / (count[b] || NaN));

  // Identities drawn with replacement, all images of a drawn identity along (repeats as
  // weights); keyed by factor, so every layer sees the same resamples and layers compare pairwise.
  const replicates: number[][] = Array.from({ length: bins }, () => []);
  if (bootstraps > 0) {
    const rng = createRng(options.seed, 'psychophysics', p.factor);
    const drawn = new Float64Array(identities.count);
    const wSum = new Float64Array(bins);
    const wAbs = new Float64Array(bins);
    for (let r = 0; r < bootstraps; r++) {
      drawn.fill(0);
      for (let k = 0; k < identities.count; k++) {
        const g = rng.int(0, identities.count - 1);
        drawn[g] = (drawn[g] ?? 0) + 1;
      }
      wSum.fill(0);
      wAbs.fill(0);
      for (let i = 0; i < n; i++) {
        const b = binIndex[i] ?? -1;
        if (b < 0) continue;
        const w = drawn[identities.index[i] ?? 0] ?? 0;
        wSum[b] = (wSum[b] ?? 0) + w;
        wAbs[b] = (wAbs[b] ?? 0) + w * (absError[i] ?? 0);
      }
      // A bin no drawn identity reaches has no mean in that resample: left out, as numpy.nanpercentile.
      for (let b = 0; b < bins; b++) if ((wSum[b] ?? 0) > 0) replicates[b]?.push((wAbs[b] ?? 0) / (wSum[b] ?? 1));
    }
  }
  const tail = ((1 - LEVEL) / 2) * 100;
  const sorted = replicates.map((r) => r.sort((a, b) => a - b));
  const interval = (q: number) => sorted.map((r, b) => (count[b] ? percentile(r, q) : NaN));
  return {
    layer,
    factor: p.factor,
    edges,
    centres: edges.slice(0, bins).map((e, b) => (e + (edges[b + 1] ?? e)) / 2),
    n: count,
    meanAbsError,
    meanError,
    ciLow: interval(tail),
    ciHigh: interval(100 - tail),
  };
}

function confusionMatrix(layer: string, p: ClassPrediction): ConfusionMatrix {
  const k = p.classes.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < p.true.length; i++) {
    const row = counts[p.true[i] ?? -1];
    const q = p.predicted[i] ?? -1;
    if (row && q >= 0 && q < k) row[q] = (row[q] ?? 0) + 1;
  }
  return { layer, factor: p.factor, classes: p.classes.map(String), counts };
}

function samplesOf(p: FactorPrediction): number {
  return p.kind === 'continuous' ? p.true.rows : p.true.length;
}

function layerViews(
  layer: LayerData,
  identities: Identities,
  options: PsychophysicsOptions,
): { curves: ErrorCurve[]; confusions: ConfusionMatrix[] } {
  const curves: ErrorCurve[] = [];
  const confusions: ConfusionMatrix[] = [];
  for (const p of layer.predictions) {
    if (samplesOf(p) !== identities.index.length)
      throw new PsychophysicsError(
        `The ${p.factor} predictions of ${layer.name} cover ${samplesOf(p)} testing images, but the testing split has ${identities.index.length}.`,
      );
    if (p.kind === 'continuous') {
      // shape and tex (many columns) have no single value to bin.
      if (p.true.cols !== 1) continue;
      const curve = errorCurve(layer.name, p, identities, options);
      if (curve) curves.push(curve);
    } else if (p.kind === 'categorical') {
      confusions.push(confusionMatrix(layer.name, p));
    }
    // Identity has hundreds of classes: its confusion matrix is not drawn (see README).
  }
  return { curves, confusions };
}

/** Error curves of every continuous scalar factor and confusion counts of every categorical factor, per layer. */
export function psychophysicsOf(data: TestingData, options: PsychophysicsOptions): PsychophysicsResult {
  checkOptions(options);
  const identities = identityIndex(data.factors.numbers.id);
  const result: PsychophysicsResult = { kind: 'psychophysics', curves: [], confusions: [] };
  for (const layer of data.layers) {
    const views = layerViews(layer, identities, options);
    result.curves.push(...views.curves);
    result.confusions.push(...views.confusions);
  }
  return result;
}
