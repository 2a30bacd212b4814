/** Experiment jobs served by io.worker.ts next to the dataset zip jobs (types only, shared with main-thread clients). */
import type { ExportedExperiment } from './exportExperiment';
import type { OpenedExperiment } from './importExperiment';

export type ExperimentJobs = {
  /** Writes one run with its dataset and complete analyses as an experiment file. Progress: parts written. */
  exportExperiment: { input: { runId: string; images: boolean }; output: ExportedExperiment & { file: Blob } };
  /** Checks an experiment file completely, then stores it under fresh ids; a refused file changes nothing. Progress: kB read. */
  openExperiment: { input: { file: Blob; stamp: string }; output: OpenedExperiment };
};
