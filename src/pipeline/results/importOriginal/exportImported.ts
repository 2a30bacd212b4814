/**
 * The export files of an analysis imported from the original's files: what can be made from what
 * was imported, and why the rest cannot (no PCA bases came with a decomposed.h5; a perf.tsv
 * brings its rows only).
 */
import type { AnalysisFiles } from '../../analysisJobs/jobs';
import type { AnalysisRecord } from '../../analyze/records';
import { type H5FileSystem, type H5Lib, withScratchPath } from '../../../lib/formats/hdf5';
import { writeDecomposedH5, writeResultsH5 } from '../analysisH5';
import type { AnalysisExportData } from '../exportData';
import { perfInferenceTsv, perfTsv } from '../tables';

const NO_COMPRESSED = "compressed.h5: the original's PCA bases are not in its decomposed.h5.";

/** An imported perf.tsv: its rows again, nothing else. */
export function importedPerfFiles(record: AnalysisRecord): AnalysisFiles {
  return {
    compressed: null,
    decomposed: null,
    results: null,
    notAvailable: [
      'compressed.h5, decomposed.h5, results.h5 and preds.csv: an imported perf.tsv holds performance rows only (no PCA bases, activations or predictions).',
    ],
    perfTsv: perfTsv(record.perf),
    perfInferenceTsv: perfInferenceTsv(record.perf),
    predictionsZip: null,
    viewsZip: null,
  };
}

/** An imported decomposed.h5, decoded here: decomposed.h5 again (our writer) and results.h5 (without its `compressed` group), not compressed.h5. */
export function importedH5Files(
  h5: H5Lib,
  fs: H5FileSystem,
  scratchDir: string,
  data: AnalysisExportData,
): Pick<AnalysisFiles, 'compressed' | 'decomposed' | 'results' | 'notAvailable'> {
  const bytesOf = (name: string, write: typeof writeDecomposedH5): Uint8Array =>
    withScratchPath(fs, `${scratchDir.replace(/\/+$/, '')}/${name}`, (path) => {
      write(h5, path, data);
      return fs.readFile(path);
    });
  return {
    compressed: null,
    decomposed: bytesOf('imported_decomposed.h5', writeDecomposedH5),
    results: bytesOf('imported_results.h5', writeResultsH5),
    notAvailable: [NO_COMPRESSED],
  };
}
