/** Every export file of a complete analysis, made in the analysis worker (h5wasm's in-memory FS). */
import { strToU8, zipSync } from 'fflate';
import h5wasm from 'h5wasm';
import { type AnalysisExportData, loadAnalysisExport } from './exportData';
import { safeFileName } from '../dataset/archive/manifest';
import { perfInferenceTsv, perfTsv, predictionsCsv } from './tables';
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import type { H5FileSystem } from '../../lib/formats/hdf5';
import { analysisFilesBytes } from './analysisH5';
import type { AnalysisFiles } from '../analysisJobs/jobs';
import { isAnalysisRecord } from '../analyze/records';
import { beyondTsvFiles } from '../analyze/exports';
import { importedH5Files, importedPerfFiles } from './importOriginal/exportImported';

const SCRATCH = '/analysis-export';

export async function exportAnalysisFiles(db: WorkbenchDb, analysisId: string): Promise<AnalysisFiles> {
  const stored = await getRecord(db, 'results', analysisId);
  if (isAnalysisRecord(stored) && stored.origin?.kind === 'original-perf') return importedPerfFiles(stored);
  const data = await loadAnalysisExport(db, analysisId);
  const module = await h5wasm.ready;
  const fs = module.FS as unknown as H5FileSystem & {
    analyzePath(path: string): { exists: boolean };
    mkdir(path: string): void;
  };
  if (!fs.analyzePath(SCRATCH).exists) fs.mkdir(SCRATCH);
  const files = data.record.origin
    ? importedH5Files(h5wasm, fs, SCRATCH, data)
    : { ...analysisFilesBytes(h5wasm, fs, SCRATCH, data), notAvailable: [] };
  return {
    ...files,
    perfTsv: perfTsv(data.record.perf),
    perfInferenceTsv: perfInferenceTsv(data.record.perf),
    predictionsZip: predictionsZip(data),
    viewsZip: viewsZip(data),
  };
}

/** Every table of the views beyond decoding, `{run}_{table}.tsv`, in one zip. */
function viewsZip(data: AnalysisExportData): AnalysisFiles['viewsZip'] {
  const tables = Object.entries(beyondTsvFiles(data.beyond));
  if (tables.length === 0) return null;
  const run = safeFileName(data.record.runName);
  const entries = Object.fromEntries(tables.map(([name, text]) => [`${run}_${name}.tsv`, strToU8(text)]));
  return { name: `${run}_views.zip`, bytes: zipSync(entries, { level: 6 }) };
}

/** Every layer's preds.csv, named as the original names them, in one zip. */
function predictionsZip(data: AnalysisExportData): AnalysisFiles['predictionsZip'] {
  if (data.predictions.length === 0) return null;
  const run = safeFileName(data.record.runName);
  const entries = Object.fromEntries(
    data.predictions.map((p) => [
      `${run}_layer-${p.layer}_preds.csv`,
      strToU8(predictionsCsv(p, data.splits.testing.factors)),
    ]),
  );
  return { name: `${run}_preds.zip`, bytes: zipSync(entries, { level: 6 }) };
}
