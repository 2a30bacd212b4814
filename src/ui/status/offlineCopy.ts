/**
 * The app's offline copy (a Workbox service worker built by vite-plugin-pwa, see vite.config.ts)
 * and the browser's network state, as small stores the status bar reads.
 *
 * The service worker precaches every file of the build (chunks, workers, wasm, the face model), so
 * after one visit a reload and every job work with the network off. It is registered by the
 * production build only: the dev server serves modules that change on every edit.
 */
import { useSyncExternalStore } from 'react';

export type OfflineCopyState =
  | { state: 'dev' }
  | { state: 'unsupported' }
  | { state: 'saving' }
  | { state: 'ready'; updateWaiting: boolean }
  | { state: 'failed'; message: string };

let current: OfflineCopyState = import.meta.env.PROD ? { state: 'saving' } : { state: 'dev' };
const listeners = new Set<() => void>();
const set = (next: OfflineCopyState) => {
  current = next;
  for (const l of listeners) l();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** Registers the service worker (production build only); its progress goes to the status bar. */
export function registerOfflineCopy(): void {
  if (!import.meta.env.PROD) return;
  if (!('serviceWorker' in navigator)) {
    set({ state: 'unsupported' });
    return;
  }
  const base = import.meta.env.BASE_URL;
  navigator.serviceWorker
    .register(`${base}sw.js`, { scope: base })
    .then(async (registration: ServiceWorkerRegistration | undefined) => {
      // Some embedders (and test harnesses) stub register() to do nothing.
      if (!registration) {
        set({ state: 'failed', message: 'service workers are blocked in this browser' });
        return;
      }
      const update = () => {
        if (!registration.active) return;
        set({
          state: 'ready',
          updateWaiting: registration.waiting !== null && navigator.serviceWorker.controller !== null,
        });
      };
      // A worker that cannot store every file (a full disk, a file missing on the server) is
      // discarded by the browser ("redundant"): say so rather than "saving…" for ever.
      const watch = (worker: ServiceWorker | null) => {
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'redundant' && !registration.active)
            set({ state: 'failed', message: 'storing the app failed (is the browser storage full?)' });
          else update();
        });
      };
      watch(registration.installing);
      registration.addEventListener('updatefound', () => {
        watch(registration.installing);
      });
      // Resolves once a worker is active, i.e. every precached file is stored.
      await navigator.serviceWorker.ready;
      update();
    })
    .catch((e: unknown) => {
      set({ state: 'failed', message: e instanceof Error ? e.message : String(e) });
    });
}

export const useOfflineCopy = (): OfflineCopyState => useSyncExternalStore(subscribe, () => current);

const subscribeOnline = (listener: () => void) => {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
};

/** navigator.onLine, kept current by the online/offline events. */
export const useOnline = (): boolean => useSyncExternalStore(subscribeOnline, () => navigator.onLine);
