/**
 * The views the mirror-symmetry index compares: testing yaw binned into `views` bins symmetric
 * around 0, and the identities seen in every one of them (README.md).
 */
import { GmfError } from '../../lib/errors';
import { createMatrix, type Matrix } from '../../lib/linalg/matrix';
import type { SplitFactorsRecord } from '../decompose/factors';

/** The preset that makes the index applicable (src/model/gmf/generatorSpec.ts, MIRROR_SYMMETRY_PRESET). */
const PRESET_HINT =
  "generate a dataset with the 'Mirror symmetry (yaw views)' preset (every identity at the same 9 yaw angles over -90..90°) and analyse a network on it";

/** The index cannot be computed for this analysis: the message says why and what to do. */
export class SymmetryNotApplicableError extends GmfError {
  constructor(message: string) {
    super('SYMMETRY_NOT_APPLICABLE', message);
  }
}

export interface ViewBins {
  /** Yaw at each bin centre (degrees), ascending and exactly mirrored around 0. */
  centres: number[];
  /** Identities (ascending) with at least one testing sample in every view. */
  identities: number[];
  /** Testing sample indices of identity identities[i] in view v, at [i * views + v]. */
  samples: number[][];
}

/**
 * `views` centres over [-m, m]: -m + k·2m/(views-1), written as m·(2k - views + 1)/(views - 1) so
 * that centre k is exactly minus centre views-1-k.
 */
export function viewCentres(m: number, views: number): number[] {
  return Array.from({ length: views }, (_, k) => (m * (2 * k - views + 1)) / (views - 1));
}

/** The nearest centre; a tie goes to the one nearer 0, so binning stays mirror symmetric. */
export function nearestView(yaw: number, centres: readonly number[]): number {
  let best = 0;
  let bestDistance = Infinity;
  centres.forEach((c, k) => {
    const d = Math.abs(yaw - c);
    const nearerZero = Math.abs(c) < Math.abs(centres[best] ?? Infinity);
    if (d < bestDistance || (d === bestDistance && nearerZero)) {
      best = k;
      bestDistance = d;
    }
  });
  return best;
}

const degrees = (v: number): string => `${Number(v.toFixed(1))}°`;

/** Bins the testing split's yaw; throws SymmetryNotApplicableError when fewer than 2 identities have every view. */
export function viewBinsOf(factors: Pick<SplitFactorsRecord, 'samples' | 'numbers'>, views: number): ViewBins {
  const { yr: yaw, id } = factors.numbers;
  const n = factors.samples;
  if (n === 0) throw new SymmetryNotApplicableError('The testing split has no images.');
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, yaw[i] ?? NaN);
    hi = Math.max(hi, yaw[i] ?? NaN);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new SymmetryNotApplicableError('Yaw is missing in the testing split.');
  if (lo === hi) {
    throw new SymmetryNotApplicableError(
      `Yaw takes one value (${degrees(lo)}) in the testing split, so there are no mirrored views to compare: ${PRESET_HINT}.`,
    );
  }
  const centres = viewCentres(Math.max(Math.abs(lo), Math.abs(hi)), views);
  const byIdentity = new Map<number, number[][]>();
  for (let i = 0; i < n; i++) {
    const identity = id[i] ?? NaN;
    let cells = byIdentity.get(identity);
    if (!cells) byIdentity.set(identity, (cells = Array.from({ length: views }, () => [])));
    cells[nearestView(yaw[i] ?? NaN, centres)]?.push(i);
  }
  const identities = [...byIdentity.keys()]
    .filter((k) => byIdentity.get(k)?.every((cell) => cell.length > 0))
    .sort((a, b) => a - b);
  if (identities.length < 2) {
    const have = identities.length === 0 ? 'No identity has' : 'Only 1 identity has';
    throw new SymmetryNotApplicableError(
      `${have} an image in all ${views} yaw views of the testing split (centres ${centres.map(degrees).join(', ')}; ` +
        `its yaw spans ${degrees(lo)} to ${degrees(hi)}), and the index averages over at least 2 identities: ` +
        `${PRESET_HINT}, or compare fewer views.`,
    );
  }
  return { centres, identities, samples: identities.flatMap((k) => byIdentity.get(k) ?? []) };
}

/**
 * Each identity's view vectors (the mean of its samples in the view), rows identity-major
 * (identity i, view v at row i * views + v), each component then z-scored across those rows
 * (population SD; a constant component becomes 0, as MATLAB's zscore leaves it).
 */
export function zscoredViewVectors(features: Matrix, bins: ViewBins): Matrix {
  const p = features.cols;
  const out = createMatrix(bins.samples.length, p);
  bins.samples.forEach((cell, r) => {
    for (const s of cell)
      for (let f = 0; f < p; f++)
        out.data[r * p + f] = (out.data[r * p + f] ?? 0) + (features.data[s * p + f] ?? NaN) / cell.length;
  });
  const rows = out.rows;
  for (let f = 0; f < p; f++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += out.data[r * p + f] ?? 0;
    mean /= rows;
    let sq = 0;
    for (let r = 0; r < rows; r++) sq += ((out.data[r * p + f] ?? 0) - mean) ** 2;
    const sd = Math.sqrt(sq / rows) || 1;
    for (let r = 0; r < rows; r++) out.data[r * p + f] = ((out.data[r * p + f] ?? 0) - mean) / sd;
  }
  return out;
}
