import { useEffect } from 'react';
import { GmfError } from '../../lib/errors';
import { useWorkbenchStore } from '../../app/workbenchStore';
import { computeJobs } from '../../app/workers/computeClient';

/** (Re)initialises the compute worker's tfjs backend whenever the preference changes. */
export function useComputeBackend(): void {
  const preference = useWorkbenchStore((s) => s.preferences.backend);
  const setCompute = useWorkbenchStore((s) => s.setCompute);

  useEffect(() => {
    // Backend start-up is short and not interruptible, so a superseded run is ignored, not cancelled.
    let current = true;
    setCompute({ state: 'starting' });
    computeJobs
      .run('initBackend', { preference })
      .then((report) => {
        if (current) setCompute({ state: 'ready', report });
      })
      .catch((error: unknown) => {
        if (!current) return;
        const code = error instanceof GmfError ? error.code : 'BACKEND_FAILED';
        setCompute({ state: 'failed', code, message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      current = false;
    };
  }, [preference, setCompute]);
}
