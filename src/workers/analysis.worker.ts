/** The analysis worker: activation extraction (tfjs), incremental PCA, decoding and exports. */
import { runAnalysis } from '../analysis/pipeline/runAnalysis';
import { openWorkbenchDb, type WorkbenchDb } from '../data/storage';
import type { BackendPreference } from '../train/backendKinds';
import { selectTfjsBackend } from '../train/backends';
import { selectFastestTrainingBackend } from '../train/fastestBackend';
import type { AnalysisJobs } from './analysisJobs';
import { exportAnalysisFiles } from './analysisExport';
import { serveJobs } from './runtime';

let db: Promise<WorkbenchDb> | undefined;
const database = () => (db ??= openWorkbenchDb());

let chosen: Promise<unknown> | undefined;
function ensureBackend(preference: BackendPreference): Promise<unknown> {
  chosen ??= preference === 'auto' ? selectFastestTrainingBackend() : selectTfjsBackend(preference);
  return chosen;
}

serveJobs<AnalysisJobs>({
  analyze: async ({ analysisId, backend }, ctx) => {
    await ensureBackend(backend);
    const analysis = await runAnalysis(await database(), analysisId, ctx.signal, (stage, done, total) => {
      ctx.progress(done, total, stage);
    });
    return { analysis };
  },
  exportAnalysis: async ({ analysisId }) => exportAnalysisFiles(await database(), analysisId),
});
