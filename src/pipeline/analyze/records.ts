/**
 * What an analysis (compress -> decompose -> decode of one trained run) stores. The record lives
 * in the top-level store `results`; big arrays in `arrays` (putTypedArray) under the keys below;
 * per-split factors and per-layer predictions as records in `activations`.
 */
import type { ItemRecord, OwnedRecord } from '../../lib/storage';
import type { AnalysedLayerInfo } from '../compress/compressLayers';
import type { SplitName } from '../dataset/splits';
import type { FactorPrediction } from '../decode/decodeLayer';
import type { PerformanceRow } from '../decode/performanceTable';
import type { BeyondState, ViewOptions } from '../beyond/records';

export interface AnalysisOptions {
  /** Principal components kept per layer (at most the batch size and the layer's width). */
  nComponents: number;
  /** Batches of training images the incremental PCA is fitted on. */
  nBatches: number;
  batchSize: number;
  /** The width a layer is reduced to, when it must be, by a seeded sparse random projection (a count sketch). */
  maxFeatures: number;
  /** Shuffled-label null: permutations per layer x factor (0: no p-values). */
  permutations: number;
  /** Bootstrap resamples of testing identities (0: no intervals). */
  bootstraps: number;
  seed: number;
  /**
   * Identity decoding's 4 folds over the testing split: 'original' = the original's
   * cross_val_predict(cv=4), i.e. scikit-learn's StratifiedKFold without shuffling, in the order
   * the samples are stored in decomposed.h5; 'shuffled' = the same per-class fold sizes, each
   * identity's fold labels permuted with a seeded generator. Absent in analyses stored before
   * the option existed, which were shuffled (`idFoldsOf`).
   */
  idFolds?: IdFolds;
  /**
   * Memory the PCA fit may use (MiB): layers are count-sketched (to maxFeatures) only when the
   * fit would not fit otherwise (compress/plan.ts). Absent in analyses made before it existed,
   * which sketched every layer wider than maxFeatures.
   */
  memoryBudgetMb?: number;
  /** Options of the views beyond decoding (pipeline/beyond); absent = DEFAULT_BEYOND_OPTIONS. */
  views?: ViewOptions;
}

export type IdFolds = 'original' | 'shuffled';

/** The folds an analysis used or uses ('shuffled' for records older than the option). */
export function idFoldsOf(options: Pick<AnalysisOptions, 'idFolds'>): IdFolds {
  return options.idFolds ?? 'shuffled';
}

/** 'done': compressed, decomposed and decoded; the views beyond decoding (`beyond`) come last, before status 'complete'. */
export type AnalysisStage = 'compress' | 'decompose' | 'decode' | 'done';
export type AnalysisStatus = 'running' | 'paused' | 'complete' | 'failed';

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
  /** What produced it; absent in analyses from before it was recorded. */
  provenance?: AnalysisProvenance;
  /** The PCA batches that ran (options.nBatches or fewer, as many as the training images hold); absent before it was recorded. */
  batchesUsed?: number;
  /**
   * Set when the analysis was imported from the original pipeline's files (pipeline/results/
   * importOriginal): compressed and decomposed elsewhere, so runId and datasetId name no stored
   * run or dataset and there are no PCA bases; a perf.tsv brings its rows only.
   */
  origin?: AnalysisOrigin;
  /** The views beyond decoding (pipeline/beyond), computed after decode; absent before they start. */
  beyond?: BeyondState;
}

export interface AnalysisProvenance {
  /** The app version that started it. */
  appVersion: string;
  /** The tfjs backend of each session that ran the model (compress, decompose), in order, once each. */
  backends: string[];
  /** The face model of the dataset, e.g. "ict-facekit v3"; null for imported analyses. */
  faceModel: string | null;
}

export interface AnalysisOrigin {
  kind: 'original-decomposed' | 'original-perf';
  /** The imported file's name. */
  file: string;
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
  return (
    typeof r?.id === 'string' && typeof r.runId === 'string' && Array.isArray(r.layers) && typeof r.stage === 'string'
  );
}
