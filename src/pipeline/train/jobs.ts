/** Jobs served by train.worker.ts (types only, shared with main-thread clients). */
import type { ModelSummaryRow } from './architectures';
import type { BackendReport, TfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { TrainConfig } from './runConfig';
import type { RunRecord } from './runRecords';
import type { TargetSpec } from './targets';

export interface RunDescription {
  training: number;
  validation: number;
  targets: TargetSpec[];
  summary: ModelSummaryRow[];
  params: number;
}

export type TrainJobs = {
  /** Checks a configuration against its dataset and describes the model, without training. */
  describeRun: { input: { config: TrainConfig }; output: RunDescription };
  /** Trains or resumes a run; emits TrainEvent per batch and epoch. */
  train: { input: { runId: string; backend: TfjsBackendName }; output: { run: RunRecord; backend: BackendReport } };
  /** A stopped run's last checkpoint becomes its model. */
  finalizeRun: { input: { runId: string }; output: { ok: true } };
  /** The finished model as model.json text and its weights. */
  exportModel: { input: { runId: string }; output: { json: string; weights: ArrayBuffer; weightsFile: string } };
  /** Stores an exported model as a new (imported) run. */
  importModel: {
    input: { json: string; weights: ArrayBuffer; name: string; runId: string };
    output: { run: RunRecord };
  };
};
