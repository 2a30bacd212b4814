/**
 * Locks that say which tab of this browser owns a job. In the browser they are the Web Locks API
 * (`navigator.locks`): shared by every tab of the origin, and released by the browser when a tab
 * closes or reloads — so a job whose record says "running" but whose lock is free was interrupted,
 * and one whose lock is held runs in another tab. Where the API is missing (Node, very old
 * browsers) an in-memory manager keeps the same rules within one page; tests give each simulated
 * tab a client of one shared in-memory manager.
 */

/** The subset of `navigator.locks` the jobs use (exclusive locks only). */
export interface JobLocks {
  /**
   * Runs `callback` while holding the lock `name`, released when its promise settles. With
   * `ifAvailable`, does not wait: the callback gets null when the lock is held or wanted
   * elsewhere. `signal` gives up waiting (rejects with an AbortError DOMException).
   */
  request: <T>(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: object | null) => Promise<T>,
  ) => Promise<T>;
}

/** The lock a job holds for as long as it runs (in whichever tab). */
export const jobLockName = (id: string): string => `gmf-job:${id}`;
/** The lock the tab running a job of `kind` holds: one job of a kind at a time, across tabs. */
export const kindLockName = (kind: string): string => `gmf-kind:${kind}`;

/** True for the error a lock request rejects with once its signal gave up waiting. */
export const isLockWaitAborted = (error: unknown): boolean =>
  error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError');

/**
 * Runs `body` holding the lock of `kind` (waiting up to `waitMs` for it, not at all when 0);
 * false, `body` not run, when another tab holds it.
 */
export async function withKindLock(
  locks: JobLocks,
  kind: string,
  waitMs: number,
  body: () => Promise<void>,
): Promise<boolean> {
  const options = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
  try {
    return await locks.request(kindLockName(kind), options, async (lock) => {
      if (!lock) return false;
      await body();
      return true;
    });
  } catch (error) {
    if (isLockWaitAborted(error)) return false;
    throw error;
  }
}

/** The page's locks: the browser's Web Locks, or (without them) locks private to this runner. */
export function browserLocks(): JobLocks {
  const locks = typeof document === 'undefined' ? undefined : (navigator as Partial<Navigator>).locks;
  if (!locks) return createLocalLockManager().client();
  return {
    request: <T>(
      name: string,
      options: { ifAvailable?: boolean; signal?: AbortSignal },
      callback: (lock: object | null) => Promise<T>,
    ) => locks.request(name, options, callback) as Promise<T>,
  };
}

/** A simulated tab's locks: closing it releases what it holds, as the browser does for a closed tab. */
export interface LockClient extends JobLocks {
  close: () => void;
}

/** What a request whose signal fired rejects with: the signal's reason, as in the browser. */
const aborted = (signal: AbortSignal | undefined): Error =>
  signal?.reason instanceof Error ? signal.reason : new DOMException('The lock request was aborted.', 'AbortError');

interface Waiter {
  client: object;
  grant: () => void;
}

/** In-memory locks with the Web Locks rules; each `client()` is one tab. */
export function createLocalLockManager(): { client: () => LockClient } {
  const held = new Map<string, object>();
  const queues = new Map<string, Waiter[]>();

  function release(name: string, client: object): void {
    if (held.get(name) !== client) return;
    held.delete(name);
    const next = queues.get(name)?.shift();
    if (next) next.grant();
  }

  function client(): LockClient {
    const me = {};
    let closed = false;
    const mine = new Set<string>();
    const request = <T>(
      name: string,
      options: { ifAvailable?: boolean; signal?: AbortSignal },
      callback: (lock: object | null) => Promise<T>,
    ): Promise<T> => {
      const { signal, ifAvailable } = options;
      if (closed) return new Promise<T>(() => undefined);
      if (signal?.aborted) return Promise.reject(aborted(signal));
      const queue = queues.get(name) ?? [];
      queues.set(name, queue);
      const free = !held.has(name) && queue.length === 0;
      if (ifAvailable && !free) return callback(null);
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter = {
          client: me,
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            held.set(name, me);
            mine.add(name);
            const lock = { name };
            callback(lock)
              .finally(() => {
                mine.delete(name);
                release(name, me);
              })
              .then(resolve, reject);
          },
        };
        const onAbort = () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(aborted(signal));
        };
        if (free) waiter.grant();
        else {
          queue.push(waiter);
          signal?.addEventListener('abort', onAbort, { once: true });
        }
      });
    };
    return {
      request,
      close: () => {
        closed = true;
        for (const [name, queue] of queues)
          queues.set(
            name,
            queue.filter((w) => w.client !== me),
          );
        for (const name of [...mine]) release(name, me);
        mine.clear();
      },
    };
  }

  return { client };
}
