/**
 * Parde et al.'s identity AUC vs random top-layer units as a stored result of an analysis: the
 * record (`activations` store, owned by the analysis, so deleted and exported with it) keeps the
 * curve, the layer and the options it ran with.
 */
import { getRecord, type OwnedRecord, putRecords, type WorkbenchDb } from '../../lib/storage';
import { DEFAULT_UNIT_AUC_OPTIONS, unitAucCurve, type UnitAucOptions, type UnitAucRow } from './parde';
import { topLayerActivations } from './topLayer';

export interface UnitAucRecord extends OwnedRecord {
  layer: string;
  /** Testing images the pairs were drawn from. */
  images: number;
  options: UnitAucOptions;
  rows: UnitAucRow[];
}

export const unitAucKey = (analysisId: string): string => `${analysisId}/reproductions/unit-auc`;

export function isUnitAucRecord(value: unknown): value is UnitAucRecord {
  const r = value as Partial<UnitAucRecord> | undefined;
  return typeof r?.layer === 'string' && Array.isArray(r.rows);
}

/** Runs the model on the analysis' testing images, computes the curve and stores it. */
export async function runUnitAuc(
  db: WorkbenchDb,
  analysisId: string,
  signal: AbortSignal,
  progress: (stage: string, done: number, total: number) => void,
): Promise<UnitAucRecord> {
  const { layer, units, ids } = await topLayerActivations(db, analysisId, signal, (done, total) => {
    progress('top-layer activations', done, total);
  });
  progress('identity AUC vs units', 0, 1);
  const options = { ...DEFAULT_UNIT_AUC_OPTIONS };
  const rows = unitAucCurve(units, ids, options, signal);
  const record: UnitAucRecord = {
    key: unitAucKey(analysisId),
    owner: analysisId,
    layer,
    images: units.rows,
    options,
    rows,
  };
  await putRecords(db, 'activations', [record]);
  progress('identity AUC vs units', 1, 1);
  return record;
}

export async function storedUnitAuc(db: WorkbenchDb, analysisId: string): Promise<UnitAucRecord | null> {
  const stored = await getRecord(db, 'activations', unitAucKey(analysisId));
  return isUnitAucRecord(stored) ? stored : null;
}
