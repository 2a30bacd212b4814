// serveJobs driven through a raw MessagePort, checking the messages it posts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, JobMap, WorkerMessage } from './protocol';
import { serveJobs, type JobHandlers, type ServeJobsOptions } from './runtime';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

function serve<M extends JobMap>(handlers: JobHandlers<M>, options?: ServeJobsOptions) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  serveJobs(handlers, port1, options);
  const received: WorkerMessage[] = [];
  port2.addEventListener('message', (event) => received.push(event.data as WorkerMessage));
  port2.start();
  const send = (message: ClientMessage | object): void => {
    port2.postMessage(message);
  };
  /** Resolves with job `id`'s terminal message. */
  const settled = async (id: number): Promise<WorkerMessage> => {
    let last: WorkerMessage | undefined;
    await vi.waitFor(() => {
      last = received.find((m) => m.id === id && m.type !== 'progress');
      expect(last).toBeDefined();
    });
    return last as WorkerMessage;
  };
  return { send, received, settled };
}

describe('serveJobs', () => {
  it('reports cancelled, not error, for a job that throws or returns after its signal was aborted', async () => {
    const { send, settled } = serve<{
      throws: { input: null; output: null };
      returns: { input: null; output: string };
    }>({
      throws: async (_input, { signal }) => {
        await sleep(30);
        throw new Error(`aborted: ${String(signal.aborted)}`);
      },
      returns: async () => {
        await sleep(30);
        return 'too late';
      },
    });
    send({ type: 'start', id: 1, job: 'throws', input: null });
    send({ type: 'start', id: 2, job: 'returns', input: null });
    send({ type: 'start', id: 3, job: 'returns', input: null });
    send({ type: 'cancel', id: 1 });
    send({ type: 'cancel', id: 2 });
    expect(await settled(1)).toEqual({ type: 'cancelled', id: 1 });
    expect(await settled(2)).toEqual({ type: 'cancelled', id: 2 });
    expect(await settled(3)).toEqual({ type: 'result', id: 3, output: 'too late' });
  });

  it('aborts the signal with a JobCancelledError reason', async () => {
    let reason: unknown;
    const { send, settled } = serve<{ wait: { input: null; output: null } }>({
      wait: (_input, { signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            reject(new Error('stopped'));
          });
        }),
    });
    send({ type: 'start', id: 7, job: 'wait', input: null });
    await sleep(5);
    send({ type: 'cancel', id: 7 });
    expect(await settled(7)).toEqual({ type: 'cancelled', id: 7 });
    expect(reason).toMatchObject({ name: 'JobCancelledError', code: 'JOB_CANCELLED' });
  });

  it('flushes the last throttled progress before the result', async () => {
    const { send, received, settled } = serve<{ steps: { input: null; output: null } }>(
      {
        steps: (_input, ctx) => {
          for (let i = 1; i <= 5; i++) ctx.progress(i, 10);
          return Promise.resolve(null);
        },
      },
      { progressIntervalMs: 10_000 },
    );
    send({ type: 'start', id: 1, job: 'steps', input: null });
    await settled(1);
    expect(received.map((m) => (m.type === 'progress' ? m.progress.done : m.type))).toEqual([1, 5, 'result']);
  });

  it('treats inherited names as unknown jobs, ignores foreign messages, and reports uncloneable results', async () => {
    const { send, received, settled } = serve<{ fn: { input: null; output: () => void } }>({
      fn: () => Promise.resolve(() => undefined),
    });
    send({ hello: 'not ours' });
    send({ type: 'start', id: 1, job: 'toString', input: null });
    send({ type: 'start', id: 2, job: 'fn', input: null });
    expect(await settled(1)).toMatchObject({ type: 'error', error: { code: 'UNKNOWN_JOB' } });
    expect(await settled(2)).toMatchObject({ type: 'error', error: { code: 'JOB_RESULT_NOT_CLONEABLE' } });
    expect(received).toHaveLength(2);
  });
});
