/**
 * What the watched training run reports as it goes (learning rate, speed, position, epochs,
 * backend), fed by the training job's events. Per-batch curves live in liveCurves (outside
 * React state: they grow by the thousand).
 */
import { create } from 'zustand';
import type { EpochRow, RunRecord } from '../../pipeline/train/runRecords';
import type { TrainEvent } from '../../pipeline/train/runTraining';
import { liveCurves } from './liveCurves';
import { NO_SPEED, slowNote, type SpeedTrack, trackSpeed } from './trainingSpeed';

export interface TrainingLive {
  learningRate: number | null;
  imagesPerSecond: number | null;
  epoch: number;
  batch: number;
  batches: number;
  epochs: EpochRow[];
  backend: string | null;
  /** Where a resumed run continued (the next epoch and batch, 0-based), with the batch points it kept. */
  resumed: { epoch: number; batch: number; points: number } | null;
  speed: SpeedTrack;
  /** Set while the run is much slower than it was (trainingSpeed.ts). */
  slow: string | null;
}

const EMPTY: TrainingLive = {
  learningRate: null,
  imagesPerSecond: null,
  epoch: 0,
  batch: 0,
  batches: 0,
  epochs: [],
  backend: null,
  resumed: null,
  speed: NO_SPEED,
  slow: null,
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
      useTrainingLive.setState({
        epochs: event.run.history,
        backend: event.run.backend,
        resumed: event.resumedFrom ? { ...event.resumedFrom, points: event.batches.length } : null,
        speed: NO_SPEED,
        slow: null,
      });
      return true;
    case 'batch':
      liveCurves.push({ epoch: event.epoch, batch: event.batch, step: event.step, values: event.values });
      useTrainingLive.setState((s) => {
        const speed = trackSpeed(s.speed, event.imagesPerSecond);
        return {
          learningRate: event.learningRate,
          imagesPerSecond: event.imagesPerSecond,
          epoch: event.epoch,
          batch: event.batch,
          batches: event.batches,
          speed,
          slow: slowNote(speed),
        };
      });
      return false;
    case 'epoch':
      useTrainingLive.setState((s) => ({ epochs: [...s.epochs, event.row] }));
      return true;
  }
}
