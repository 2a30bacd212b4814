/** The app's long jobs, wired to their real workers and the page's database. */
import { backendForJob } from '../compute';
import { workbenchDb } from '../db';
import { deleteStoredItem, type TopLevelStore } from '../../lib/storage';
import { refreshStorageSummary } from '../storageSummary';
import { analysisJobs } from '../workers/analysisClient';
import { faceJobs } from '../workers/faceClient';
import { trainJobs } from '../workers/trainClient';
import { useWorkbenchStore } from '../workbenchStore';
import { createAnalysisJobs } from './analysis';
import { createGenerationJobs, renderSettingsCheck } from './generation';
import { createTrainingJobs } from './training';

const onStored = (): void => {
  void refreshStorageSummary();
};

export const generation = createGenerationJobs({
  db: workbenchDb,
  face: faceJobs,
  onStored,
  checkSettings: renderSettingsCheck(faceJobs),
});
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

/**
 * Deletes a stored item (Storage panel). A dataset, run or analysis whose job runs, in this tab or
 * another, is cancelled first and deleted once it has stopped, so its last writes cannot bring it
 * back; rejects (nothing deleted) if the job does not stop. Resolves false if there was no such item.
 */
export async function deleteStoredJobItem(store: TopLevelStore, id: string): Promise<boolean> {
  switch (store) {
    case 'datasets':
      return generation.runner.remove(id);
    case 'runs':
      return training.runner.remove(id);
    case 'results':
      return analysis.runner.remove(id);
    case 'pcaBases':
      return deleteStoredItem(await workbenchDb(), store, id);
  }
}
