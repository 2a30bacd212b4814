/**
 * Imports the original pipeline's files into Results (runs in the analysis worker):
 * - `{model}_decomposed.h5` becomes an analysis whose compress and decompose stages are done: its
 *   activations and factors are stored as decompose stores them and the record waits at stage
 *   'decode', which the analysis job then runs like any other (progress, cancel, resume);
 * - `{model}_perf.tsv` becomes a complete analysis with its rows only (curves and heatmap).
 * The file is read and checked in full before anything is written; a failed write removes what
 * it wrote. Either record says where it came from (`origin`) and belongs to no run or dataset.
 */
import { type H5FileSystem, isHdf5, withScratchPath } from '../../../lib/formats/hdf5';
import { deleteStoredItem, putRecord, putRecords, putTypedArray, type WorkbenchDb } from '../../../lib/storage';
import { type AnalysisOptions, type AnalysisRecord, analysisKeys, type ResultRow } from '../../analyze/records';
import type { ImportOriginalInput } from '../../analysisJobs/jobs';
import type { AnalysedLayerInfo } from '../../compress/compressLayers';
import { SPLIT_NAMES } from '../../dataset/splits';
import type { SplitFactorsRecord } from '../../decompose/factors';
import { type H5GroupLib, type OriginalDecomposed, OriginalFileError, readOriginalDecomposed } from './readDecomposed';
import { readPerfTsv } from './readPerfTsv';

/** What the original did not record (no compression here): zero, and the original's identity folds. */
function importedOptions(nComponents: number): AnalysisOptions {
  return {
    nComponents,
    nBatches: 0,
    batchSize: 0,
    maxFeatures: 0,
    permutations: 0,
    bootstraps: 0,
    seed: 1,
    idFolds: 'original',
  };
}

function importedRecord(
  input: ImportOriginalInput,
  kind: 'original-decomposed' | 'original-perf',
  layers: AnalysedLayerInfo[],
): AnalysisRecord {
  const runName = input.fileName.replace(/(_decomposed)?\.(h5|hdf5)$/i, '').replace(/(_perf)?\.tsv$/i, '');
  return {
    id: input.analysisId,
    name: input.fileName,
    createdAt: Date.now(),
    // Not a stored run or dataset: the analysis was compressed and decomposed by the original.
    runId: '',
    runName: runName || input.fileName,
    datasetId: '',
    query: null,
    options: importedOptions(Math.max(0, ...layers.map((l) => l.components))),
    status: 'paused',
    stage: 'decode',
    layers,
    samples: { training: 0, validation: 0, testing: 0 },
    decomposed: [],
    decodedLayers: [],
    perf: [],
    skipped: [],
    origin: { kind, file: input.fileName },
  };
}

/** A layer as compression would have described it; the original's width and variance are not in the file. */
function layerInfo(name: string, opNr: number, operation: string, components: number): AnalysedLayerInfo {
  return {
    name,
    opNr,
    operation,
    features: components,
    sketchedTo: null,
    components,
    explainedVariance: NaN,
    explainedVarianceRatio: [],
  };
}

async function storeDecomposed(
  db: WorkbenchDb,
  input: ImportOriginalInput,
  data: OriginalDecomposed,
): Promise<AnalysisRecord> {
  const id = input.analysisId;
  const record: AnalysisRecord = {
    ...importedRecord(
      input,
      'original-decomposed',
      data.layers.map((l) => layerInfo(l.name, l.opNr, l.operation, l.components)),
    ),
    samples: {
      training: data.splits.training.factors.samples,
      validation: data.splits.validation.factors.samples,
      testing: data.splits.testing.factors.samples,
    },
    decomposed: [...SPLIT_NAMES],
  };
  try {
    for (const split of SPLIT_NAMES) {
      const { factors, activations } = data.splits[split];
      for (const [layer, array] of activations)
        await putTypedArray(db, { key: analysisKeys.activations(id, split, layer), owner: id, array });
      const stored: SplitFactorsRecord = { key: analysisKeys.factors(id, split), owner: id, ...factors };
      await putRecords(db, 'activations', [stored]);
    }
    // The record last: an import cut short leaves only owned records, which the storage cleanup finds.
    await putRecord(db, 'results', record);
  } catch (error) {
    await deleteStoredItem(db, 'results', id).catch(() => undefined);
    throw error;
  }
  return record;
}

function perfRecord(input: ImportOriginalInput, rows: ResultRow[]): AnalysisRecord {
  const layers = new Map<string, AnalysedLayerInfo>();
  for (const r of rows)
    if (!layers.has(r.layername)) layers.set(r.layername, layerInfo(r.layername, r.op_nr, r.operation, 0));
  const sorted = [...layers.values()].sort((a, b) => a.opNr - b.opNr);
  return {
    ...importedRecord(input, 'original-perf', sorted),
    status: 'complete',
    stage: 'done',
    decodedLayers: sorted.map((l) => l.name),
    perf: rows,
  };
}

/**
 * Reads, checks and stores one of the original's files as a new analysis; an HDF5 file is read
 * through `scratchPath` on h5wasm's file system `fs` (removed after). Errors: OriginalFileError
 * (code ORIGINAL_FILE) for a file that is not one of them or is malformed; storage errors.
 */
export async function importOriginalFile(
  db: WorkbenchDb,
  h5: H5GroupLib,
  fs: H5FileSystem,
  scratchPath: string,
  input: ImportOriginalInput,
): Promise<AnalysisRecord> {
  const name = input.fileName;
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  if (/\.tsv$/i.test(name) && !isHdf5(bytes)) {
    const record = perfRecord(input, readPerfTsv(new TextDecoder().decode(bytes), name));
    await putRecord(db, 'results', record);
    return record;
  }
  if (!/\.(h5|hdf5)$/i.test(name) && !isHdf5(bytes))
    throw new OriginalFileError(name, "it is neither the original's *_decomposed.h5 nor its *_perf.tsv");
  if (!isHdf5(bytes)) throw new OriginalFileError(name, 'it is not an HDF5 file');
  const data = withScratchPath(fs, scratchPath, (path) => {
    fs.writeFile(path, bytes);
    return readOriginalDecomposed(h5, path, name);
  });
  return storeDecomposed(db, input, data);
}
