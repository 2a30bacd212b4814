/**
 * Beyond decoding (issue 13): the views computed after an analysis is decoded, from what it
 * stored (the testing split's compressed activations, its factors, each layer's predictions).
 * Each view's result is one record in `activations` under `beyondKey(analysisId, kind)`, owned
 * by the analysis (deleted with it); the analysis record says which views are done.
 */
import type { OwnedRecord } from '../../lib/storage';
import type { Matrix } from '../../lib/linalg/matrix';
import type { FactorPrediction } from '../decode/decodeLayer';
import type { SplitFactorsRecord } from '../decompose/factors';

export const BEYOND_KINDS = ['psychophysics', 'tuning', 'symmetry', 'geometry'] as const;
export type BeyondKind = (typeof BEYOND_KINDS)[number];

/** One analysed layer's testing data: what every view computes from. */
export interface LayerData {
  name: string;
  opNr: number;
  /** Testing samples × components, as decomposed (not standardised). */
  features: Matrix;
  /** The layer's testing predictions (empty for a layer that was not decoded, e.g. softmax). */
  predictions: readonly FactorPrediction[];
}

/** The testing split of one analysis: factors in sample order and every layer's data. */
export interface TestingData {
  factors: Omit<SplitFactorsRecord, 'key' | 'owner'>;
  layers: readonly LayerData[];
}

export interface BeyondOptions {
  /** Bins of a continuous factor's range for the error curves (§1). */
  bins: number;
  /** Bootstrap resamples (of testing identities) for confidence intervals (§1). */
  bootstraps: number;
  /** Permutations of the nulls (§3 symmetry, §4 RSA). */
  permutations: number;
  /** Yaw views the symmetry index compares (§3): symmetric bins over the yaw range. */
  views: number;
  /** Testing samples the RDMs are computed on (§4), a seeded subset when there are more. */
  rdmSamples: number;
  seed: number;
}

/** What the Analyze form sets of the views' options (the seed is the analysis'). */
export type ViewOptions = Omit<BeyondOptions, 'seed'>;

export const DEFAULT_BEYOND_OPTIONS: Readonly<BeyondOptions> = Object.freeze({
  bins: 9,
  bootstraps: 200,
  permutations: 200,
  views: 9,
  rdmSamples: 256,
  seed: 0,
});

// ---- §1 parametric ("psychophysics") curves -------------------------------------------------

/** Decoding error of one continuous factor at one layer, by bins of the factor's true value. */
export interface ErrorCurve {
  layer: string;
  factor: string;
  /** bins + 1 edges over [min, max] of the true values; bin b is [edges[b], edges[b+1]) (last closed). */
  edges: number[];
  centres: number[];
  /** Testing samples per bin. */
  n: number[];
  /** Mean |predicted - true| per bin (NaN for an empty bin). */
  meanAbsError: number[];
  /** Mean predicted - true per bin (bias). */
  meanError: number[];
  /** 95 % percentile bootstrap interval of meanAbsError (resampling identities); NaN without bootstraps. */
  ciLow: number[];
  ciHigh: number[];
}

/** Confusion counts of one categorical factor at one layer: counts[t][p] = samples of class t predicted p. */
export interface ConfusionMatrix {
  layer: string;
  factor: string;
  classes: string[];
  counts: number[][];
}

export interface PsychophysicsResult {
  kind: 'psychophysics';
  curves: ErrorCurve[];
  confusions: ConfusionMatrix[];
}

// ---- §2 tuning and invariance ----------------------------------------------------------------

/**
 * Variance partitioning of one layer: R² (on testing, fitted on a fold of it; see tuning/) of
 * the layer's components regressed on all factors, and each factor's unique share (full R² minus
 * the R² without that factor).
 */
export interface VariancePartition {
  layer: string;
  factors: string[];
  full: number;
  unique: number[];
  /** R² of each factor alone. */
  alone: number[];
}

/** Identity decoding across views at one layer (accuracy; chance = 1 / identities). */
export interface InvarianceRow {
  layer: string;
  /** Trained on yaw < 0, tested on yaw > 0. */
  negToPos: number;
  /** Trained on yaw > 0, tested on yaw < 0. */
  posToNeg: number;
  /** Mean of the two. */
  across: number;
  /** Within one side of the views (cross-validated), the reference the across score is read against. */
  within: number;
  chance: number;
  identities: number;
}

export interface TuningResult {
  kind: 'tuning';
  partitions: VariancePartition[];
  /** Empty with `invarianceSkipped` set when yaw does not take both signs for enough identities. */
  invariance: InvarianceRow[];
  invarianceSkipped?: string;
}

// ---- §3 mirror-symmetric viewpoint tuning ----------------------------------------------------

/** Farzmahdi et al. 2024's index at one layer, averaged over identities, with its permutation null. */
export interface SymmetryRow {
  layer: string;
  /** Mean index over identities. */
  index: number;
  /** Standard error of the mean over identities. */
  sem: number;
  /** Mean index of the null (views relabelled within each identity). */
  nullMean: number;
  /** (1 + #{null ≥ index}) / (1 + permutations); NaN without permutations. */
  pValue: number;
  /** views × views mean RDM over identities, row-major (for the plot). */
  rdm: number[];
}

export interface SymmetryResult {
  kind: 'symmetry';
  /** Yaw at the centre of each view bin (degrees), symmetric around 0. */
  views: number[];
  /** Identities with every view, the ones the index averages over. */
  identities: number;
  rows: SymmetryRow[];
}

// ---- §4 representational geometry --------------------------------------------------------------

export interface RsaRow {
  layer: string;
  factor: string;
  rho: number;
  pValue: number;
}

export interface GeometryResult {
  kind: 'geometry';
  /** Testing samples the RDMs cover (indices into the testing split, ascending). */
  samples: number[];
  rsa: RsaRow[];
  /** Layers in order and their linear CKA (all testing samples), layers × layers row-major. */
  layers: string[];
  cka: number[];
  /** Per layer, the condensed correlation-distance RDM over `samples` (scipy's pdist order). */
  rdms: Float32Array[];
}

export type BeyondResult = PsychophysicsResult | TuningResult | SymmetryResult | GeometryResult;

export interface BeyondRecord extends OwnedRecord {
  result: BeyondResult;
}

export const beyondKey = (analysisId: string, kind: BeyondKind): string => `${analysisId}/beyond/${kind}`;

/** What the analysis record keeps about its views. */
export interface BeyondState {
  options: BeyondOptions;
  done: BeyondKind[];
  /** Views that cannot be computed for this analysis, with the reason (e.g. yaw does not vary). */
  notApplicable: { kind: BeyondKind; reason: string }[];
}
