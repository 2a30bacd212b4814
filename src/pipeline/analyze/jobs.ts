/** Jobs served by analysis.worker.ts (types only, shared with main-thread clients). */
import type { AnalysisRecord } from './records';
import type { TfjsBackendName } from '../../lib/tfjs/backendKinds';

export interface AnalysisFiles {
  compressed: Uint8Array;
  decomposed: Uint8Array;
  results: Uint8Array;
  perfTsv: string;
  /** `{run}_perf_inference.tsv` text, or null when the analysis computed no p-values or intervals. */
  perfInferenceTsv: string | null;
  /** `{run}_layer-{name}_preds.csv` text per layer. */
  predictions: { layer: string; csv: string }[];
}

export type AnalysisJobs = {
  /** Compress, decompose and decode (or resume at the stored stage). Progress message = stage. */
  analyze: { input: { analysisId: string; backend: TfjsBackendName }; output: { analysis: AnalysisRecord } };
  /** Every export file of a complete analysis. */
  exportAnalysis: { input: { analysisId: string }; output: AnalysisFiles };
};
