/**
 * The long jobs the app runs (generate a dataset, train a run, analyse a run): one active job
 * per kind with its progress, the last error per kind, and a version per kind bumped whenever
 * that kind's stored records change, so lists re-read them. Ids and progress only.
 */
import { create } from 'zustand';
import type { JobProgress } from '../../lib/jobs/progress';

export type JobKind = 'generate' | 'train' | 'analyze';
export const JOB_KINDS: readonly JobKind[] = ['generate', 'train', 'analyze'];

export interface ActiveJob {
  /** The id of the job's record (dataset, run or analysis). */
  id: string;
  name: string;
  state: 'starting' | 'running' | 'pausing' | 'stopping';
  progress: JobProgress | null;
  /** Continued from stored work (after a pause or a reload). */
  resumed: boolean;
  /** Set while the worker has reported nothing for a long time: what the user should know. */
  stalled: string | null;
}

interface JobsState {
  active: Record<JobKind, ActiveJob | null>;
  error: Record<JobKind, string | null>;
  version: Record<JobKind, number>;
  setActive: (kind: JobKind, active: ActiveJob | null) => void;
  patchActive: (kind: JobKind, patch: Partial<ActiveJob>) => void;
  setError: (kind: JobKind, error: string | null) => void;
  /** Stored records of `kind` changed. */
  touch: (kind: JobKind) => void;
}

const perKind = <T>(value: T): Record<JobKind, T> => ({ generate: value, train: value, analyze: value });

export const useJobsStore = create<JobsState>()((set) => ({
  active: perKind(null),
  error: perKind(null),
  version: perKind(0),
  setActive: (kind, active) => {
    set((s) => ({ active: { ...s.active, [kind]: active } }));
  },
  patchActive: (kind, patch) => {
    set((s) => {
      const current = s.active[kind];
      return current ? { active: { ...s.active, [kind]: { ...current, ...patch } } } : {};
    });
  },
  setError: (kind, error) => {
    set((s) => ({ error: { ...s.error, [kind]: error } }));
  },
  touch: (kind) => {
    set((s) => ({ version: { ...s.version, [kind]: s.version[kind] + 1 } }));
  },
}));
