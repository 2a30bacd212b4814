/** Jobs served by train.worker.ts (types only, shared with main-thread clients). */
import type { ArchitectureId, ModelSummaryRow } from './architectures';
import type { BackendReport, TfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { TrainConfig } from './runConfig';
import type { RunRecord } from './runRecords';
import type { StepSpeed } from './stepSpeed';
import type { TargetSpec } from './targets';

export interface RunDescription {
  training: number;
  validation: number;
  targets: TargetSpec[];
  summary: ModelSummaryRow[];
  params: number;
}

/** reference.h5's bytes, with what it says in its attributes. */
export interface ModelReferenceFile {
  h5: Uint8Array;
  /** Where its input came from, in words. */
  source: string;
  /** The tfjs backend that computed its activations. */
  backend: string;
}

export type TrainJobs = {
  /** Checks a configuration against its dataset and describes the model, without training. */
  describeRun: { input: { config: TrainConfig }; output: RunDescription };
  /** Trains or resumes a run; emits TrainEvent per batch and epoch. */
  train: { input: { runId: string; backend: TfjsBackendName }; output: { run: RunRecord; backend: BackendReport } };
  /** A stopped run's last checkpoint becomes its model. */
  finalizeRun: { input: { runId: string }; output: { ok: true } };
  /**
   * The finished model as model.json text and its weights; with `reference`, also reference.h5:
   * one input and every layer's output for it, computed on the run's backend (reference.ts).
   */
  exportModel: {
    input: { runId: string; reference?: boolean };
    output: { json: string; weights: ArrayBuffer; weightsFile: string; reference?: ModelReferenceFile };
  };
  /**
   * Times a few training steps of an architecture on `backend` (stepSpeed.ts), for estimates.
   * Refused while a run trains: the two would share the processor and the number would be wrong.
   */
  measureTrainingSpeed: {
    input: { architecture: ArchitectureId; size: number; batch: number; classes: number; backend: TfjsBackendName };
    output: StepSpeed & { backend: TfjsBackendName };
  };
  /** Stores an exported model as a new (imported) run. */
  importModel: {
    input: { json: string; weights: ArrayBuffer; name: string; runId: string };
    output: { run: RunRecord };
  };
};
