/**
 * What is checked before an analysis starts, so that a refusal says why and leaves no record
 * behind (a started analysis that fails is stored as "failed … Resume", which cannot succeed
 * when what it needs is gone): the run is finished, its dataset still exists, is complete and
 * has a saved split, and the options are plausible for it.
 */
import type { DatasetRecord } from '../dataset/records';
import { noSplitMessage } from '../train/noSplit';
import type { RunRecord } from '../train/runRecords';
import { validateAnalysisOptions } from './options';
import type { AnalysisOptions } from './records';

/** The dataset's name as the run knows it (the record may be gone). */
export function runDatasetName(run: RunRecord): string {
  return run.provenance?.datasetName ?? run.config.datasetId;
}

/** Why the dataset `datasetId` cannot be analysed with `run`, or null. */
export function analysisDatasetProblem(
  run: RunRecord,
  datasetId: string,
  dataset: DatasetRecord | undefined,
): string | null {
  if (!dataset) {
    if (run.imported) return `The dataset chosen for '${run.name}' no longer exists: choose another.`;
    return `The dataset '${runDatasetName(run)}' that '${run.name}' was trained on has been deleted, and an analysis reads its images. Import or regenerate it (with the same settings), or analyse another run.`;
  }
  if (dataset.id !== datasetId) return `The dataset '${dataset.name}' is not the one chosen.`;
  if (dataset.status !== 'complete')
    return `The dataset '${dataset.name}' is not complete (${dataset.status}): an analysis needs all its images. Let it finish first.`;
  if (!dataset.split) return noSplitMessage(dataset.name);
  return null;
}

/** Every reason not to start, or []: the run, its dataset and the options. */
export function analysisStartProblems(
  run: RunRecord | undefined,
  datasetId: string,
  dataset: DatasetRecord | undefined,
  options: AnalysisOptions,
): string[] {
  if (!run) return ['The run to analyse no longer exists.'];
  const problems: string[] = [];
  if (run.status !== 'complete' && run.status !== 'stopped')
    problems.push(`The run '${run.name}' is ${run.status}; only a finished run can be analysed.`);
  const datasetProblem = analysisDatasetProblem(run, datasetId, dataset);
  if (datasetProblem) problems.push(datasetProblem);
  const trainingImages = run.imported ? null : run.images.training;
  problems.push(...validateAnalysisOptions(options, trainingImages).map((i) => i.message));
  return problems;
}
