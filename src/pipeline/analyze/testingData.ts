/** The testing split of a decoded analysis, read back from IndexedDB for the views (beyond/records.ts). */
import { GmfError } from '../../lib/errors';
import { getRecord, getTypedArray, type WorkbenchDb } from '../../lib/storage';
import { type AnalysisRecord, analysisKeys, type LayerPredictionsRecord } from './records';
import type { DatasetRecord } from '../dataset/records';
import type { SplitFactorsRecord } from '../decompose/factors';
import type { LayerData, TestingData } from '../beyond/records';

function isPredictions(value: unknown): value is LayerPredictionsRecord {
  const r = value as Partial<LayerPredictionsRecord> | undefined;
  return typeof r?.layer === 'string' && Array.isArray(r.predictions);
}

/**
 * Whether the analysed images show their background: without backgrounds the generator still
 * records bg (the variation index, for counterbalancing), which then says nothing about the
 * image and is collinear with whatever varies by variation (the yaw views of the mirror-symmetry
 * preset: bg would take yaw's variance). Imported analyses have no dataset here: assumed shown.
 */
async function showsBackground(db: WorkbenchDb, record: AnalysisRecord): Promise<boolean> {
  if (record.origin) return true;
  const dataset = (await getRecord(db, 'datasets', record.datasetId)) as DatasetRecord | undefined;
  return dataset?.spec.addBackground ?? true;
}

/**
 * Every layer's testing activations and predictions, and the testing factors, of a decoded
 * analysis. A bg the images do not show is left out of the views: constant in the factors (every
 * view drops constant factors) and its predictions dropped.
 */
export async function loadTestingData(db: WorkbenchDb, record: AnalysisRecord): Promise<TestingData> {
  const factors = (await getRecord(db, 'activations', analysisKeys.factors(record.id, 'testing'))) as
    SplitFactorsRecord | undefined;
  if (!factors) throw new GmfError('ANALYSIS_MISSING_FACTORS', 'The testing factors are missing; decompose again.');
  const background = await showsBackground(db, record);
  const layers: LayerData[] = [];
  for (const layer of record.layers) {
    const acts = await getTypedArray(db, analysisKeys.activations(record.id, 'testing', layer.name));
    if (!(acts instanceof Float32Array) || acts.length !== factors.samples * layer.components)
      throw new GmfError(
        'ANALYSIS_MISSING_ACTIVATIONS',
        `The testing activations of ${layer.name} are missing or of the wrong size; decompose again.`,
      );
    const stored = await getRecord(db, 'activations', analysisKeys.predictions(record.id, layer.name));
    layers.push({
      name: layer.name,
      opNr: layer.opNr,
      features: { rows: factors.samples, cols: layer.components, data: Float64Array.from(acts) },
      predictions: isPredictions(stored) ? stored.predictions.filter((p) => background || p.factor !== 'bg') : [],
    });
  }
  if (background) return { factors, layers };
  return { factors: { ...factors, numbers: { ...factors.numbers, bg: new Float64Array(factors.samples) } }, layers };
}
