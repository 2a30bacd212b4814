/** Jobs served by analysis.worker.ts (types only, shared with main-thread clients). */
import type { AnalysisRecord } from '../analyze/records';
import type { TfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { CrossRunCka } from '../geometry/geometry';
import type { UnitAucRecord } from '../reproductions/runUnitAuc';
import type { CaricatureRecord } from '../reproductions/caricatureRun';

export interface AnalysisFiles {
  /** Null for an analysis imported from the original's files (no PCA bases here). */
  compressed: Uint8Array | null;
  /** Null for an imported perf.tsv (rows only). */
  decomposed: Uint8Array | null;
  /** Null for an imported perf.tsv. */
  results: Uint8Array | null;
  /** Why a file is not given, one sentence each (empty for an analysis of our own). */
  notAvailable: string[];
  perfTsv: string;
  /** `{run}_perf_inference.tsv` text, or null when the analysis computed no p-values or intervals. */
  perfInferenceTsv: string | null;
  /**
   * `{run}_preds.zip`: every decoded layer's `{run}_layer-{name}_preds.csv` in one file (a browser
   * drops some of a dozen downloads started at once); null when there are no predictions.
   */
  predictionsZip: { name: string; bytes: Uint8Array } | null;
  /** `{run}_views.zip`: the tables of the views beyond decoding (`{run}_rsa.tsv`, …); null when none are stored. */
  viewsZip: { name: string; bytes: Uint8Array } | null;
}

/** One of the original pipeline's files, to import as an analysis (pipeline/results/importOriginal). */
export interface ImportOriginalInput {
  /** The id the new analysis gets. */
  analysisId: string;
  file: Blob;
  fileName: string;
}

export type AnalysisJobs = {
  /** Compress, decompose and decode (or resume at the stored stage). Progress message = stage. */
  analyze: { input: { analysisId: string; backend: TfjsBackendName }; output: { analysis: AnalysisRecord } };
  /** The original's `*_decomposed.h5` (stored at stage 'decode'; run `analyze` next) or `*_perf.tsv` (complete). */
  importOriginal: { input: ImportOriginalInput; output: { analysis: AnalysisRecord } };
  /** Every export file of a complete analysis. */
  exportAnalysis: { input: { analysisId: string }; output: AnalysisFiles };
  /** Linear CKA between every layer of analysis `a` and every layer of `b` (the same testing images). */
  crossRunCka: { input: { a: string; b: string }; output: CrossRunCka };
  /** Parde et al. 2020's identity AUC vs random top-layer units on the analysis' testing images (stored). */
  unitAuc: { input: { analysisId: string; backend: TfjsBackendName }; output: UnitAucRecord };
  /**
   * Hill et al. 2019's caricature effect (stored): identification of the testing identities at each
   * level (scale of the identity coefficients; the levels other than 1 rendered beforehand as datasets).
   */
  caricature: { input: { analysisId: string; backend: TfjsBackendName; levels: number[] }; output: CaricatureRecord };
};
