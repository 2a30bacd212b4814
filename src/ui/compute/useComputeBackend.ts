import { useEffect } from 'react';
import { refreshComputeStatus } from '../../app/compute';
import { useWorkbenchStore } from '../../app/workbenchStore';

/** Shows the compute backend Settings' preference stands for, again whenever it changes. */
export function useComputeBackend(): void {
  const preference = useWorkbenchStore((s) => s.preferences.backend);
  useEffect(() => {
    void refreshComputeStatus(preference);
  }, [preference]);
}
