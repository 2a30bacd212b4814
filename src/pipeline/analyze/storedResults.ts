/** The stored results of an analysis' views beyond decoding, in BEYOND_KINDS order. */
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import { BEYOND_KINDS, type BeyondRecord, type BeyondResult, beyondKey } from '../beyond/records';

function isBeyondRecord(value: unknown): value is BeyondRecord {
  const r = value as Partial<BeyondRecord> | undefined;
  return typeof r?.result?.kind === 'string' && (BEYOND_KINDS as readonly string[]).includes(r.result.kind);
}

export async function storedBeyondResults(db: WorkbenchDb, analysisId: string): Promise<BeyondResult[]> {
  const out: BeyondResult[] = [];
  for (const kind of BEYOND_KINDS) {
    const stored = await getRecord(db, 'activations', beyondKey(analysisId, kind));
    if (isBeyondRecord(stored)) out.push(stored.result);
  }
  return out;
}
