/**
 * One lifecycle for every long job: a record in IndexedDB says what the job is and its status;
 * start writes the record and runs the worker job; pause (and, where the kind has one, stop)
 * cancels it and records why; a failure records its message; after a reload the record still
 * says "running", and `resumeInterrupted` continues it from what was stored. The worker job
 * itself resumes from its stored state (identities, checkpoints, analysis stages).
 */
import { GmfError, JobCancelledError } from '../../lib/errors';
import type { JobProgress } from '../../lib/jobs/progress';
import type { RecordStore, WorkbenchDb } from '../../lib/storage';
import { getRecord, putRecord } from '../../lib/storage';
import { type JobKind, useJobsStore } from './jobsStore';

export interface JobRecord {
  id: string;
  name: string;
  createdAt: number;
  status: string;
  error?: string;
}

export interface JobStatuses<S extends string> {
  running: S;
  paused: S;
  /** Where failures go; null keeps the running status, so the next start resumes the job. */
  failed: S | null;
  /** Kinds that can be stopped for good (training: the weights so far become the model). */
  stopped?: S;
}

export interface JobExecution {
  signal: AbortSignal;
  onProgress: (progress: JobProgress) => void;
  onEvent: (event: unknown) => void;
}

export interface JobDefinition<R extends JobRecord> {
  kind: JobKind;
  store: Extract<RecordStore, 'datasets' | 'runs' | 'results'>;
  isRecord: (value: unknown) => value is R;
  statuses: JobStatuses<R['status']>;
  /** Runs the worker job for `record` to its end (resolves) or cancellation/failure (rejects). */
  execute: (record: R, execution: JobExecution) => Promise<void>;
  /** After a stop: e.g. the stopped run's checkpoint becomes its model. */
  afterStop?: (record: R) => Promise<void>;
  /** Called when the job starts (after its record is stored) and after each event; kind-specific live state. */
  onStart?: (record: R) => void;
  onEvent?: (event: unknown) => void;
}

export interface JobRunnerDeps {
  db: () => Promise<WorkbenchDb>;
  /** Called whenever stored records may have changed (storage summary, lists). */
  onStored?: () => void;
  /** No progress or event for this long marks the job stalled (default 90 s). */
  stallAfterMs?: number;
}

export interface JobRunner<R extends JobRecord> {
  /** Stores `record` (with the running status) and runs it. Refused while another job of the kind runs. */
  start: (record: R) => Promise<void>;
  /** Continues a paused, failed or interrupted job from what it stored. */
  resume: (id: string) => Promise<void>;
  /** Cancels the running job; it keeps what it stored and can be resumed. */
  pause: () => void;
  /** Cancels the running job for good (kinds with a `stopped` status). */
  stop: () => void;
  /** After a reload: continue the job whose record still says running. */
  resumeInterrupted: () => Promise<void>;
  /** Every stored record of this kind, newest first. */
  list: () => Promise<R[]>;
}

export class JobBusyError extends GmfError {
  constructor(what: string) {
    super('JOB_BUSY', `${what} is still running; wait for it, or pause it first.`);
  }
}

