/**
 * Everything a complete analysis stored, gathered for the export files (`{run}_compressed.h5`,
 * `{run}_decomposed.h5`, results, TSV/CSV; DESIGN.md section 4). Reads only through
 * analysisKeys, and checks every size against the record, so a half-written analysis fails here
 * with a message instead of producing a short file.
 */
import type { BeyondResult } from '../beyond/records';
import { storedBeyondResults } from '../analyze/storedResults';
import { getRecord, getTypedArray, type WorkbenchDb } from '../../lib/storage';
import { GmfError } from '../../lib/errors';
import { type AnalysisRecord, analysisKeys, isAnalysisRecord, type LayerPredictionsRecord } from '../analyze/records';
import { SPLIT_NAMES, type SplitName } from '../dataset/splits';
import type { SplitFactorsRecord } from '../decompose/factors';
import { isDecodedLayer } from '../compress/compressLayers';

export interface LayerPca {
  /** features (or the sketched width) */
  mu: Float32Array;
  /** features x components, row-major */
  W: Float32Array;
}

export interface SplitExport {
  factors: SplitFactorsRecord;
  /** Per layer name: samples x components, row-major. */
  activations: Map<string, Float32Array>;
}

export interface AnalysisExportData {
  record: AnalysisRecord;
  /** Per layer name, in the record's layer order. */
  pca: Map<string, LayerPca>;
  splits: Record<SplitName, SplitExport>;
  /** One per analysed layer, in the record's layer order. */
  predictions: LayerPredictionsRecord[];
  /** The views beyond decoding that are stored (pipeline/beyond). */
  beyond: BeyondResult[];
}

function missing(what: string): GmfError {
  return new GmfError(
    'ANALYSIS_EXPORT_MISSING',
    `${what} is missing or has the wrong size; run the analysis again to export it.`,
  );
}

async function float32(db: WorkbenchDb, key: string, length: number, what: string): Promise<Float32Array> {
  const array = await getTypedArray(db, key);
  if (!(array instanceof Float32Array) || array.length !== length) throw missing(what);
  return array;
}

function isSplitFactors(value: unknown, split: SplitName): value is SplitFactorsRecord {
  const r = value as Partial<SplitFactorsRecord> | undefined;
  return (
    r?.split === split &&
    typeof r.samples === 'number' &&
    r.shape instanceof Float32Array &&
    r.tex instanceof Float32Array &&
    typeof r.numbers === 'object' &&
    typeof r.labels === 'object'
  );
}

function isLayerPredictions(value: unknown, layer: string): value is LayerPredictionsRecord {
  const r = value as Partial<LayerPredictionsRecord> | undefined;
  return r?.layer === layer && Array.isArray(r.predictions);
}

/**
 * Loads a complete analysis. Errors (GmfError): ANALYSIS_MISSING (no such analysis),
 * ANALYSIS_NOT_COMPLETE, ANALYSIS_EXPORT_MISSING (a stored part is missing or the wrong size).
 */
export async function loadAnalysisExport(db: WorkbenchDb, analysisId: string): Promise<AnalysisExportData> {
  const record = await getRecord(db, 'results', analysisId);
  if (!isAnalysisRecord(record)) throw new GmfError('ANALYSIS_MISSING', `There is no analysis '${analysisId}'.`);
  if (record.status !== 'complete' || record.stage !== 'done') {
    throw new GmfError(
      'ANALYSIS_NOT_COMPLETE',
      `The analysis '${record.name}' is not complete yet (next step: ${record.stage}); finish it before exporting.`,
    );
  }
  const id = record.id;
  const pca = new Map<string, LayerPca>();
  // An analysis imported from the original's decomposed.h5 has no PCA bases (importOriginal).
  for (const layer of record.origin ? [] : record.layers) {
    const width = layer.sketchedTo ?? layer.features;
    pca.set(layer.name, {
      mu: await float32(db, analysisKeys.mu(id, layer.name), width, `The PCA mean of ${layer.name}`),
      W: await float32(
        db,
        analysisKeys.components(id, layer.name),
        width * layer.components,
        `The PCA components of ${layer.name}`,
      ),
    });
  }
  const splits = {} as Record<SplitName, SplitExport>;
  for (const split of SPLIT_NAMES) {
    const factors = await getRecord(db, 'activations', analysisKeys.factors(id, split));
    if (!isSplitFactors(factors, split)) throw missing(`The ${split} factors`);
    const activations = new Map<string, Float32Array>();
    for (const layer of record.layers) {
      const key = analysisKeys.activations(id, split, layer.name);
      activations.set(
        layer.name,
        await float32(db, key, factors.samples * layer.components, `The ${split} activations of ${layer.name}`),
      );
    }
    splits[split] = { factors, activations };
  }
  const predictions: LayerPredictionsRecord[] = [];
  for (const layer of record.layers) {
    const stored = await getRecord(db, 'activations', analysisKeys.predictions(id, layer.name));
    // Softmax layers are not decoded (analyses from before that rule have their predictions: kept).
    if (isLayerPredictions(stored, layer.name)) predictions.push(stored);
    else if (isDecodedLayer(layer)) throw missing(`The predictions of ${layer.name}`);
  }
  return { record, pca, splits, predictions, beyond: await storedBeyondResults(db, id) };
}
