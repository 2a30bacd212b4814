/** The analysis being computed (ids and progress only) and a version bumped when stored analyses change. */
import { create } from 'zustand';
import type { JobProgress } from '../lib/jobs/progress';

export interface ActiveAnalysis {
  id: string;
  name: string;
  progress: JobProgress | null;
  cancelling: boolean;
}

interface AnalysisStore {
  active: ActiveAnalysis | null;
  error: string | null;
  version: number;
  setActive: (active: ActiveAnalysis | null) => void;
  setError: (error: string | null) => void;
  touch: () => void;
}

export const useAnalysisStore = create<AnalysisStore>()((set) => ({
  active: null,
  error: null,
  version: 0,
  setActive: (active) => { set({ active }); },
  setError: (error) => { set({ error }); },
  touch: () => { set((s) => ({ version: s.version + 1 })); },
}));