export function createJobRunner<R extends JobRecord>(def: JobDefinition<R>, deps: JobRunnerDeps): JobRunner<R> {
  const { kind } = def;
  const store = useJobsStore.getState;
  const stallAfterMs = deps.stallAfterMs ?? 90_000;
  let controller: AbortController | null = null;
  // An object, so reads after awaits are not narrowed to the value set before them.
  const intent: { why: 'paused' | 'stopped' } = { why: 'paused' };
  const intended = (): 'paused' | 'stopped' => intent.why;

  async function setStatus(id: string, status: R['status'], error?: string): Promise<void> {
    const db = await deps.db();
    const record = await getRecord(db, def.store, id);
    if (!def.isRecord(record)) return;
    const updated: R = { ...record, status };
    if (error === undefined) delete updated.error;
    else updated.error = error;
    await putRecord(db, def.store, updated);
  }

  async function run(record: R, resumed: boolean): Promise<void> {
    const active = store().active[kind];
    if (active) throw new JobBusyError(`'${active.name}'`);
    const own = new AbortController();
    controller = own;
    intent.why = 'paused';
    store().setError(kind, null);
    store().setActive(kind, {
      id: record.id,
      name: record.name,
      state: 'starting',
      progress: null,
      resumed,
      stalled: null,
    });
    store().touch(kind);
    def.onStart?.(record);
    // A watchdog: silence from the worker is shown, never waited out without a word.
    let lastHeard = Date.now();
    const heard = () => {
      lastHeard = Date.now();
      if (store().active[kind]?.stalled) store().patchActive(kind, { stalled: null });
    };
    const watchdog = setInterval(
      () => {
        const silent = Date.now() - lastHeard;
        if (silent >= stallAfterMs && !own.signal.aborted) {
          store().patchActive(kind, {
            stalled: `No progress from the worker for ${Math.round(silent / 1000)} s: the machine may be busy, or the job stuck. Pausing keeps what is stored.`,
          });
        }
      },
      Math.min(stallAfterMs, 5_000),
    );
    try {
      await def.execute(record, {
        signal: own.signal,
        onProgress: (progress) => {
          heard();
          const current = store().active[kind];
          if (current?.state === 'starting') store().patchActive(kind, { state: 'running', progress });
          else store().patchActive(kind, { progress });
        },
        onEvent: (event) => {
          heard();
          if (store().active[kind]?.state === 'starting') store().patchActive(kind, { state: 'running' });
          def.onEvent?.(event);
        },
      });
    } catch (error) {
      if (error instanceof JobCancelledError || own.signal.aborted) {
        const why = intended();
        const status = why === 'stopped' && def.statuses.stopped ? def.statuses.stopped : def.statuses.paused;
        await setStatus(record.id, status);
        if (why === 'stopped') await def.afterStop?.(record).catch(() => undefined);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        store().setError(kind, message);
        if (def.statuses.failed !== null) await setStatus(record.id, def.statuses.failed, message);
      }
    } finally {
      clearInterval(watchdog);
      if (controller === own) controller = null;
      store().setActive(kind, null);
      store().touch(kind);
      deps.onStored?.();
    }
  }

  function cancel(why: 'paused' | 'stopped'): void {
    if (!controller) return;
    intent.why = why;
    store().patchActive(kind, { state: why === 'stopped' ? 'stopping' : 'pausing' });
    controller.abort(new JobCancelledError(`'${store().active[kind]?.name ?? kind}' was ${why}.`));
  }

  return {
    async start(record) {
      const active = store().active[kind];
      if (active) throw new JobBusyError(`'${active.name}'`);
      const stored: R = { ...record, status: def.statuses.running };
      await putRecord(await deps.db(), def.store, stored);
      await run(stored, false);
    },
    async resume(id) {
      const record = await getRecord(await deps.db(), def.store, id);
      if (!def.isRecord(record)) throw new GmfError('JOB_MISSING', `There is no stored ${kind} job '${id}' to resume.`);
      await setStatus(id, def.statuses.running);
      await run({ ...record, status: def.statuses.running }, true);
    },
    pause: () => {
      cancel('paused');
    },
    stop: () => {
      cancel(def.statuses.stopped ? 'stopped' : 'paused');
    },
    async resumeInterrupted() {
      const records = (await (await deps.db()).getAll(def.store)).filter(def.isRecord);
      const interrupted = records.find((r) => r.status === def.statuses.running);
      if (interrupted && !store().active[kind]) await run(interrupted, true);
    },
    async list() {
      const records = (await (await deps.db()).getAll(def.store)).filter(def.isRecord);
      return records.sort((a, b) => b.createdAt - a.createdAt);
    },
  };
}
