/** The analysis worker: activation extraction (tfjs), incremental PCA, decoding and exports. */
import { runAnalysis } from '../pipeline/analyze/runAnalysis';
import { openWorkbenchDb, type WorkbenchDb } from '../lib/storage';
import { initTfjsRuntime, switchToBackend } from '../lib/tfjs/runtime';
import type { AnalysisJobs } from '../pipeline/analysisJobs/jobs';
import { exportAnalysisFiles } from '../pipeline/results/exportFiles';
import { serveJobs } from '../lib/jobs/runtime';
import h5wasm from 'h5wasm';
import type { H5FileSystem } from '../lib/formats/hdf5';
import { storedCrossRunCka } from '../pipeline/analyze/crossRun';
import { runUnitAuc } from '../pipeline/reproductions/runUnitAuc';
import { runCaricature } from '../pipeline/reproductions/caricatureRun';
import { importOriginalFile } from '../pipeline/results/importOriginal/importOriginal';

initTfjsRuntime();
let db: Promise<WorkbenchDb> | undefined;
const database = () => (db ??= openWorkbenchDb());

serveJobs<AnalysisJobs>({
  analyze: async ({ analysisId, backend }, ctx) => {
    // Every job names its backend: a change in Settings applies to the next analysis.
    await switchToBackend(backend);
    const analysis = await runAnalysis(
      await database(),
      analysisId,
      ctx.signal,
      (stage, done, total) => {
        ctx.progress(done, total, stage);
      },
      backend,
    );
    return { analysis };
  },
  importOriginal: async (input) => {
    const module = await h5wasm.ready;
    const fs = module.FS as unknown as H5FileSystem;
    return { analysis: await importOriginalFile(await database(), h5wasm, fs, '/import-original.h5', input) };
  },
  exportAnalysis: async ({ analysisId }) => exportAnalysisFiles(await database(), analysisId),
  crossRunCka: async ({ a, b }) => storedCrossRunCka(await database(), a, b),
  unitAuc: async ({ analysisId, backend }, ctx) => {
    await switchToBackend(backend);
    return runUnitAuc(await database(), analysisId, ctx.signal, (stage, done, total) => {
      ctx.progress(done, total, stage);
    });
  },
  caricature: async ({ analysisId, backend, levels }, ctx) => {
    await switchToBackend(backend);
    return runCaricature(await database(), analysisId, levels, ctx.signal, (stage, done, total) => {
      ctx.progress(done, total, stage);
    });
  },
});
