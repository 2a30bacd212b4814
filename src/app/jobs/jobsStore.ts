/**
 * The long jobs the app runs (generate a dataset, train a run, analyse a run): one active job
 * per kind with its progress (run by this tab, or by another tab of this browser and shown here),
 * the last error per kind, and a version per kind bumped whenever that kind's stored records
 * change, so lists re-read them. Ids and progress only.
 */
import { create, type StateCreator } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
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
  /**
   * The job runs in another tab of this browser (which owns it): shown here from that tab's
   * messages; Pause/Stop are sent there.
   */
  elsewhere?: boolean;
}

export interface JobsState {
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

const jobsState: StateCreator<JobsState> = (set) => ({
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
});

/** The page's jobs store (what the UI shows). */
export const useJobsStore = create<JobsState>()(jobsState);

export type JobsStore = Pick<StoreApi<JobsState>, 'getState' | 'setState' | 'subscribe'>;

/** A separate store: tests give each simulated tab its own. */
export const createJobsStore = (): JobsStore => createStore<JobsState>()(jobsState);
