/** What a training run stores: the run (store `runs`) and its checkpoint and model (store `models`). */
import type { ItemRecord, OwnedRecord } from '../../lib/storage';
import type { BackendPreference } from '../../lib/tfjs/backendKinds';
import type { ModelSummaryRow } from './architectures';
import type { RunProvenance } from './provenance';
import type { TrainConfig } from './runConfig';
import type { TargetSpec } from './targets';

export type RunStatus = 'training' | 'paused' | 'complete' | 'stopped' | 'failed';

/** One epoch of history: `loss`, `{target}_loss`, `{target}_{metric}` and their `val_` twins, plus lr and seconds. */
export type EpochRow = Record<string, number>;

/** One training batch's values, for the live per-batch curves. */
export interface BatchPoint {
  epoch: number;
  batch: number;
  /** Batches since the start of the run (the x axis). */
  step: number;
  values: Record<string, number>;
}

export interface RunRecord extends ItemRecord {
  config: TrainConfig;
  status: RunStatus;
  /** The heads as built: vocabularies and output sizes fixed from the dataset. */
  targets: TargetSpec[];
  /** The saved query the run used, text included, so compression and extraction reuse it. */
  query: { name: string; text: string } | null;
  images: { training: number; validation: number };
  history: EpochRow[];
  summary: ModelSummaryRow[];
  /** The tfjs backend it trains on (set when training starts; a resume uses it again), or 'imported'. */
  backend: string;
  /** The backend asked for when it was started ('auto': the measured fastest). */
  backendPreference?: BackendPreference;
  error?: string;
  /**
   * Set when training stopped because the loss became NaN/Inf or exploded (divergence.ts):
   * where, and the last good checkpoint the Train tab offers as the model.
   */
  diverged?: { epoch: number; batch: number; lastGood: { epoch: number; batch: number } | null };
  /** Why training ended early (plateau, early stop), if it did. */
  note?: string;
  finishedAt?: number;
  /** Set for models imported from a tfjs layers export rather than trained here. */
  imported?: boolean;
  /** App version, dataset and face model when training started; absent in runs from before it was recorded. */
  provenance?: RunProvenance;
}

export interface NamedArray {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** What fixes the order of the training batches: epoch e's order is shuffledIndices(items, seed, 'epoch', e). */
export interface DataOrder {
  seed: number;
  items: number;
  batchSize: number;
}

/** Everything needed to continue exactly where training stopped. */
export interface CheckpointRecord extends OwnedRecord {
  /** The epoch and batch to run next (batch > 0: mid-epoch, in that epoch's shuffled order). */
  epoch: number;
  batch: number;
  /** The order those positions refer to (absent in checkpoints from before mid-epoch ones). */
  order?: DataOrder;
  learningRate: number;
  plateau: { best: number; wait: number };
  /** Partial sums of the current epoch (when paused mid-epoch). */
  epochSums: Record<string, number>;
  epochImages: number;
  epochSeconds: number;
  weights: NamedArray[];
  optimizer: NamedArray[];
  history: EpochRow[];
  batches: BatchPoint[];
  savedAt: number;
}

export const checkpointKey = (runId: string): string => `${runId}/checkpoint`;

export function isRunRecord(value: unknown): value is RunRecord {
  const r = value as Partial<RunRecord> | undefined;
  return (
    typeof r?.id === 'string' &&
    typeof r.config === 'object' &&
    Array.isArray(r.history) &&
    typeof r.status === 'string'
  );
}
