import { useCallback, useSyncExternalStore } from 'react';
import { hashForTab, type TabId, tabFromHash } from './routing';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

/** The active tab, read from and written to the URL hash, so tabs are linkable and survive reload. */
export function useHashRoute(): [TabId, (tab: TabId) => void] {
  const tab = useSyncExternalStore(subscribe, () => tabFromHash(window.location.hash));
  const navigate = useCallback((next: TabId) => {
    // Compare the literal hash: '' also shows Explore, yet should become #/explore.
    if (window.location.hash !== hashForTab(next)) window.location.hash = hashForTab(next);
  }, []);
  return [tab, navigate];
}
