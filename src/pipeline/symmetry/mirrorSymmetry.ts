/**
 * Mirror-symmetric viewpoint tuning (issue 13 §3): Farzmahdi et al. 2024's index per layer,
 * averaged over testing identities, with a permutation null (README.md).
 */
import { GmfError, throwIfCancelled } from '../../lib/errors';
import { createMatrix, type Matrix } from '../../lib/linalg/matrix';
import { createRng, type Rng } from '../../lib/random';
import type { BeyondOptions, SymmetryResult, SymmetryRow, TestingData } from '../beyond/records';
import { correlationRdm } from '../geometry/rdm';
import { SymmetryNotApplicableError, type ViewBins, viewBinsOf, zscoredViewVectors } from './viewBins';

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] ?? NaN;
    mb += b[i] ?? NaN;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] ?? NaN) - ma;
    const y = (b[i] ?? NaN) - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / Math.sqrt(aa * bb);
}

/**
 * The index of one views × views RDM (row-major, views ordered by yaw): Pearson r between the
 * RDM and its left-right flip (columns reversed), every entry (diagonal included) but the central
 * column's when `views` is odd (the frontal view, which the flip maps onto itself). NaN for a
 * constant RDM.
 */
export function mirrorSymmetryIndex(rdm: ArrayLike<number>, views: number): number {
  if (!Number.isInteger(views) || views < 2 || rdm.length !== views * views)
    throw new GmfError('SYMMETRY_SHAPE', `A ${views} × ${views} RDM has ${views * views} entries, got ${rdm.length}.`);
  const centre = views % 2 === 1 ? (views - 1) / 2 : -1;
  const kept = views * (centre < 0 ? views : views - 1);
  const a = new Float64Array(kept);
  const b = new Float64Array(kept);
  let k = 0;
  for (let i = 0; i < views; i++)
    for (let j = 0; j < views; j++) {
      if (j === centre) continue;
      a[k] = rdm[i * views + j] ?? NaN;
      b[k++] = rdm[i * views + views - 1 - j] ?? NaN;
    }
  return pearson(a, b);
}

/** 1 - Pearson r between the view vectors of identity `i` (rows i * views ..): views × views, diagonal 0. */
function identityRdm(z: Matrix, i: number, views: number): Float64Array {
  const p = z.cols;
  const condensed = correlationRdm(createMatrix(views, p, z.data.subarray(i * views * p, (i + 1) * views * p)));
  const square = new Float64Array(views * views);
  let k = 0;
  for (let r = 0; r < views; r++)
    for (let c = r + 1; c < views; c++) {
      const d = condensed[k++] ?? NaN;
      square[r * views + c] = d;
      square[c * views + r] = d;
    }
  return square;
}

/**
 * mirrorSymmetryIndex of `rdm` with its views relabelled by `perm` (rows and columns together),
 * gathered straight into the two scratch buffers (the null computes it 200 × identities × layers
 * times): the same entries in the same order, so the same number.
 */
function permutedIndex(
  rdm: Float64Array,
  perm: readonly number[],
  views: number,
  a: Float64Array,
  b: Float64Array,
): number {
  const centre = views % 2 === 1 ? (views - 1) / 2 : -1;
  let k = 0;
  for (let i = 0; i < views; i++) {
    const row = (perm[i] ?? 0) * views;
    for (let j = 0; j < views; j++) {
      if (j === centre) continue;
      a[k] = rdm[row + (perm[j] ?? 0)] ?? NaN;
      b[k++] = rdm[row + (perm[views - 1 - j] ?? 0)] ?? NaN;
    }
  }
  return pearson(a, b);
}

function shuffle(perm: number[], rng: Rng): void {
  for (let i = perm.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [perm[i], perm[j]] = [perm[j] ?? 0, perm[i] ?? 0];
  }
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

function layerRow(
  name: string,
  features: Matrix,
  bins: ViewBins,
  options: Pick<BeyondOptions, 'permutations' | 'seed'>,
  layerIndex: number,
): SymmetryRow {
  const views = bins.centres.length;
  const z = zscoredViewVectors(features, bins);
  // An identity whose RDM has no index (a constant view vector) is left out of every average.
  const scored = bins.identities
    .map((_, i) => identityRdm(z, i, views))
    .map((rdm) => ({ rdm, index: mirrorSymmetryIndex(rdm, views) }))
    .filter((s) => Number.isFinite(s.index));
  const rdms = scored.map((s) => s.rdm);
  const indices = scored.map((s) => s.index);
  const n = indices.length;
  const index = n > 0 ? mean(indices) : NaN;
  const sem = n > 1 ? Math.sqrt(indices.reduce((s, v) => s + (v - index) ** 2, 0) / (n - 1) / n) : NaN;
  const rdm = Array.from({ length: views * views }, (_, k) => (n > 0 ? mean(rdms.map((r) => r[k] ?? NaN)) : NaN));
  let nullMean = NaN;
  let pValue = NaN;
  if (options.permutations > 0 && n > 0) {
    const rng = createRng(options.seed, 'symmetry', layerIndex);
    const perm = Array.from({ length: views }, (_, v) => v);
    const kept = views * (views % 2 === 1 ? views - 1 : views);
    const [a, b] = [new Float64Array(kept), new Float64Array(kept)];
    let atLeast = 0;
    let total = 0;
    for (let t = 0; t < options.permutations; t++) {
      let sum = 0;
      for (const r of rdms) {
        shuffle(perm, rng);
        sum += permutedIndex(r, perm, views, a, b);
      }
      const nullIndex = sum / n;
      total += nullIndex;
      if (nullIndex >= index) atLeast++;
    }
    nullMean = total / options.permutations;
    pValue = (1 + atLeast) / (1 + options.permutations);
  }
  return { layer: name, index, sem, nullMean, pValue, rdm };
}

/**
 * The index at every decoded layer (softmax and other layers without predictions are skipped).
 * Throws SymmetryNotApplicableError when yaw does not vary or fewer than 2 testing identities
 * have every view.
 */
export function symmetryOf(
  data: TestingData,
  options: Pick<BeyondOptions, 'views' | 'permutations' | 'seed'>,
  signal?: AbortSignal,
): SymmetryResult {
  const { views, permutations } = options;
  if (!Number.isInteger(views) || views < 3)
    throw new GmfError('BAD_SYMMETRY_OPTIONS', `The symmetry index compares at least 3 yaw views, got ${views}.`);
  if (!Number.isInteger(permutations) || permutations < 0)
    throw new GmfError(
      'BAD_SYMMETRY_OPTIONS',
      `Permutations must be a whole number of 0 or more, got ${permutations}.`,
    );
  const bins = viewBinsOf(data.factors, views);
  const rows: SymmetryRow[] = [];
  for (const [layerIndex, layer] of data.layers.entries()) {
    if (signal) throwIfCancelled(signal);
    if (layer.predictions.length === 0) continue;
    if (layer.features.rows !== data.factors.samples)
      throw new GmfError(
        'SYMMETRY_SHAPE',
        `Layer ${layer.name} has ${layer.features.rows} testing samples but the factors have ${data.factors.samples}.`,
      );
    rows.push(layerRow(layer.name, layer.features, bins, options, layerIndex));
  }
  if (rows.length === 0)
    throw new SymmetryNotApplicableError('This analysis has no decoded layer to compute the index on.');
  return { kind: 'symmetry', views: bins.centres, identities: bins.identities.length, rows };
}
