/**
 * What an analysis (compress -> decompose -> decode of one trained run) stores. The record lives
 * in the top-level store `results`; big arrays in `arrays` (putTypedArray) under the keys below;
 * per-split factors and per-layer predictions as records in `activations`.
 */
import type { ItemRecord, OwnedRecord } from '../../lib/storage';
import type { FactorPrediction } from '../decode/decodeLayer';
import type { PerformanceRow } from '../decode/performanceTable';

export type SplitName = 'training' | 'validation' | 'testing';
export const ANALYSIS_SPLITS: readonly SplitName[] = ['training', 'validation', 'testing'];

export interface AnalysisOptions {
  /** Principal components kept per layer (at most the batch size and the layer's width). */
  nComponents: number;
  /** Batches of training images the incremental PCA is fitted on. */
  nBatches: number;
  batchSize: number;
  /** Layers wider than this are first reduced by a seeded sparse random projection (a count sketch) to this many features. */
  maxFeatures: number;
  /** Shuffled-label null: permutations per layer x factor (0: no p-values). */
  permutations: number;
  /** Bootstrap resamples of testing identities (0: no intervals). */
  bootstraps: number;
  seed: number;
}

export type AnalysisStage = 'compress' | 'decompose' | 'decode' | 'done';
export type AnalysisStatus = 'running' | 'paused' | 'complete' | 'failed';

export interface AnalysedLayerInfo {
  name: string;
  /** 1-based position among the analysed layers (the performance table's op_nr). */
  opNr: number;
  operation: string;
  /** Flattened width of the layer's output. */
  features: number;
  /** Width after the random projection, or null when the layer was used as it is. */
  sketchedTo: number | null;
  components: number;
  /** Sum of the explained variance ratios of the kept components (what the original stored). */
  explainedVariance: number;
  /** Per component. */
  explainedVarianceRatio: number[];
}

/** A performance row with the additions beyond the original: p-value and bootstrap interval. */
export type ResultRow = PerformanceRow & { p_value: number; ci_low: number; ci_high: number };

export interface AnalysisRecord extends ItemRecord {
  runId: string;
  runName: string;
  datasetId: string;
  /** The run's saved query, reused for every step (the original's flaw fixed). */
  query: { name: string; text: string } | null;
  options: AnalysisOptions;
  status: AnalysisStatus;
  /** The next step to do; 'done' when complete. */
  stage: AnalysisStage;
  error?: string;
  layers: AnalysedLayerInfo[];
  /** Images per split after the query. */
  samples: Record<SplitName, number>;
  /** Splits whose activations are stored (decompose resumes after them). */
  decomposed: SplitName[];
  /** Layers decoded so far, in order (decode resumes after them). */
  decodedLayers: string[];
  perf: ResultRow[];
  skipped: { layer: string; factor: string; reason: string }[];
}

/** Scalar factors stored per split, as DESIGN.md section 4 lists them. */
export const SCALAR_FACTORS = ['id', 'ethn', 'gender', 'age', 'bg', 'emo', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'] as const;
export type ScalarFactor = (typeof SCALAR_FACTORS)[number];
export const CATEGORICAL_FACTORS = ['gender', 'ethn', 'emo', 'bg'] as const;

/** The generative factors of one split's images, in sample order. */
export interface SplitFactorsRecord extends OwnedRecord {
  split: SplitName;
  samples: number;
  numbers: Record<'id' | 'age' | 'bg' | 'xr' | 'yr' | 'zr' | 'xt' | 'yt' | 'zt' | 'xl' | 'yl', Float64Array>;
  labels: Record<'gender' | 'ethn' | 'emo', string[]>;
  /** samples x shapeComponents, the stored (scaled) coefficients. */
  shape: Float32Array;
  shapeComponents: number;
  /** samples x (bands x texComponents), band-major per sample. */
  tex: Float32Array;
  texBands: number;
  texComponents: number;
}

export interface LayerPredictionsRecord extends OwnedRecord {
  layer: string;
  predictions: FactorPrediction[];
}

export const analysisKeys = {
  mu: (id: string, layer: string) => `${id}/pca/${layer}/mu`,
  components: (id: string, layer: string) => `${id}/pca/${layer}/W`,
  activations: (id: string, split: SplitName, layer: string) => `${id}/act/${split}/${layer}`,
  factors: (id: string, split: SplitName) => `${id}/factors/${split}`,
  predictions: (id: string, layer: string) => `${id}/preds/${layer}`,
};

export function isAnalysisRecord(value: unknown): value is AnalysisRecord {
  const r = value as Partial<AnalysisRecord> | undefined;
  return typeof r?.id === 'string' && typeof r.runId === 'string' && Array.isArray(r.layers) && typeof r.stage === 'string';
}
