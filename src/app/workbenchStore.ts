/**
 * The one zustand store: ids, statuses, summaries and preferences — never big arrays.
 * Components select the smallest slice they need.
 */
import { create } from 'zustand';
import type { BackendReport } from '../lib/tfjs/backendKinds';
import type { BackendTiming } from '../lib/tfjs/fastestBackend';
import { loadPreferences, type Preferences, savePreferences } from './preferences';

export type RendererBackend = 'WebGPU' | 'WebGL2';

/** A probe training step timed on every backend, once per browser (see app/compute.ts). */
export interface BackendMeasurement {
  timings: BackendTiming[];
  measuredAt: number;
}

export type ComputeStatus =
  | { state: 'starting' }
  /** "Automatic" before its first measurement: the first job (or Settings) measures. */
  | { state: 'unmeasured' }
  | { state: 'measuring' }
  /** `measured` when the backend is automatic: what the choice rests on. */
  | { state: 'ready'; report: BackendReport; measured?: BackendMeasurement }
  | { state: 'failed'; code: string; message: string };

export type RendererStatus =
  | { state: 'starting' }
  | { state: 'ready'; backend: RendererBackend; note: string }
  | { state: 'failed'; message: string };

export interface StorageSummary {
  usage: number | undefined;
  quota: number | undefined;
  persisted: boolean | undefined;
}

interface WorkbenchState {
  preferences: Preferences;
  compute: ComputeStatus;
  renderer: RendererStatus;
  storage: StorageSummary | null;
  setPreferences: (patch: Partial<Preferences>) => void;
  setCompute: (status: ComputeStatus) => void;
  setRenderer: (status: RendererStatus) => void;
  setStorage: (summary: StorageSummary) => void;
}

export const useWorkbenchStore = create<WorkbenchState>()((set, get) => ({
  preferences: loadPreferences(),
  compute: { state: 'starting' },
  renderer: { state: 'starting' },
  storage: null,
  setPreferences: (patch) => {
    const preferences = { ...get().preferences, ...patch };
    savePreferences(preferences);
    set({ preferences });
  },
  setCompute: (compute) => {
    set({ compute });
  },
  setRenderer: (renderer) => {
    set({ renderer });
  },
  setStorage: (storage) => {
    set({ storage });
  },
}));
