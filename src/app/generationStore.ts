/** The dataset generation in progress (one at a time) and the last error, for the Dataset tab. */
import { create } from 'zustand';
import type { JobProgress } from '../lib/jobs/progress';

export interface GenerationRun {
  datasetId: string;
  name: string;
  progress: JobProgress | null;
  resumed: boolean;
}

interface GenerationState {
  run: GenerationRun | null;
  error: string | null;
  /** Bumped whenever stored datasets change, so lists re-read. */
  version: number;
  setRun: (run: GenerationRun | null) => void;
  setError: (error: string | null) => void;
  touch: () => void;
}

export const useGenerationStore = create<GenerationState>()((set) => ({
  run: null,
  error: null,
  version: 0,
  setRun: (run) => {
    set({ run });
  },
  setError: (error) => {
    set({ error });
  },
  touch: () => {
    set((s) => ({ version: s.version + 1 }));
  },
}));
