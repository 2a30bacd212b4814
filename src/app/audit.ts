/**
 * The factor audit of a dataset's settings (pipeline/audit): run in the face worker, which holds
 * the face model and renderer, then stored on the dataset record so it outlives the page and
 * travels in the dataset's zip. Lists re-read datasets through the 'generate' version.
 */
import { GmfError } from '../lib/errors';
import type { JobProgress } from '../lib/jobs/progress';
import { getRecord, putRecord } from '../lib/storage';
import type { FactorAuditOptions } from '../pipeline/audit/auditOptions';
import type { FactorAuditResult } from '../pipeline/audit/record/auditRecord';
import { type DatasetRecord, isDatasetRecord } from '../pipeline/dataset/records';
import { workbenchDb } from './db';
import { useJobsStore } from './jobs/jobsStore';
import { faceJobs } from './workers/faceClient';

export async function runDatasetAudit(
  dataset: DatasetRecord,
  options: FactorAuditOptions,
  signal: AbortSignal,
  onProgress: (progress: JobProgress) => void,
): Promise<FactorAuditResult> {
  const audit = await faceJobs.run('factorAudit', { spec: dataset.spec, options }, { signal, onProgress });
  const db = await workbenchDb();
  // Read again: the split or queries may have been saved while the audit ran.
  const current = await getRecord(db, 'datasets', dataset.id);
  if (!isDatasetRecord(current))
    throw new GmfError(
      'AUDIT_DATASET_GONE',
      `'${dataset.name}' was deleted while its audit ran; the audit was not kept.`,
    );
  const updated: DatasetRecord = { ...current, audit };
  await putRecord(db, 'datasets', updated);
  useJobsStore.getState().touch('generate');
  return audit;
}
