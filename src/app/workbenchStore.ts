/**
 * The one zustand store: ids, statuses, summaries and preferences — never big arrays.
 * Components select the smallest slice they need.
 */
import { create } from 'zustand';
import type { BackendReport } from '../lib/tfjs/backendKinds';
import { loadPreferences, type Preferences, savePreferences } from './preferences';

export type RendererBackend = 'WebGPU' | 'WebGL2';

export type ComputeStatus =
  | { state: 'starting' }
  | { state: 'ready'; report: BackendReport }
  | { state: 'failed'; code: string; message: string };

export type RendererStatus = { state: 'starting' } | { state: 'ready'; backend: RendererBackend; note: string } | { state: 'failed'; message: string };

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
