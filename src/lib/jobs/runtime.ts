/** Worker side: serves the jobs of one worker entry to a `createJobClient` on the main thread. */
import { GmfError, JobCancelledError } from '../errors';
import { ProgressMeter } from './progress';
import {
  errorMessage,
  eventData,
  isClientMessage,
  serializeError,
  type ClientMessage,
  type Endpoint,
  type JobMap,
  type WorkerMessage,
} from './protocol';

/** What a running job may use besides its input. */
export interface JobContext {
  /** Aborted when the client cancels; check it between chunks of work. */
  signal: AbortSignal;
  /** Report progress as often as convenient; reports are throttled before they are posted. */
  progress(done: number, total: number, message?: string): void;
  /** Buffers of the result to transfer rather than copy (they become unusable here). */
  transfer(...buffers: Transferable[]): void;
  /** Posts a job-specific event now, unthrottled and in order (e.g. each batch's metrics). */
  emit(event: unknown): void;
}

export type JobHandlers<M extends JobMap> = {
  [K in keyof M]: (input: M[K]['input'], ctx: JobContext) => Promise<M[K]['output']>;
};

export interface ServeJobsOptions {
  /** Minimum time between progress reports of one job (default 200 ms). */
  progressIntervalMs?: number;
}

/**
 * Listens on `endpoint` for start/cancel messages and runs the matching handlers; several jobs may
 * run at once, keyed by id. A job that settles after being cancelled reports `cancelled`.
 */
export function serveJobs<M extends JobMap>(
  handlers: JobHandlers<M>,
  endpoint: Endpoint = workerScope(),
  options: ServeJobsOptions = {},
): void {
  const running = new Map<number, AbortController>();
  const post = (message: WorkerMessage, transfer: Transferable[] = []): void => {
    endpoint.postMessage(message, transfer);
  };

  async function runJob(id: number, name: string, input: unknown): Promise<void> {
    // Own-property lookup, so names like "toString" are unknown jobs rather than Object methods.
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (handler === undefined) {
      const known = Object.keys(handlers).join(', ');
      const error = new GmfError('UNKNOWN_JOB', `Unknown job "${name}"; this worker serves: ${known}.`);
      post({ type: 'error', id, error: serializeError(error) });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const { signal } = controller;
    const meter = new ProgressMeter({ intervalMs: options.progressIntervalMs });
    const transfers: Transferable[] = [];
    const ctx: JobContext = {
      signal,
      progress(done, total, message) {
        const progress = meter.update(done, total, message);
        if (progress !== null && !signal.aborted) post({ type: 'progress', id, progress });
      },
      transfer(...buffers) {
        transfers.push(...buffers);
      },
      emit(event) {
        if (!signal.aborted) post({ type: 'event', id, event });
      },
    };
    try {
      const output = await handler(input, ctx);
      if (signal.aborted) {
        post({ type: 'cancelled', id });
        return;
      }
      const last = meter.flush();
      if (last !== null) post({ type: 'progress', id, progress: last });
      try {
        post({ type: 'result', id, output }, transfers);
      } catch (error) {
        // Typically a DataCloneError: the output holds functions, class instances with handles, ...
        const message = `Job "${name}" finished but its result could not be sent: ${errorMessage(error)}`;
        post({ type: 'error', id, error: serializeError(new GmfError('JOB_RESULT_NOT_CLONEABLE', message)) });
      }
    } catch (error) {
      post(signal.aborted ? { type: 'cancelled', id } : { type: 'error', id, error: serializeError(error) });
    } finally {
      running.delete(id);
    }
  }

  function onMessage(message: ClientMessage): void {
    if (message.type === 'cancel') {
      running.get(message.id)?.abort(new JobCancelledError());
      return;
    }
    void runJob(message.id, message.job, message.input);
  }

  endpoint.addEventListener('message', (event) => {
    const data = eventData(event);
    if (isClientMessage(data)) onMessage(data);
  });
  endpoint.start?.();
}

/** The worker's global scope, the endpoint of a real worker entry. */
function workerScope(): Endpoint {
  // Widened to unknown first: this file is also type-checked with the DOM lib (via the tests),
  // where `self` is a Window, whose postMessage takes a target origin.
  const scope: unknown = self;
  return scope as Endpoint;
}
