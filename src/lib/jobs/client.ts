/** Main-thread side: a small typed client that runs jobs in a lazily started worker. */
import { GmfError, JobCancelledError } from '../errors';
import type { JobProgress } from './progress';
import {
  RemoteJobError,
  errorMessage,
  eventData,
  isWorkerMessage,
  type ClientMessage,
  type Endpoint,
  type JobMap,
  type WorkerMessage,
} from './protocol';

/** A `Worker`, or anything shaped like one (tests use a MessagePort). */
export interface JobWorker extends Endpoint {
  terminate(): void;
}

export interface JobClientOptions {
  /** Terminate the worker after this long with no job running (default 30 s; Infinity keeps it). */
  idleTimeoutMs?: number;
  /** After a cancel, wait this long for the job to stop before terminating the worker (default 2 s). */
  cancelGraceMs?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Called with throttled progress; not called once the job is being cancelled. */
  onProgress?: (progress: JobProgress) => void;
  /** Buffers of the input to transfer rather than copy (they become unusable here). */
  transfer?: Transferable[];
  /** Called with each event the job emits (unthrottled, in order); not called once cancelling. */
  onEvent?: (event: unknown) => void;
}

export interface JobClient<M extends JobMap> {
  /**
   * Runs a job. Rejects with JobCancelledError once a cancelled job has stopped (or its worker was
   * terminated), with RemoteJobError (the worker's code and message) when the job fails.
   */
  run<K extends keyof M & string>(name: K, input: M[K]['input'], options?: RunOptions): Promise<M[K]['output']>;
  /** Stops the worker now; running jobs reject with JobCancelledError. A later run starts a new one. */
  terminate(): void;
}

interface PendingJob {
  name: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  onProgress: ((progress: JobProgress) => void) | undefined;
  onEvent: ((event: unknown) => void) | undefined;
  /** Set once the signal fired; from then on the job can only end as cancelled. */
  cancelling: boolean;
  graceTimer: ReturnType<typeof setTimeout> | undefined;
  detach: () => void;
}

const cancelled = (job: PendingJob): JobCancelledError => new JobCancelledError(`Job "${job.name}" was cancelled.`);

export function createJobClient<M extends JobMap>(
  createWorker: () => JobWorker,
  options: JobClientOptions = {},
): JobClient<M> {
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const cancelGraceMs = options.cancelGraceMs ?? 2_000;
  const pending = new Map<number, PendingJob>();
  let worker: JobWorker | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;

  function settle(id: number, job: PendingJob, outcome: { output: unknown } | { error: Error }): void {
    pending.delete(id);
    clearTimeout(job.graceTimer);
    job.detach();
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.output);
    // setTimeout(Infinity) would fire at once, hence the finiteness check.
    if (pending.size === 0 && worker !== undefined && Number.isFinite(idleTimeoutMs)) {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        if (worker !== undefined && pending.size === 0) discard(worker, cancelled);
      }, idleTimeoutMs);
    }
  }

  /** Terminates `w` and rejects every job still running on it. */
  function discard(w: JobWorker, errorFor: (job: PendingJob) => Error): void {
    if (w !== worker) return;
    worker = undefined;
    clearTimeout(idleTimer);
    w.terminate();
    for (const [id, job] of [...pending]) settle(id, job, { error: errorFor(job) });
  }

  function onMessage(message: WorkerMessage): void {
    const job = pending.get(message.id);
    if (job === undefined) return;
    switch (message.type) {
      case 'progress':
        if (!job.cancelling) job.onProgress?.(message.progress);
        return;
      case 'event':
        if (!job.cancelling) job.onEvent?.(message.event);
        return;
      case 'result':
        settle(message.id, job, job.cancelling ? { error: cancelled(job) } : { output: message.output });
        return;
      case 'error':
        settle(message.id, job, { error: job.cancelling ? cancelled(job) : new RemoteJobError(message.error) });
        return;
      case 'cancelled':
        settle(message.id, job, { error: cancelled(job) });
        return;
    }
  }

  function crashed(w: JobWorker, event: Event): void {
    const detail = 'message' in event && typeof event.message === 'string' ? `: ${event.message}` : '.';
    const what = event.type === 'messageerror' ? 'sent a message that could not be read' : 'crashed';
    const error = { name: 'WorkerCrashedError', code: 'WORKER_CRASHED', message: `The job worker ${what}${detail}` };
    discard(w, () => new RemoteJobError(error));
  }

  function ensureWorker(): JobWorker {
    if (worker !== undefined) return worker;
    const w = createWorker();
    // Events from a worker that was already discarded are ignored.
    w.addEventListener('message', (event) => {
      const data = eventData(event);
      if (w === worker && isWorkerMessage(data)) onMessage(data);
    });
    w.addEventListener('error', (event) => {
      crashed(w, event);
    });
    w.addEventListener('messageerror', (event) => {
      crashed(w, event);
    });
    w.start?.();
    worker = w;
    return w;
  }

  function run<K extends keyof M & string>(
    name: K,
    input: M[K]['input'],
    runOptions: RunOptions = {},
  ): Promise<M[K]['output']> {
    const { signal, onProgress, onEvent, transfer = [] } = runOptions;
    if (signal?.aborted === true) {
      return Promise.reject(new JobCancelledError(`Job "${name}" was cancelled before it started.`));
    }
    return new Promise((resolve, reject) => {
      clearTimeout(idleTimer);
      const w = ensureWorker();
      const id = nextId++;
      const onAbort = (): void => {
        if (job.cancelling) return;
        job.cancelling = true;
        w.postMessage({ type: 'cancel', id } satisfies ClientMessage);
        // A job in a busy loop never sees its signal; only terminating the worker stops it.
        job.graceTimer = setTimeout(() => {
          discard(w, (other) =>
            other.cancelling
              ? cancelled(other)
              : new GmfError(
                  'WORKER_TERMINATED',
                  `Job "${other.name}" was stopped because job "${name}" ignored its cancellation.`,
                ),
          );
        }, cancelGraceMs);
      };
      const job: PendingJob = {
        name,
        resolve,
        reject,
        onProgress,
        onEvent,
        cancelling: false,
        graceTimer: undefined,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      pending.set(id, job);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        w.postMessage({ type: 'start', id, job: name, input } satisfies ClientMessage, transfer);
      } catch (error) {
        const message = `Could not send the input of job "${name}" to its worker: ${errorMessage(error)}`;
        settle(id, job, { error: new GmfError('JOB_START_FAILED', message, { cause: error }) });
      }
    });
  }

  return {
    run,
    terminate() {
      if (worker !== undefined) discard(worker, cancelled);
    },
  };
}
