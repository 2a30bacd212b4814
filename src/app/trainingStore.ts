/**
 * The training run being watched: ids, status, the latest rates and the epoch history. Per-batch
 * curves live in ui/train/liveCurves (not here: they grow by the thousand).
 */
import { create } from 'zustand';
import type { EpochRow } from '../pipeline/train/runRecords';
import type { JobProgress } from '../lib/jobs/progress';

export interface ActiveRun {
  runId: string;
  name: string;
  state: 'starting' | 'training' | 'pausing' | 'stopping';
  progress: JobProgress | null;
  learningRate: number | null;
  imagesPerSecond: number | null;
  epoch: number;
  batch: number;
  batches: number;
  epochs: EpochRow[];
  backend: string | null;
}

interface TrainingStore {
  active: ActiveRun | null;
  error: string | null;
  /** Bumped when stored runs change, so lists re-read them. */
  version: number;
  setActive: (active: ActiveRun | null) => void;
  patchActive: (patch: Partial<ActiveRun>) => void;
  setError: (error: string | null) => void;
  touch: () => void;
}

export const useTrainingStore = create<TrainingStore>()((set) => ({
  active: null,
  error: null,
  version: 0,
  setActive: (active) => { set({ active }); },
  patchActive: (patch) => { set((s) => (s.active ? { active: { ...s.active, ...patch } } : {})); },
  setError: (error) => { set({ error }); },
  touch: () => { set((s) => ({ version: s.version + 1 })); },
}));

