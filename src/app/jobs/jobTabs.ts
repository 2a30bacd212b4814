/**
 * A runner's link to the other tabs of this browser: it shows the job another tab runs (from that
 * tab's messages) as this kind's active job, forwards Pause/Stop/delete requests between tabs, and
 * waits for the lock of a job another tab runs, so that if that tab closes (the browser releases
 * its locks) this one takes the interrupted job over.
 */
import { type JobChannel, type JobChannelMessage, throttled } from './jobChannel';
import { jobLockName, type JobLocks } from './jobLock';
import type { ActiveJob, JobKind, JobsStore } from './jobsStore';

/** Progress is sent to the other tabs at most this often (4 messages a second). */
const ANNOUNCE_EVERY_MS = 250;

export interface TabLinkDeps {
  kind: JobKind;
  store: JobsStore['getState'];
  channel: JobChannel;
  locks: JobLocks;
  /** The id of the job this tab runs, or null. */
  running: () => string | null;
  /** Cancels this tab's job (`deleted`: it is about to be deleted). */
  cancel: (why: 'paused' | 'stopped', deleted: boolean) => void;
  /** Called holding the lock of job `id` once its owner let go: continues it if it was interrupted. */
  takeOver: (id: string) => Promise<void>;
}

export interface TabLink {
  /** Sends this tab's active job to the others (throttled); `cancel` drops a pending send. */
  announce: { soon: () => void; cancel: () => void };
  post: (message: JobChannelMessage) => void;
  /** Shows `job`, run by another tab, here, and takes it over if that tab closes. */
  showElsewhere: (job: ActiveJob) => void;
  /** Jobs being deleted (asked here or in another tab): never taken over. */
  doomed: Set<string>;
  /**
   * Runs `body` holding the lock of job `id` (`held` false: not granted, with `ifAvailable`);
   * while held, messages about the job from other tabs are stale and ignored.
   */
  withJobLock: <T>(
    id: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    body: (held: boolean) => Promise<T>,
  ) => Promise<T>;
}

export function linkTabs(deps: TabLinkDeps): TabLink {
  const { kind, store, channel, locks } = deps;
  const doomed = new Set<string>();
  const watched = new Set<string>();
  /** Job locks this tab holds: a lock this tab holds is not "held by another tab". */
  const holding = new Set<string>();

  function withJobLock<T>(
    id: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    body: (held: boolean) => Promise<T>,
  ): Promise<T> {
    return locks.request(jobLockName(id), options, async (lock) => {
      if (!lock) return body(false);
      holding.add(id);
      try {
        return await body(true);
      } finally {
        holding.delete(id);
      }
    });
  }
  const announce = throttled(() => {
    const active = store().active[kind];
    if (active && !active.elsewhere) channel.post({ type: 'active', kind, job: active });
  }, ANNOUNCE_EVERY_MS);

  function clearElsewhere(id: string): void {
    const active = store().active[kind];
    if (active?.elsewhere && active.id === id) store().setActive(kind, null);
  }

  /** Waits for the lock of job `id`: granted once its tab ends the job, or closes. */
  function watch(id: string): void {
    if (watched.has(id)) return;
    watched.add(id);
    void withJobLock(id, {}, async () => {
      watched.delete(id);
      clearElsewhere(id);
      store().touch(kind);
      if (!doomed.has(id)) await deps.takeOver(id);
      // A job's own failure is recorded by its runner; a refused take-over leaves it listed as interrupted.
    }).catch(() => undefined);
  }

  function showElsewhere(job: ActiveJob): void {
    if (deps.running() !== null || holding.has(job.id)) return;
    store().setActive(kind, { ...job, elsewhere: true });
    watch(job.id);
  }

  channel.subscribe((message) => {
    if (message.kind !== kind) return;
    switch (message.type) {
      case 'active':
        showElsewhere(message.job);
        return;
      case 'ended':
        clearElsewhere(message.id);
        return;
      case 'hello':
        if (deps.running() !== null) announce.soon();
        return;
      case 'request':
        if (message.action === 'delete') doomed.add(message.id);
        if (deps.running() === message.id)
          deps.cancel(message.action === 'stop' ? 'stopped' : 'paused', message.action === 'delete');
        return;
      case 'changed':
        store().touch(kind);
        return;
    }
  });
  // A new tab: whoever runs a job of this kind says so.
  channel.post({ type: 'hello', kind });

  return { announce, post: channel.post, showElsewhere, doomed, withJobLock };
}
