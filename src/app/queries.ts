/** What the tabs list, read from IndexedDB (newest first). */
import { analysis, generation, training } from './jobs';

export const listDatasets = () => generation.runner.list();
export const listRuns = () => training.runner.list();
export const listAnalyses = () => analysis.runner.list();
