/** Where a run came from: recorded when it starts, shown with the run and carried in its experiment file. */
import { APP_VERSION } from '../../lib/appVersion';
import { faceModelOf } from '../../model/gmf/generatorSpec';
import type { DatasetRecord } from '../dataset/records';

export interface RunProvenance {
  /** The workbench version that started the run. */
  appVersion: string;
  /** The dataset's name when the run started (the dataset may be renamed or deleted later). */
  datasetName: string;
  /** The face model that rendered the dataset. */
  faceModel: { id: string; version: number };
}

export function provenanceOf(dataset: DatasetRecord): RunProvenance {
  return { appVersion: APP_VERSION, datasetName: dataset.name, faceModel: faceModelOf(dataset.spec) };
}
