/**
 * One lifecycle for every long job: a record in IndexedDB says what the job is and its status;
 * start writes the record and runs the worker job; pause (and, where the kind has one, stop)
 * cancels it and records why; a failure records its message; after a reload the record still
 * says "running", and `resumeInterrupted` continues it from what was stored. The worker job
 * itself resumes from its stored state (identities, checkpoints, analysis stages).
 *
 * Across tabs, exactly one owns a job: it holds the job's lock (and its kind's) for the whole run,
 * so a "running" record whose lock is held runs in another tab, and one whose lock is free was
 * interrupted. The owner announces the job over the jobs channel; the other tabs show it, send
 * Pause/Stop there, and take it over once the owner's tab closes. A delete cancels the job
 * wherever it runs and waits for its lock before deleting, so nothing it writes comes back.
 */
import { GmfError, JobCancelledError } from '../../lib/errors';
import type { JobProgress } from '../../lib/jobs/progress';
import type { RecordStore, WorkbenchDb } from '../../lib/storage';
import { deleteStoredItem, getRecord, putRecord } from '../../lib/storage';
import { browserJobChannel, type JobChannel } from './jobChannel';
import { browserLocks, isLockWaitAborted, type JobLocks, withKindLock } from './jobLock';
import { type ActiveJob, type JobKind, type JobsStore, useJobsStore } from './jobsStore';
import { linkTabs } from './jobTabs';

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
  /** Which tab owns a job (default: the browser's Web Locks; tests share a fake between "tabs"). */
  locks?: JobLocks;
  /** Messages to and from the other tabs (default: this page's BroadcastChannel). */
  channel?: JobChannel;
  /** The store the UI reads (default: the page's). */
  jobsStore?: JobsStore;
  /** How long a delete waits for the job it cancelled to stop (default 20 s). */
  deleteWaitMs?: number;
}

export interface JobRunner<R extends JobRecord> {
  /** Stores `record` (with the running status) and runs it. Refused while another job of the kind runs, in any tab. */
  start: (record: R) => Promise<void>;
  /** Continues a paused, failed or interrupted job from what it stored. */
  resume: (id: string) => Promise<void>;
  /** Cancels the running job (here, or asks the tab that runs it); it keeps what it stored and can be resumed. */
  pause: () => void;
  /** Cancels the running job for good (kinds with a `stopped` status). */
  stop: () => void;
  /** After a reload: continue the job whose record still says running, unless another tab runs it. */
  resumeInterrupted: () => Promise<void>;
  /**
   * Deletes the record and everything it owns; a job running it (here or in another tab) is
   * cancelled first and the delete waits until it has stopped. Resolves false if there was no such item.
   */
  remove: (id: string) => Promise<boolean>;
  /** Every stored record of this kind, newest first. */
  list: () => Promise<R[]>;
}

const KIND_NAMES: Record<JobKind, string> = {
  generate: 'dataset generation',
  train: 'training run',
  analyze: 'analysis',
};

export class JobBusyError extends GmfError {
  constructor(what: string, elsewhere = false) {
    super(
      'JOB_BUSY',
      elsewhere
        ? `${what} is running in another tab of this browser; wait for it, or pause it there.`
        : `${what} is still running; wait for it, or pause it first.`,
    );
  }
}

/** A tab taking over a job waits this long for the kind's lock, which a closing tab lets go of with the job's. */
const KIND_LOCK_WAIT_MS = 2_000;

