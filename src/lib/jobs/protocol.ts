/**
 * The wire contract between a job client (main thread) and `serveJobs` (worker).
 * Only plain, structured-cloneable data crosses; errors are rebuilt on the client side.
 */
import { GmfError } from '../errors';
import type { JobProgress } from './progress';

/** One job's types. */
export interface JobSpec {
  input: unknown;
  output: unknown;
}

/** Job name → its input and output. Declare maps with `type`, not `interface` (interfaces lack the index signature). */
export type JobMap = Record<string, JobSpec>;

/**
 * What both ends need of a `Worker`, a `DedicatedWorkerGlobalScope` or a `MessagePort`.
 * Only types shared by the DOM and WebWorker libs appear, so this compiles under both.
 */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  removeEventListener?(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  /** MessagePorts queue messages until started. */
  start?(): void;
}

/** An error as it crosses the boundary. */
export interface SerializedError {
  name: string;
  code: string;
  message: string;
}

export type ClientMessage = { type: 'start'; id: number; job: string; input: unknown } | { type: 'cancel'; id: number };

export type WorkerMessage =
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'event'; id: number; event: unknown }
  | { type: 'result'; id: number; output: unknown }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'cancelled'; id: number };

/** An error thrown in the worker, rebuilt with its original name, code and message. */
export class RemoteJobError extends GmfError {
  constructor(error: SerializedError) {
    super(error.code, error.message);
    this.name = error.name;
  }
}

/** GmfErrors keep their code; anything else becomes JOB_FAILED with its message. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof GmfError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, code: 'JOB_FAILED', message: error.message };
  return { name: 'Error', code: 'JOB_FAILED', message: String(error) };
}

/** The text of a thrown value, for messages that wrap it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The payload of a message event; undefined for events that carry none. */
export function eventData(event: Event): unknown {
  return 'data' in event ? event.data : undefined;
}

// The guards below only tell our messages from others sharing the port (e.g. a library's own);
// the shape of the payload is trusted, since both ends are this code.

function hasIdAndType(data: unknown): data is { id: number; type: string } {
  if (typeof data !== 'object' || data === null) return false;
  const { id, type } = data as { id?: unknown; type?: unknown };
  return typeof id === 'number' && typeof type === 'string';
}

export function isClientMessage(data: unknown): data is ClientMessage {
  return hasIdAndType(data) && (data.type === 'start' || data.type === 'cancel');
}

export function isWorkerMessage(data: unknown): data is WorkerMessage {
  return (
    hasIdAndType(data) &&
    (data.type === 'progress' ||
      data.type === 'event' ||
      data.type === 'result' ||
      data.type === 'error' ||
      data.type === 'cancelled')
  );
}
