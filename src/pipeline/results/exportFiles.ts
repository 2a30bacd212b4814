/** Every export file of a complete analysis, made in the analysis worker (h5wasm's in-memory FS). */
import h5wasm from 'h5wasm';
import { loadAnalysisExport } from './exportData';
import { perfInferenceTsv, perfTsv, predictionsCsv } from './tables';
import type { WorkbenchDb } from '../../lib/storage';
import type { H5FileSystem } from '../../lib/formats/hdf5';
import { analysisFilesBytes } from './analysisH5';
import type { AnalysisFiles } from '../analyze/jobs';

const SCRATCH = '/analysis-export';

export async function exportAnalysisFiles(db: WorkbenchDb, analysisId: string): Promise<AnalysisFiles> {
  const data = await loadAnalysisExport(db, analysisId);
  const module = await h5wasm.ready;
  const fs = module.FS as unknown as H5FileSystem & {
    analyzePath(path: string): { exists: boolean };
    mkdir(path: string): void;
  };
  if (!fs.analyzePath(SCRATCH).exists) fs.mkdir(SCRATCH);
  const files = analysisFilesBytes(h5wasm, fs, SCRATCH, data);
  return {
    ...files,
    perfTsv: perfTsv(data.record.perf),
    perfInferenceTsv: perfInferenceTsv(data.record.perf),
    predictions: data.predictions.map((p) => ({ layer: p.layer, csv: predictionsCsv(p) })),
  };
}
