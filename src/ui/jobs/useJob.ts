import { useCallback, useEffect, useRef, useState } from 'react';
import { JobCancelledError } from '../../lib/errors';
import type { JobProgress } from '../../lib/jobs/progress';

export interface JobState<T> {
  running: boolean;
  progress: JobProgress | null;
  error: string | null;
  result: T | null;
}

/**
 * One cancellable job at a time for a component: runs `start(signal, onProgress)`, keeps its
 * progress, result or error message; a cancel is not an error. Unmounting cancels.
 */
export function useJob<T>(): {
  state: JobState<T>;
  run: (start: (signal: AbortSignal, onProgress: (p: JobProgress) => void) => Promise<T>) => Promise<T | null>;
  cancel: () => void;
} {
  const [state, setState] = useState<JobState<T>>({ running: false, progress: null, error: null, result: null });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async (start: (signal: AbortSignal, onProgress: (p: JobProgress) => void) => Promise<T>) => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setState({ running: true, progress: null, error: null, result: null });
    try {
      const result = await start(own.signal, (progress) => {
        setState((s) => ({ ...s, progress }));
      });
      setState({ running: false, progress: null, error: null, result });
      return result;
    } catch (error) {
      const cancelled = error instanceof JobCancelledError || own.signal.aborted;
      setState({
        running: false,
        progress: null,
        error: cancelled ? null : error instanceof Error ? error.message : String(error),
        result: null,
      });
      return null;
    } finally {
      if (controller.current === own) controller.current = null;
    }
  }, []);

  const cancel = useCallback(() => {
    controller.current?.abort();
  }, []);

  return { state, run, cancel };
}
