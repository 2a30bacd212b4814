/** The app's long jobs, wired to their real workers and the page's database. */
import { backendForJob } from '../compute';
import { workbenchDb } from '../db';
import { refreshStorageSummary } from '../storageSummary';
import { analysisJobs } from '../workers/analysisClient';
import { faceJobs } from '../workers/faceClient';
import { trainJobs } from '../workers/trainClient';
import { useWorkbenchStore } from '../workbenchStore';
import { createAnalysisJobs } from './analysis';
import { createGenerationJobs } from './generation';
import { createTrainingJobs } from './training';

const onStored = (): void => {
  void refreshStorageSummary();
};

export const generation = createGenerationJobs({ db: workbenchDb, face: faceJobs, onStored });
export const training = createTrainingJobs({ db: workbenchDb, train: trainJobs, backendFor: backendForJob, onStored });
export const analysis = createAnalysisJobs({
  db: workbenchDb,
  analysis: analysisJobs,
  preference: () => useWorkbenchStore.getState().preferences.backend,
  backendFor: backendForJob,
  onStored,
});

/** After a reload or a closed tab: every job interrupted mid-run continues where it stopped. */
export async function resumeInterruptedJobs(): Promise<void> {
  await Promise.all([
    generation.resumeInterrupted(),
    training.runner.resumeInterrupted(),
    analysis.runner.resumeInterrupted(),
  ]);
}
