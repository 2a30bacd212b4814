// End to end over Node's MessageChannel: port1 plays the worker (serveJobs), port2 the Worker object.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GmfError } from '../errors';
import { createJobClient, type JobClient, type JobClientOptions, type JobWorker } from './client';
import type { JobProgress } from './progress';
import { JobCancelledError } from '../errors';
import { RemoteJobError, type JobMap } from './protocol';
import { serveJobs, type JobHandlers } from './runtime';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class BadSplitError extends GmfError {
  constructor() {
    super('BAD_SPLIT', 'Split sizes 48+24+24 do not add up to the 100 identities in this dataset');
  }
}

interface FakeWorker {
  terminate: ReturnType<typeof vi.fn>;
  port: MessagePort;
}

const clients: JobClient<JobMap>[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.terminate();
});

function connect<M extends JobMap>(
  handlers: JobHandlers<M>,
  options: JobClientOptions & { progressIntervalMs?: number } = {},
) {
  const workers: FakeWorker[] = [];
  const client = createJobClient<M>((): JobWorker => {
    const { port1, port2 } = new MessageChannel();
    serveJobs(handlers, port1, { progressIntervalMs: options.progressIntervalMs });
    const terminate = vi.fn(() => {
      port1.close();
      port2.close();
    });
    workers.push({ terminate, port: port2 });
    return {
      postMessage: (message, transfer) => {
        port2.postMessage(message, transfer ?? []);
      },
      addEventListener: (type, listener) => {
        port2.addEventListener(type, listener);
      },
      start: () => {
        port2.start();
      },
      terminate,
    };
  }, options);
  clients.push(client);
  return { client, workers };
}

