import { useEffect, useRef, useState } from 'react';
import { workbenchDb } from '../../../app/db';
import type { JobProgress } from '../../../lib/jobs/progress';
import type { WorkbenchDb } from '../../../lib/storage';

export interface Reproduction<T> {
  /** The stored result of this analysis (null while none or loading). */
  record: T | null;
  running: boolean;
  progress: JobProgress | null;
  error: string | null;
  /** Runs `task` (cancelled by `cancel` or unmount); its result becomes the record, its error the message. */
  start: (task: (signal: AbortSignal, onProgress: (p: JobProgress | null) => void) => Promise<T>) => Promise<void>;
  cancel: () => void;
  /** Shows an error of the panel's own (e.g. a download that failed). */
  reportError: (e: unknown) => void;
}

/**
 * A reproduction's stored result for `analysisId` and one run at a time of the job that
 * (re)computes it. The record is keyed by analysis, so another analysis' result never shows while
 * this one's loads; a cancelled run says nothing.
 */
export function useReproduction<T>(
  analysisId: string,
  load: (db: WorkbenchDb, analysisId: string) => Promise<T | null>,
): Reproduction<T> {
  const [stored, setStored] = useState<{ id: string; record: T | null } | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    let live = true;
    workbenchDb()
      .then((db) => load(db, analysisId))
      .then((found) => {
        if (live) setStored({ id: analysisId, record: found });
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
      abort.current?.abort();
    };
  }, [analysisId, load]);
  return {
    record: stored?.id === analysisId ? stored.record : null,
    running,
    progress,
    error,
    start: async (task) => {
      const controller = new AbortController();
      abort.current = controller;
      setRunning(true);
      setError(null);
      setProgress(null);
      try {
        const result = await task(controller.signal, setProgress);
        setStored({ id: analysisId, record: result });
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      } finally {
        setRunning(false);
      }
    },
    cancel: () => {
      abort.current?.abort();
    },
    reportError: (e) => {
      setError(e instanceof Error ? e.message : String(e));
    },
  };
}
