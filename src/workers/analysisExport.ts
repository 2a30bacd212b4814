/** Placeholder until the exporters land: refuses clearly. */
import type { WorkbenchDb } from '../data/storage';
import { GmfError } from '../errors';
import type { AnalysisFiles } from './analysisJobs';

export function exportAnalysisFiles(_db: WorkbenchDb, analysisId: string): Promise<AnalysisFiles> {
  return Promise.reject(new GmfError('EXPORT_UNAVAILABLE', `Exports of '${analysisId}' are not available yet.`));
}
