/**
 * First load: the face model and the first Explore face come first. Work no one waits for at
 * startup (storing the offline copy, the compute worker's backend check) waits until the first
 * face has been drawn, so that on a machine with few cores it does not delay it
 * (tools/firstLoad.ts measured ~3 s of delay from the offline copy's 36 MB download alone).
 * Open unless the page said it expects a face (it opened on Explore); open after `maxWaitMs`
 * whatever happens (a failed model load never draws a face).
 */

/** The performance mark Explore's 3D view sets once it has drawn its first face. */
export const FIRST_FACE_MARK = 'gmf:first-face';

const MAX_WAIT_MS = 20_000;

let gate: Promise<void> = Promise.resolve();

const markSeen = (): boolean => performance.getEntriesByName(FIRST_FACE_MARK, 'mark').length > 0;

/** Says (with the mark) that the first face has been drawn: deferred work may start. */
export function markFirstFaceDrawn(): void {
  if (!markSeen()) performance.mark(FIRST_FACE_MARK);
}

/** Called at startup when the page opens on Explore: deferred work waits for its first face. */
export function expectFirstFace(maxWaitMs = MAX_WAIT_MS): void {
  if (typeof PerformanceObserver === 'undefined' || markSeen()) return;
  gate = new Promise<void>((resolve) => {
    const open = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(FIRST_FACE_MARK).length > 0) open();
    });
    observer.observe({ type: 'mark' });
    const timer = setTimeout(open, maxWaitMs);
  });
}

/** Resolves once work that would compete with the first face may start. */
export const afterFirstFace = (): Promise<void> => gate;
