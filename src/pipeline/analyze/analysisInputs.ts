/**
 * What running a stored analysis' model on its images needs, shared by the analysis itself
 * (runAnalysis.ts) and the views that run the model again (pipeline/reproductions): the run and
 * dataset, the images of each split after the run's saved query, the model (checked against the
 * dataset) and the network input of a batch of images.
 */
import type * as tf from '@tensorflow/tfjs';
import { GmfError } from '../../lib/errors';
import { getOwnedRecords, getRecord, type WorkbenchDb } from '../../lib/storage';
import { type DatasetRecord, type ImageRecord, isImageRecord } from '../dataset/records';
import { SPLIT_NAMES, type SplitName } from '../dataset/splits';
import { decodeToRgb } from '../train/data/decodeImages';
import { imagesMatching } from '../train/data/selectItems';
import { loadRunModel } from '../train/modelArtifacts';
import { isRunRecord, type RunRecord } from '../train/runRecords';
import type { AnalysisRecord } from './records';

export interface AnalysisInputs {
  run: RunRecord;
  dataset: DatasetRecord;
  /** Each split's images that pass the analysis' query, in (identity, variation) order. */
  splits: Record<SplitName, ImageRecord[]>;
}

/** The run, dataset and per-split images of an analysis made here (not imported). */
export async function analysisInputs(
  db: WorkbenchDb,
  stored: Pick<AnalysisRecord, 'runId' | 'runName' | 'datasetId' | 'query'>,
): Promise<AnalysisInputs> {
  const run = await getRecord(db, 'runs', stored.runId);
  if (!isRunRecord(run))
    throw new GmfError('ANALYSIS_NO_RUN', `The run this analysis belongs to ('${stored.runName}') is gone.`);
  const dataset = (await getRecord(db, 'datasets', stored.datasetId)) as DatasetRecord | undefined;
  if (!dataset?.spec) throw new GmfError('ANALYSIS_NO_DATASET', `The dataset of this analysis is gone.`);
  const images = (await getOwnedRecords(db, 'images', dataset.id)).filter(isImageRecord);
  const matching = imagesMatching(dataset, images, stored.query?.text ?? '', SPLIT_NAMES);
  const splits = Object.fromEntries(
    SPLIT_NAMES.map((s) => [s, matching.filter((m) => m.split === s).map((m) => m.image)]),
  ) as Record<SplitName, ImageRecord[]>;
  return { run, dataset, splits };
}

/**
 * The run's model, checked to take the dataset's images (disposed when it does not);
 * `stereo` when it takes left and right images. The caller disposes the model.
 */
export async function loadAnalysisModel(
  db: WorkbenchDb,
  run: RunRecord,
  dataset: DatasetRecord,
): Promise<{ model: tf.LayersModel; stereo: boolean }> {
  const model = await loadRunModel(db, run.id);
  const stereo = model.inputs.length === 2;
  const [, height, width, channels] = model.inputs[0]?.shape ?? [];
  const side = dataset.spec.resolution;
  let problem: string | null = null;
  if (height !== side || width !== side || channels !== 3)
    problem = `The model takes ${String(height)}×${String(width)}×${String(channels)} images but '${dataset.name}' has ${side}×${side}×3; choose a dataset of the model's resolution.`;
  else if (stereo && !dataset.spec.binocular)
    problem = `The model takes left and right images but '${dataset.name}' is monocular.`;
  if (problem !== null) {
    model.dispose();
    throw new GmfError('ANALYSIS_INPUT_SIZE', problem);
  }
  return { model, stereo };
}

/** Network input for `images`: RGB in [0, 1], NHWC, one array per eye (left, right) of a stereo model. */
export function imageInputs(
  dataset: DatasetRecord,
  stereo: boolean,
  images: readonly ImageRecord[],
): Promise<Float32Array[]> {
  const size = dataset.spec.resolution;
  const eyes = stereo
    ? [images.map((r) => r.left ?? r.centre), images.map((r) => r.right ?? r.centre)]
    : [images.map((r) => r.centre)];
  return Promise.all(eyes.map((blobs) => decodeToRgb(blobs, size)));
}
