/** The analysis worker: activation extraction (tfjs), incremental PCA, decoding and exports. */
import { runAnalysis } from '../pipeline/analyze/runAnalysis';
import { openWorkbenchDb, type WorkbenchDb } from '../lib/storage';
import type { BackendPreference } from '../lib/tfjs/backendKinds';
import { selectTfjsBackend } from '../lib/tfjs/backends';
import { selectFastestTrainingBackend } from '../lib/tfjs/fastestBackend';
import type { AnalysisJobs } from '../pipeline/analyze/jobs';
import { exportAnalysisFiles } from '../pipeline/results/exportFiles';
import { serveJobs } from '../lib/jobs/runtime';

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
