/**
 * A job client whose "worker" is `serveJobs(handlers)` on the other end of a Node
 * MessageChannel: the real wire protocol, structured cloning and cancellation, no Worker.
 */
import { createJobClient, type JobClient, type JobClientOptions } from '../../src/lib/jobs/client';
import type { JobMap } from '../../src/lib/jobs/protocol';
import { type JobHandlers, serveJobs } from '../../src/lib/jobs/runtime';

export function messageChannelClient<M extends JobMap>(
  handlers: JobHandlers<M>,
  options: JobClientOptions & { progressIntervalMs?: number } = {},
): JobClient<M> {
  return createJobClient<M>(() => {
    const { port1, port2 } = new MessageChannel();
    serveJobs(handlers, port1, { progressIntervalMs: options.progressIntervalMs ?? 0 });
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
      terminate: () => {
        port1.close();
        port2.close();
      },
    };
  }, options);
}
