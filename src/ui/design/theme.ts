/**
 * The Settings theme on <html data-theme>: tokens.css reads it ('system' removes it, so the
 * system's light or dark scheme applies). Applied before the first render, so no flash.
 */
import type { ThemePreference } from '../../app/preferences';
import { useWorkbenchStore } from '../../app/workbenchStore';

function apply(theme: ThemePreference): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Applies the stored theme now and whenever Settings changes it; returns the unsubscribe. */
export function followThemePreference(): () => void {
  apply(useWorkbenchStore.getState().preferences.theme);
  return useWorkbenchStore.subscribe((state, previous) => {
    if (state.preferences.theme !== previous.preferences.theme) apply(state.preferences.theme);
  });
}
