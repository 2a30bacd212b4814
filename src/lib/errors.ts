/**
 * Base class for every error the workbench raises on purpose: a stable string code for
 * programs and tests, and a message a researcher can act on. Errors cross worker
 * boundaries as { name, code, message } and are rebuilt on the other side.
 */
export class GmfError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * The one cancellation error: a job stopped on purpose (its AbortSignal fired, or its worker was
 * terminated). Job code throws it between chunks of work; runners treat it as "paused", not failed.
 */
export class JobCancelledError extends GmfError {
  constructor(message = 'The job was cancelled.') {
    super('JOB_CANCELLED', message);
  }
}

/** Throws the signal's reason (a JobCancelledError unless the caller gave another error) once aborted. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (!signal.aborted) return;
  throw signal.reason instanceof Error ? signal.reason : new JobCancelledError();
}
