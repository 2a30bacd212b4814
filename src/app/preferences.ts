/** User preferences that survive reloads (tiny, so localStorage rather than IndexedDB). */
import { type BackendPreference, isBackendPreference } from '../lib/tfjs/backendKinds';

/** Backend of the on-screen 3D view (see render/createRenderer.ts for why WebGL2 is the default). */
export type RendererPreference = 'webgl' | 'webgpu';

/** Colour theme: the system's (light or dark as the OS says), or one chosen in Settings. */
export type ThemePreference = 'system' | 'light' | 'dark';
export const THEMES: readonly ThemePreference[] = ['system', 'light', 'dark'];

export interface Preferences {
  backend: BackendPreference;
  renderer: RendererPreference;
  theme: ThemePreference;
}

const KEY = 'gmf-workbench:preferences';
export const DEFAULT_PREFERENCES: Preferences = { backend: 'auto', renderer: 'webgl', theme: 'system' };

/** localStorage where it exists (not in workers or Node). */
function defaultStorage(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

export function loadPreferences(storage: Pick<Storage, 'getItem'> | null = defaultStorage()): Preferences {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return DEFAULT_PREFERENCES;
    const { backend, renderer, theme } = raw as Record<string, unknown>;
    return {
      backend: isBackendPreference(backend) ? backend : DEFAULT_PREFERENCES.backend,
      renderer: renderer === 'webgpu' ? 'webgpu' : DEFAULT_PREFERENCES.renderer,
      theme: THEMES.find((t) => t === theme) ?? DEFAULT_PREFERENCES.theme,
    };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function savePreferences(prefs: Preferences, storage: Pick<Storage, 'setItem'> | null = defaultStorage()): void {
  storage?.setItem(KEY, JSON.stringify(prefs));
}
