/** User preferences that survive reloads (tiny, so localStorage rather than IndexedDB). */
import { type BackendPreference, isBackendPreference } from '../lib/tfjs/backendKinds';

/** Backend of the on-screen 3D view (see render/createRenderer.ts for why WebGL2 is the default). */
export type RendererPreference = 'webgl' | 'webgpu';

export interface Preferences {
  backend: BackendPreference;
  renderer: RendererPreference;
}

const KEY = 'gmf-workbench:preferences';
export const DEFAULT_PREFERENCES: Preferences = { backend: 'auto', renderer: 'webgl' };

/** localStorage where it exists (not in workers or Node). */
function defaultStorage(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

export function loadPreferences(storage: Pick<Storage, 'getItem'> | null = defaultStorage()): Preferences {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return DEFAULT_PREFERENCES;
    const { backend, renderer } = raw as Record<string, unknown>;
    return {
      backend: isBackendPreference(backend) ? backend : DEFAULT_PREFERENCES.backend,
      renderer: renderer === 'webgpu' ? 'webgpu' : DEFAULT_PREFERENCES.renderer,
    };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function savePreferences(prefs: Preferences, storage: Pick<Storage, 'setItem'> | null = defaultStorage()): void {
  storage?.setItem(KEY, JSON.stringify(prefs));
}
