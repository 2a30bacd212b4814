/**
 * What the watched training run reports as it goes (learning rate, speed, position, epochs,
 * backend), fed by the training job's events. Per-batch curves live in liveCurves (outside
 * React state: they grow by the thousand).
 */
import { create } from 'zustand';
import type { EpochRow, RunRecord } from '../../pipeline/train/runRecords';
import type { TrainEvent } from '../../pipeline/train/runTraining';
import { liveCurves } from './liveCurves';

export interface TrainingLive {
  learningRate: number | null;
  imagesPerSecond: number | null;
  epoch: number;
  batch: number;
  batches: number;
  epochs: EpochRow[];
  backend: string | null;
}

const EMPTY: TrainingLive = {
  learningRate: null,
  imagesPerSecond: null,
  epoch: 0,
  batch: 0,
  batches: 0,
  epochs: [],
  backend: null,
};

export const useTrainingLive = create<TrainingLive>()(() => EMPTY);

export function resetTrainingLive(run: RunRecord): void {
  liveCurves.reset();
  useTrainingLive.setState({ ...EMPTY, epochs: run.history });
}

/** Applies one event of the train job; returns true when the stored run changed (an epoch ended). */
export function applyTrainEvent(event: TrainEvent): boolean {
  switch (event.type) {
    case 'started':
      liveCurves.reset(event.batches);
      useTrainingLive.setState({ epochs: event.run.history, backend: event.run.backend });
      return true;
    case 'batch':
      liveCurves.push({ epoch: event.epoch, batch: event.batch, step: event.step, values: event.values });
      useTrainingLive.setState({
        learningRate: event.learningRate,
        imagesPerSecond: event.imagesPerSecond,
        epoch: event.epoch,
        batch: event.batch,
        batches: event.batches,
      });
      return false;
    case 'epoch':
      useTrainingLive.setState((s) => ({ epochs: [...s.epochs, event.row] }));
      return true;
  }
}