export function createJobRunner<R extends JobRecord>(def: JobDefinition<R>, deps: JobRunnerDeps): JobRunner<R> {
  const { kind } = def;
  const store = (deps.jobsStore ?? useJobsStore).getState;
  const locks = deps.locks ?? browserLocks();
  const channel = deps.channel ?? browserJobChannel();
  const stallAfterMs = deps.stallAfterMs ?? 90_000;
  const deleteWaitMs = deps.deleteWaitMs ?? 20_000;
  let controller: AbortController | null = null;
  let runningId: string | null = null;
  // An object, so reads after awaits are not narrowed to the value set before them.
  const intent: { why: 'paused' | 'stopped'; deleted: boolean } = { why: 'paused', deleted: false };
  const intended = (): 'paused' | 'stopped' => intent.why;
  const deletedMeanwhile = (): boolean => intent.deleted;
  const tabs = linkTabs({
    kind,
    store,
    channel,
    locks,
    running: () => runningId,
    cancel: (why, deleted) => {
      cancel(why, deleted);
    },
    takeOver: (id) => takeOver(id, KIND_LOCK_WAIT_MS),
  });

  const busy = (active: ActiveJob): JobBusyError => new JobBusyError(`'${active.name}'`, active.elsewhere === true);
  const patch = (changes: Partial<ActiveJob>): void => {
    store().patchActive(kind, changes);
    tabs.announce.soon();
  };
  /** Runs `body` owning job `id`: its lock, then its kind's (never waiting); false when another tab holds either. */
  const owning = (id: string, body: () => Promise<void>): Promise<boolean> =>
    tabs.withJobLock(id, { ifAvailable: true }, async (held) => held && withKindLock(locks, kind, 0, body));
  const changed = (): void => {
    store().touch(kind);
    tabs.post({ type: 'changed', kind });
  };

  async function setStatus(id: string, status: R['status'], error?: string): Promise<void> {
    const db = await deps.db();
    // A record deleted meanwhile stays deleted: a status is never written without it.
    const record = await getRecord(db, def.store, id);
    if (!def.isRecord(record)) return;
    const updated: R = { ...record, status };
    if (error === undefined) delete updated.error;
    else updated.error = error;
    await putRecord(db, def.store, updated);
  }

  async function run(record: R, resumed: boolean): Promise<void> {
    const active = store().active[kind];
    // Shown as another tab's before this one took the job over: that is stale now.
    if (active && !(active.elsewhere && active.id === record.id)) throw busy(active);
    const own = new AbortController();
    controller = own;
    runningId = record.id;
    intent.why = 'paused';
    intent.deleted = false;
    store().setError(kind, null);
    store().setActive(kind, {
      id: record.id,
      name: record.name,
      state: 'starting',
      progress: null,
      resumed,
      stalled: null,
    });
    tabs.announce.soon();
    changed();
    def.onStart?.(record);
    // A watchdog: silence from the worker is shown, never waited out without a word.
    let lastHeard = Date.now();
    const heard = () => {
      lastHeard = Date.now();
      if (store().active[kind]?.stalled) patch({ stalled: null });
    };
    const watchdog = setInterval(
      () => {
        const silent = Date.now() - lastHeard;
        if (silent >= stallAfterMs && !own.signal.aborted) {
          patch({
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
          if (current?.state === 'starting') patch({ state: 'running', progress });
          else patch({ progress });
        },
        onEvent: (event) => {
          heard();
          if (store().active[kind]?.state === 'starting') patch({ state: 'running' });
          def.onEvent?.(event);
        },
      });
    } catch (error) {
      if (deletedMeanwhile()) {
        // Its record is deleted once this tab lets go of the job: no status to write.
        store().setError(kind, `'${record.name}' was deleted while it ran; its job stopped and wrote nothing more.`);
      } else if (error instanceof JobCancelledError || own.signal.aborted) {
        const why = intended();
        const status = why === 'stopped' && def.statuses.stopped ? def.statuses.stopped : def.statuses.paused;
        await setStatus(record.id, status);
        if (why === 'stopped') await def.afterStop?.(record).catch(() => undefined);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        store().setError(kind, message);
        // Kinds without a failed status keep "running" but record the error: another tab then
        // knows the job failed (not interrupted) and does not take it over.
        await setStatus(record.id, def.statuses.failed ?? def.statuses.running, message);
      }
    } finally {
      clearInterval(watchdog);
      tabs.announce.cancel();
      if (controller === own) {
        controller = null;
        runningId = null;
      }
      store().setActive(kind, null);
      tabs.post({ type: 'ended', kind, id: record.id });
      changed();
      deps.onStored?.();
    }
  }

  function cancel(why: 'paused' | 'stopped', deleted = false): void {
    if (!controller) return;
    intent.why = why;
    intent.deleted = deleted;
    patch({ state: why === 'stopped' ? 'stopping' : 'pausing' });
    controller.abort(new JobCancelledError(`'${store().active[kind]?.name ?? kind}' was ${why}.`));
  }

  /** Pause or stop: here, or asked of the tab that runs the job. */
  function cancelAnywhere(why: 'paused' | 'stopped'): void {
    const active = store().active[kind];
    if (!active?.elsewhere) {
      cancel(why);
      return;
    }
    tabs.post({ type: 'request', kind, id: active.id, action: why === 'stopped' ? 'stop' : 'pause' });
    store().patchActive(kind, { state: why === 'stopped' ? 'stopping' : 'pausing' });
  }

  /** Takes over `record` if it still says running and no job of the kind runs here; resolves when it ends. */
  async function takeOver(id: string, kindWaitMs: number): Promise<void> {
    const active = store().active[kind];
    if (tabs.doomed.has(id) || (active && !(active.elsewhere && active.id === id))) return;
    const record = await getRecord(await deps.db(), def.store, id);
    // Paused, stopped, complete, deleted, or failed in its tab (error recorded): not interrupted.
    if (!def.isRecord(record) || record.status !== def.statuses.running || record.error !== undefined) return;
    await withKindLock(locks, kind, kindWaitMs, () => run(record, true));
  }

  return {
    async start(record) {
      const active = store().active[kind];
      if (active) throw busy(active);
      const owned = await owning(record.id, async () => {
        const stored: R = { ...record, status: def.statuses.running };
        await putRecord(await deps.db(), def.store, stored);
        await run(stored, false);
      });
      if (!owned) throw new JobBusyError(`Another ${KIND_NAMES[kind]}`, true);
    },
    async resume(id) {
      const active = store().active[kind];
      if (active) throw busy(active);
      const owned = await owning(id, async () => {
        const record = await getRecord(await deps.db(), def.store, id);
        if (!def.isRecord(record))
          throw new GmfError('JOB_MISSING', `There is no stored ${kind} job '${id}' to resume.`);
        await setStatus(id, def.statuses.running);
        await run({ ...record, status: def.statuses.running }, true);
      });
      if (!owned) throw new JobBusyError(`Another ${KIND_NAMES[kind]}`, true);
    },
    pause: () => {
      cancelAnywhere('paused');
    },
    stop: () => {
      cancelAnywhere(def.statuses.stopped ? 'stopped' : 'paused');
    },
    async resumeInterrupted() {
      const records = (await (await deps.db()).getAll(def.store)).filter(def.isRecord);
      for (const record of records.filter((r) => r.status === def.statuses.running)) {
        if (store().active[kind] && !store().active[kind]?.elsewhere) return;
        // Its lock held: it is not interrupted but runs in another tab, shown here until it ends.
        const free = await tabs.withJobLock(record.id, { ifAvailable: true }, async (held) => {
          if (held) await takeOver(record.id, 0);
          return held;
        });
        if (!free) {
          const { id, name } = record;
          tabs.showElsewhere({ id, name, state: 'running', progress: null, resumed: true, stalled: null });
          tabs.post({ type: 'hello', kind });
        }
      }
    },
    async remove(id) {
      const record = await getRecord(await deps.db(), def.store, id);
      const active = store().active[kind];
      const elsewhere = active?.id === id && active.elsewhere === true;
      tabs.doomed.add(id);
      if (runningId === id) cancel('paused', true);
      else tabs.post({ type: 'request', kind, id, action: 'delete' });
      if (elsewhere) store().patchActive(kind, { state: 'stopping' });
      try {
        const existed = await tabs.withJobLock(id, { signal: AbortSignal.timeout(deleteWaitMs) }, async () =>
          deleteStoredItem(await deps.db(), def.store, id),
        );
        changed();
        deps.onStored?.();
        return existed;
      } catch (error) {
        tabs.doomed.delete(id);
        if (!isLockWaitAborted(error)) throw error;
        const name = record?.name ?? id;
        throw new GmfError(
          'JOB_WONT_STOP',
          `'${name}' is still running${elsewhere ? ' in another tab' : ''} and did not stop within ${Math.round(deleteWaitMs / 1000)} s, so it was not deleted. Pause it${elsewhere ? ' there (or close that tab)' : ''}, then delete it again.`,
        );
      }
    },
    async list() {
      const records = (await (await deps.db()).getAll(def.store)).filter(def.isRecord);
      return records.sort((a, b) => b.createdAt - a.createdAt);
    },
  };
}
