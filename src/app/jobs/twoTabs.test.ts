// One owner per job across tabs, headless: each simulated tab has its own jobs store, its own
// client of one shared in-memory lock manager (the Web Locks rules; closing a client releases its
// locks as the browser does for a closed tab) and its own end of one in-memory BroadcastChannel.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep, until } from '../../../test/support/until';
import { GmfError } from '../../lib/errors';
import type { JobProgress } from '../../lib/jobs/progress';
import { getRecord, openWorkbenchDb, putRecord, type WorkbenchDb } from '../../lib/storage';
import { DEFAULT_GENERATOR_SPEC, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import { type DatasetRecord, isDatasetRecord } from '../../pipeline/dataset/records';
import { createLocalChannelHub, isJobChannelMessage, type JobChannelMessage } from './jobChannel';
import { createLocalLockManager } from './jobLock';
import { createJobRunner } from './jobRunner';
import { createJobsStore } from './jobsStore';

let db: WorkbenchDb;
beforeEach(async () => {
  db = await openWorkbenchDb({ name: 'tabs', factory: new IDBFactory() });
});
afterEach(() => {
  db.close();
});

const progress = (done: number): JobProgress => ({
  done,
  total: 4,
  rate: 2,
  etaSeconds: (4 - done) / 2,
  elapsedSeconds: 1,
});
const dataset = (id: string): DatasetRecord => ({
  id,
  name: `faces ${id}`,
  createdAt: Date.now(),
  spec: { ...(structuredClone(DEFAULT_GENERATOR_SPEC) as GeneratorSpec), name: `faces ${id}` },
  status: 'generating',
});

/** What one tab's worker does: reports progress, then waits for the test to finish it (or a cancel). */
interface FakeWorker {
  runs: number;
  /** Ignores cancellation (as a worker in the middle of an identity does) until finished. */
  stubborn: boolean;
  finish: (() => void) | null;
  /** Set before finishing: the worker fails with this message instead of completing. */
  failWith: string | null;
  report: ((p: JobProgress) => void) | null;
}

function world() {
  const locks = createLocalLockManager();
  const hub = createLocalChannelHub();
  function tab(options: { deleteWaitMs?: number } = {}) {
    const jobsStore = createJobsStore();
    const lockClient = locks.client();
    const channel = hub.open();
    const sent: JobChannelMessage[] = [];
    const worker: FakeWorker = { runs: 0, stubborn: false, finish: null, failWith: null, report: null };
    const runner = createJobRunner<DatasetRecord>(
      {
        kind: 'generate',
        store: 'datasets',
        isRecord: isDatasetRecord,
        statuses: { running: 'generating', paused: 'paused', failed: null },
        execute: async (record, { signal, onProgress }) => {
          worker.runs++;
          worker.report = onProgress;
          onProgress(progress(1));
          await new Promise<void>((resolve, reject) => {
            worker.finish = resolve;
            if (!worker.stubborn)
              signal.addEventListener('abort', () => {
                reject(signal.reason as Error);
              });
          });
          if (worker.failWith !== null) throw new GmfError('RENDER_FAILED', worker.failWith);
          // Like generateDataset's last write: the record, complete (it would recreate a deleted one).
          const complete: DatasetRecord = { ...record, status: 'complete' };
          await putRecord(db, 'datasets', complete);
          if (signal.aborted) throw signal.reason as Error;
        },
      },
      {
        db: () => Promise.resolve(db),
        locks: lockClient,
        channel: {
          post: (m) => {
            sent.push(m);
            channel.post(m);
          },
          subscribe: channel.subscribe,
        },
        jobsStore,
        deleteWaitMs: options.deleteWaitMs ?? 5000,
      },
    );
    const active = () => jobsStore.getState().active.generate;
    /** The tab closes (or reloads): the browser releases its locks, its messages stop; its job never continues. */
    const close = () => {
      lockClient.close();
      channel.close();
    };
    return { runner, store: jobsStore, active, worker, sent, close };
  }
  return { tab };
}

const status = async (id: string) => ((await getRecord(db, 'datasets', id)) as DatasetRecord | undefined)?.status;

describe('one owner per job across tabs', () => {
  it('exactly one tab runs a job; the other shows its progress and its Pause reaches the owner', async () => {
    const { tab } = world();
    const a = tab();
    const b = tab();
    const running = a.runner.start(dataset('d1'));
    await until(() => a.active()?.state === 'running');
    // B shows A's job with its progress, rate and ETA, marked as running elsewhere.
    await until(() => b.active()?.progress?.done === 1);
    expect(b.active()).toMatchObject({ id: 'd1', elsewhere: true, progress: { total: 4, rate: 2, etaSeconds: 1.5 } });
    a.worker.report?.(progress(3));
    await until(() => b.active()?.progress?.done === 3);
    // B neither starts another generation nor continues A's job (its lock is held: not interrupted).
    await expect(b.runner.start(dataset('d2'))).rejects.toThrow(
      "'faces d1' is running in another tab of this browser; wait for it, or pause it there.",
    );
    await b.runner.resumeInterrupted();
    expect(b.worker.runs).toBe(0);
    b.runner.pause();
    await running;
    expect(await status('d1')).toBe('paused');
    await until(() => b.active() === null);
    expect(a.worker.runs).toBe(1);
  });

  it('a tab opened later learns the running job from its owner', async () => {
    const { tab } = world();
    const a = tab();
    void a.runner.start(dataset('d1'));
    await until(() => a.active()?.state === 'running');
    const late = tab();
    await until(() => late.active()?.id === 'd1');
    expect(late.active()?.elsewhere).toBe(true);
    await late.runner.resumeInterrupted();
    expect(late.worker.runs).toBe(0);
  });

  it('progress reaches the other tabs at most a few times however often the worker reports', async () => {
    const { tab } = world();
    const a = tab();
    tab();
    void a.runner.start(dataset('d1'));
    await until(() => a.active()?.state === 'running');
    const before = a.sent.filter((m) => m.type === 'active').length;
    for (let i = 0; i < 100; i++) a.worker.report?.(progress(i % 4));
    await sleep(300);
    expect(a.sent.filter((m) => m.type === 'active').length - before).toBeLessThanOrEqual(2);
  });

  it('after its tab closes, an interrupted job is continued by exactly one of the other tabs', async () => {
    const { tab } = world();
    const a = tab();
    const b = tab();
    const c = tab();
    void a.runner.start(dataset('d1'));
    await until(() => b.active()?.id === 'd1' && c.active()?.id === 'd1');
    a.close();
    // The record still says "generating"; its lock is free now.
    await until(() => b.worker.runs + c.worker.runs === 1);
    const [owner, other] = b.worker.runs === 1 ? [b, c] : [c, b];
    expect(owner.active()).toMatchObject({ id: 'd1', resumed: true });
    expect(owner.active()?.elsewhere).toBeFalsy();
    await until(() => other.active()?.elsewhere === true);
    // The reloaded tab finds the job running elsewhere, not interrupted.
    const reloaded = tab();
    await reloaded.runner.resumeInterrupted();
    expect(reloaded.worker.runs).toBe(0);
    expect(reloaded.active()).toMatchObject({ id: 'd1', elsewhere: true });
    owner.worker.finish?.();
    await until(async () => (await status('d1')) === 'complete');
    await until(() => other.active() === null && reloaded.active() === null);
    expect(b.worker.runs + c.worker.runs + reloaded.worker.runs).toBe(1);
  });

  it('two tabs reloading at once: one resumes the interrupted job, the other shows it', async () => {
    const { tab } = world();
    await putRecord(db, 'datasets', dataset('d1'));
    const [x, y] = [tab(), tab()];
    const resuming = [x.runner.resumeInterrupted(), y.runner.resumeInterrupted()];
    await until(() => x.worker.runs + y.worker.runs === 1);
    const [owner, other] = x.worker.runs === 1 ? [x, y] : [y, x];
    await until(() => other.active()?.elsewhere === true);
    owner.worker.finish?.();
    await Promise.all(resuming);
    expect(await status('d1')).toBe('complete');
    expect(x.worker.runs + y.worker.runs).toBe(1);
  });

  it('one tab asking twice (React StrictMode mounts twice) resumes once and never shows its own job as elsewhere', async () => {
    const { tab } = world();
    await putRecord(db, 'datasets', dataset('d1'));
    const x = tab();
    const resuming = [x.runner.resumeInterrupted(), x.runner.resumeInterrupted()];
    await until(() => x.active()?.state === 'running');
    expect(x.active()?.elsewhere).toBeFalsy();
    x.worker.finish?.();
    await Promise.all(resuming);
    expect(await status('d1')).toBe('complete');
    expect(x.worker.runs).toBe(1);
  });

  it('a failed job is not taken over by another tab (it is failed, not interrupted)', async () => {
    const { tab } = world();
    const a = tab();
    const b = tab();
    const running = a.runner.start(dataset('d1'));
    await until(() => b.active()?.id === 'd1');
    a.worker.failWith = 'identity 3 could not be rendered';
    a.worker.finish?.();
    await running;
    expect(a.store.getState().error.generate).toBe('identity 3 could not be rendered');
    // A kind without a failed status keeps "generating", with the error recorded for the other tabs.
    expect(await getRecord(db, 'datasets', 'd1')).toMatchObject({
      status: 'generating',
      error: 'identity 3 could not be rendered',
    });
    await until(() => b.active() === null);
    await sleep(50);
    expect(b.worker.runs).toBe(0);
  });
});

describe('delete cancels the job first', () => {
  it('waits until the job (in another tab) has stopped, so its last write does not bring the record back', async () => {
    const { tab } = world();
    const a = tab();
    const b = tab();
    a.worker.stubborn = true;
    const running = a.runner.start(dataset('d1'));
    await until(() => b.active()?.id === 'd1');
    let deleted = false;
    const removing = b.runner.remove('d1').then((existed) => (deleted = existed));
    await until(() => a.active()?.state === 'pausing');
    await sleep(50);
    // A's worker has not stopped yet: nothing is deleted while it may still write.
    expect(deleted).toBe(false);
    expect(await status('d1')).toBe('generating');
    a.worker.finish?.(); // its last write: the record, "complete"
    await running;
    await removing;
    expect(deleted).toBe(true);
    expect(await getRecord(db, 'datasets', 'd1')).toBeUndefined();
    expect(a.store.getState().error.generate).toBe(
      "'faces d1' was deleted while it ran; its job stopped and wrote nothing more.",
    );
    await until(() => b.active() === null);
    // Nobody takes the deleted job over.
    await sleep(50);
    expect(a.worker.runs + b.worker.runs).toBe(1);
  });

  it('deleting the job this tab runs cancels it, then deletes', async () => {
    const { tab } = world();
    const a = tab();
    const running = a.runner.start(dataset('d1'));
    await until(() => a.active()?.state === 'running');
    expect(await a.runner.remove('d1')).toBe(true);
    await running;
    expect(await getRecord(db, 'datasets', 'd1')).toBeUndefined();
    expect(a.active()).toBeNull();
  });

  it('gives up with a clear message, deleting nothing, when the job does not stop in time', async () => {
    const { tab } = world();
    const a = tab();
    const b = tab({ deleteWaitMs: 100 });
    a.worker.stubborn = true;
    void a.runner.start(dataset('d1'));
    await until(() => b.active()?.id === 'd1');
    const error = await b.runner.remove('d1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GmfError);
    expect((error as GmfError).message).toBe(
      "'faces d1' is still running in another tab and did not stop within 0 s, so it was not deleted. Pause it there (or close that tab), then delete it again.",
    );
    expect(await status('d1')).toBe('generating');
  });
});

describe('locks and channel', () => {
  it('the in-memory locks follow the Web Locks rules, and a closed client lets go of its locks', async () => {
    const manager = createLocalLockManager();
    const [one, two] = [manager.client(), manager.client()];
    let release: () => void = () => undefined;
    const held = one.request('x', {}, () => new Promise<void>((resolve) => (release = resolve)));
    expect(await two.request('x', { ifAvailable: true }, (lock) => Promise.resolve(lock))).toBeNull();
    const waited = two.request('x', {}, (lock) => Promise.resolve(lock !== null));
    const timedOut = two.request('x', { signal: AbortSignal.timeout(20) }, () => Promise.resolve(true));
    await expect(timedOut).rejects.toMatchObject({ name: 'TimeoutError' });
    one.close();
    expect(await waited).toBe(true);
    release();
    await held;
  });

  it('ignores malformed messages from another tab', () => {
    expect(isJobChannelMessage({ type: 'active', kind: 'generate', job: { id: 1 } })).toBe(false);
    expect(isJobChannelMessage({ type: 'request', kind: 'train', id: 'r', action: 'format disk' })).toBe(false);
    expect(isJobChannelMessage({ type: 'request', kind: 'train', id: 'r', action: 'stop' })).toBe(true);
  });
});
