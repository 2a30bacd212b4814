/** CKA between the layers of two stored analyses (issue 13 §4), read from IndexedDB. */
import { GmfError } from '../../lib/errors';
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import { type AnalysisRecord, isAnalysisRecord } from './records';
import { type CrossRunCka, crossRunCka } from '../geometry/geometry';
import { loadTestingData } from './testingData';

async function decodedAnalysis(db: WorkbenchDb, id: string): Promise<AnalysisRecord> {
  const record = await getRecord(db, 'results', id);
  if (!isAnalysisRecord(record)) throw new GmfError('ANALYSIS_MISSING', `There is no analysis '${id}'../beyond/.`);
  if (record.stage !== 'done' || record.origin?.kind === 'original-perf')
    throw new GmfError('CKA_NOT_DECOMPOSED', `'${record.name}' has no stored testing activations to compare.`);
  return record;
}

export async function storedCrossRunCka(db: WorkbenchDb, idA: string, idB: string): Promise<CrossRunCka> {
  const [a, b] = await Promise.all([decodedAnalysis(db, idA), decodedAnalysis(db, idB)]);
  return crossRunCka(await loadTestingData(db, a), await loadTestingData(db, b));
}