describe('job client and runtime', () => {
  it('throttles progress: far fewer reports than updates, monotone, ending at done === total', async () => {
    const { client } = connect<{ count: { input: number; output: number } }>(
      {
        count: async (n, ctx) => {
          for (let i = 0; i < n; i++) {
            if (i % 20 === 0) await sleep(5);
            ctx.progress(i + 1, n, 'counting');
          }
          return n;
        },
      },
      { progressIntervalMs: 50 },
    );
    const reports: JobProgress[] = [];
    await expect(client.run('count', 1000, { onProgress: (p) => reports.push(p) })).resolves.toBe(1000);

    expect(reports.length).toBeGreaterThanOrEqual(3);
    expect(reports.length).toBeLessThan(50);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]?.done).toBeGreaterThanOrEqual(reports[i - 1]?.done ?? Infinity);
    }
    const last = reports.at(-1);
    expect(last).toMatchObject({ done: 1000, total: 1000, etaSeconds: 0, message: 'counting' });
    expect(last?.rate).toBeGreaterThan(0);
    for (const p of reports.slice(1, -1)) {
      // About 4 items/ms, so the ETA of what is left is well under a minute.
      expect(p.rate).toBeGreaterThan(0);
      expect(p.etaSeconds).toBeGreaterThan(0);
      expect(p.etaSeconds).toBeLessThan(60);
    }
  });

  it('delivers every emitted event, unthrottled and in order, before the result', async () => {
    const { client } = connect<{ batches: { input: number; output: string } }>(
      {
        batches: async (n, ctx) => {
          for (let i = 0; i < n; i++) ctx.emit({ batch: i, loss: 1 / (i + 1) });
          await sleep(1);
          return 'done';
        },
      },
      { progressIntervalMs: 1000 },
    );
    const events: unknown[] = [];
    await expect(client.run('batches', 300, { onEvent: (e) => events.push(e) })).resolves.toBe('done');
    expect(events).toEqual(Array.from({ length: 300 }, (_, i) => ({ batch: i, loss: 1 / (i + 1) })));
  });

  it('transfers buffers both ways and delivers them intact', async () => {
    let sent: ArrayBuffer | undefined;
    const { client } = connect<{ scale: { input: ArrayBuffer; output: ArrayBuffer } }>({
      scale: (input, ctx) => {
        const out = new Float32Array(input).map((x) => x * 2);
        sent = out.buffer;
        ctx.transfer(out.buffer);
        return Promise.resolve(out.buffer);
      },
    });
    const input = new Float32Array([0.5, -1.25, 3, 1e-7]);
    const running = client.run('scale', input.buffer, { transfer: [input.buffer] });
    expect(input.buffer.byteLength).toBe(0); // moved, not copied
    const result = await running;
    expect(Array.from(new Float32Array(result))).toEqual([1, -2.5, 6, Math.fround(1e-7) * 2]);
    expect(sent?.byteLength).toBe(0);
  });

  it('rebuilds worker errors with their code, name and message', async () => {
    type Jobs = { badSplit: { input: null; output: null }; plain: { input: null; output: null } };
    const { client } = connect<Jobs & { missing: { input: null; output: null } }>({
      badSplit: () => Promise.reject(new BadSplitError()),
      plain: () => {
        throw new Error('disk full');
      },
    } as JobHandlers<Jobs> as JobHandlers<Jobs & { missing: { input: null; output: null } }>);

    const bad = await client.run('badSplit', null).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(GmfError);
    expect(bad).toBeInstanceOf(RemoteJobError);
    expect(bad).toMatchObject({ code: 'BAD_SPLIT', name: 'BadSplitError', message: new BadSplitError().message });

    await expect(client.run('plain', null)).rejects.toMatchObject({ code: 'JOB_FAILED', message: 'disk full' });
    await expect(client.run('missing', null)).rejects.toMatchObject({
      code: 'UNKNOWN_JOB',
      message: 'Unknown job "missing"; this worker serves: badSplit, plain.',
    });
  });

  it('cancels a cooperative job: it stops, cleans up, and the worker stays', async () => {
    let cleanedUp = false;
    let iterations = 0;
    const { client, workers } = connect<{
      loop: { input: null; output: null };
      echo: { input: string; output: string };
    }>({
      loop: async (_input, ctx) => {
        try {
          for (;;) {
            if (ctx.signal.aborted) throw ctx.signal.reason;
            iterations++;
            ctx.progress(iterations, 1e6);
            await sleep(2);
          }
        } finally {
          cleanedUp = true;
        }
      },
      echo: (s) => Promise.resolve(s),
    });
    const controller = new AbortController();
    const running = client.run('loop', null, { signal: controller.signal });
    // Concurrently, a second job on the same worker is unaffected.
    const other = client.run('echo', 'still here');
    await sleep(30);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(JobCancelledError);
    expect(cleanedUp).toBe(true);
    const stoppedAt = iterations;
    await sleep(20);
    expect(iterations).toBe(stoppedAt);
    await expect(other).resolves.toBe('still here');
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminate).not.toHaveBeenCalled();
  });

  it('hard-cancels a job that ignores its signal after cancelGraceMs; the next run gets a fresh worker', async () => {
    let release = false;
    const { client, workers } = connect<{
      stubborn: { input: null; output: null };
      echo: { input: string; output: string };
    }>(
      {
        stubborn: async () => {
          while (!release) await sleep(5); // never looks at ctx.signal
          return null;
        },
        echo: (s) => Promise.resolve(s),
      },
      { cancelGraceMs: 100 },
    );
    try {
      const controller = new AbortController();
      const running = client.run('stubborn', null, { signal: controller.signal });
      await sleep(10);
      const abortedAt = performance.now();
      controller.abort();
      await expect(running).rejects.toBeInstanceOf(JobCancelledError);
      expect(performance.now() - abortedAt).toBeGreaterThanOrEqual(90);
      expect(workers[0]?.terminate).toHaveBeenCalledTimes(1);

      await expect(client.run('echo', 'fresh')).resolves.toBe('fresh');
      expect(workers).toHaveLength(2);
      expect(workers[1]?.terminate).not.toHaveBeenCalled();
    } finally {
      release = true;
    }
  });

  it('rejects an already-aborted signal without starting a worker', async () => {
    const handler = vi.fn(() => Promise.resolve(null));
    const { client, workers } = connect<{ job: { input: null; output: null } }>({ job: handler });
    await expect(client.run('job', null, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'JOB_CANCELLED',
    });
    expect(workers).toHaveLength(0);
    expect(handler).not.toHaveBeenCalled();
  });

  it('terminates the worker after idleTimeoutMs without jobs, never during a job', async () => {
    const { client, workers } = connect<{ wait: { input: number; output: number } }>(
      { wait: async (ms) => (await sleep(ms), ms) },
      { idleTimeoutMs: 40 },
    );
    await expect(client.run('wait', 120)).resolves.toBe(120); // outlives the idle timeout
    expect(workers[0]?.terminate).not.toHaveBeenCalled();
    await sleep(80);
    expect(workers[0]?.terminate).toHaveBeenCalledTimes(1);
    await expect(client.run('wait', 0)).resolves.toBe(0);
    expect(workers).toHaveLength(2);
  });

  it('rejects pending jobs with WORKER_CRASHED on a worker error event and recovers', async () => {
    const { client, workers } = connect<{
      hang: { input: null; output: null };
      echo: { input: string; output: string };
    }>({
      hang: () => new Promise(() => undefined),
      echo: (s) => Promise.resolve(s),
    });
    const running = client.run('hang', null);
    await sleep(10);
    workers[0]?.port.dispatchEvent(new Event('error'));
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteJobError);
    expect(error).toMatchObject({ code: 'WORKER_CRASHED' });
    expect(workers[0]?.terminate).toHaveBeenCalled();
    await expect(client.run('echo', 'again')).resolves.toBe('again');
    expect(workers).toHaveLength(2);
  });

  it('terminate() rejects running jobs with JobCancelledError', async () => {
    const { client } = connect<{ hang: { input: null; output: null } }>({ hang: () => new Promise(() => undefined) });
    const running = client.run('hang', null);
    client.terminate();
    await expect(running).rejects.toBeInstanceOf(JobCancelledError);
  });
});
