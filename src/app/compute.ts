/**
 * Which tfjs backend computes, decided in one place for the whole app: Settings' choice, or
 * for "automatic" the fastest of a probe training step measured once per browser (remembered
 * in localStorage). The status bar names it, and every training and analysis job is started
 * with it, so what the status bar says is what computes. Workers only obey (lib/tfjs/runtime).
 */
import { GmfError } from '../lib/errors';
import type { BackendPreference, TfjsBackendName } from '../lib/tfjs/backendKinds';
import { TFJS_BACKENDS } from '../lib/tfjs/backendKinds';
import type { BackendTiming } from '../lib/tfjs/fastestBackend';
import { computeJobs } from './workers/computeClient';
import { type BackendMeasurement, useWorkbenchStore } from './workbenchStore';

const MEASUREMENT_KEY = 'gmf-workbench:backend-measurement';

interface StoredMeasurement extends BackendMeasurement {
  backend: TfjsBackendName;
  /** Measured in this browser build; another one measures again. */
  agent: string;
}

const agent = (): string => (typeof navigator === 'undefined' ? 'node' : navigator.userAgent);
const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

function isTiming(value: unknown): value is BackendTiming {
  const t = value as Partial<BackendTiming> | null;
  return (
    (TFJS_BACKENDS as readonly unknown[]).includes(t?.backend) &&
    (t?.msPerStep === null || typeof t?.msPerStep === 'number')
  );
}

export function loadMeasurement(): StoredMeasurement | null {
  try {
    const raw = JSON.parse(storage()?.getItem(MEASUREMENT_KEY) ?? 'null') as Partial<StoredMeasurement> | null;
    if (!raw || raw.agent !== agent() || !(TFJS_BACKENDS as readonly unknown[]).includes(raw.backend)) return null;
    if (!Array.isArray(raw.timings) || !raw.timings.every(isTiming) || typeof raw.measuredAt !== 'number') return null;
    return raw as StoredMeasurement;
  } catch {
    return null;
  }
}

let measuring: Promise<StoredMeasurement> | null = null;

/** Times every backend in the compute worker, remembers the fastest and shows it. */
export function measureBackends(): Promise<StoredMeasurement> {
  measuring ??= (async () => {
    const { setCompute } = useWorkbenchStore.getState();
    setCompute({ state: 'measuring' });
    try {
      const { report, timings } = await computeJobs.run('measureBackends', {});
      const measurement: StoredMeasurement = {
        backend: report.backend,
        timings,
        measuredAt: Date.now(),
        agent: agent(),
      };
      storage()?.setItem(MEASUREMENT_KEY, JSON.stringify(measurement));
      if (useWorkbenchStore.getState().preferences.backend === 'auto')
        setCompute({ state: 'ready', report, measured: measurement });
      return measurement;
    } catch (error) {
      setCompute({
        state: 'failed',
        code: error instanceof GmfError ? error.code : 'BACKEND_FAILED',
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    } finally {
      measuring = null;
    }
  })();
  return measuring;
}

/** Shows the backend Settings' preference stands for (a stale answer for an older preference is dropped). */
export async function refreshComputeStatus(preference: BackendPreference): Promise<void> {
  const store = useWorkbenchStore.getState();
  const stillWanted = () => useWorkbenchStore.getState().preferences.backend === preference;
  const measurement = preference === 'auto' ? loadMeasurement() : null;
  if (preference === 'auto' && !measurement) {
    if (!measuring) store.setCompute({ state: 'unmeasured' });
    return;
  }
  store.setCompute({ state: 'starting' });
  try {
    const report = await computeJobs.run('initBackend', { preference: measurement?.backend ?? preference });
    if (stillWanted())
      useWorkbenchStore
        .getState()
        .setCompute({ state: 'ready', report, ...(measurement ? { measured: measurement } : {}) });
  } catch (error) {
    if (!stillWanted()) return;
    const code = error instanceof GmfError ? error.code : 'BACKEND_FAILED';
    useWorkbenchStore
      .getState()
      .setCompute({ state: 'failed', code, message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * The concrete backend a job runs on for `preference` (Settings' or a form's): the one the
 * status bar shows when that is Settings' choice (fallbacks included), a forced one as it is
 * (the worker refuses it with a clear message if it cannot start), automatic = measured fastest.
 */
export async function backendForJob(preference: BackendPreference): Promise<TfjsBackendName> {
  const { preferences, compute } = useWorkbenchStore.getState();
  if (preference === preferences.backend && compute.state === 'ready') return compute.report.backend;
  if (preference !== 'auto') return preference;
  return (loadMeasurement() ?? (await measureBackends())).backend;
}
